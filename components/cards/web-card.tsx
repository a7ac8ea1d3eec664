import { useTranslations } from "next-intl";
import type { CardDesign } from "./design";
import { StampStrip } from "./stamp-strip";

/** The customer's web card; also the third preview in the designer. */
export function WebCard({
  design,
  filled,
  customerName,
  rewardsAvailable = 0,
  children,
}: {
  design: CardDesign;
  filled: number;
  customerName?: string;
  rewardsAvailable?: number;
  children?: React.ReactNode;
}) {
  const t = useTranslations("card");
  return (
    <article className="rounded-3xl p-6 shadow-2xl" style={{ backgroundColor: design.backgroundColor, color: design.foregroundColor }} data-testid="web-card">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-sm uppercase tracking-widest" style={{ color: design.labelColor }}>
            {design.merchantName}
          </p>
          <h1 className="mt-1 text-2xl font-bold">{design.name}</h1>
          {customerName && <p className="mt-1">{customerName}</p>}
        </div>
        {design.logoUrl && <img src={design.logoUrl} alt="" className="h-10 max-w-[120px] object-contain" />}
      </div>
      <StampStrip className="mt-6" filled={filled} total={design.stampsRequired} color={design.labelColor} icon={design.stampIcon} />
      <p className="mt-6 font-medium" data-testid="stamp-count">
        {t("stamps", { count: filled, total: design.stampsRequired })}
      </p>
      <p className="text-sm" style={{ color: design.labelColor }}>
        {t("reward", { reward: design.rewardText })}
      </p>
      {design.intermediateStamp && design.intermediateRewardText && (
        <p className="text-sm" style={{ color: design.labelColor }}>
          {t("intermediate", { at: design.intermediateStamp, reward: design.intermediateRewardText })}
        </p>
      )}
      {rewardsAvailable > 0 && <p className="mt-4 rounded-lg bg-white/15 px-3 py-2 font-semibold">{t("rewardsAvailable", { count: rewardsAvailable })}</p>}
      {children}
    </article>
  );
}
