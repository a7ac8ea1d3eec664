import { useTranslations } from "next-intl";
import type { CardCounters } from "@/lib/cards/ledger";
import { nextReward, readyRewards } from "@/lib/cards/rewards";
import type { CardDesign } from "./design";
import { StampStrip } from "./stamp-strip";

/** The customer's web card; also the third preview in the designer. */
export function WebCard({
  design,
  counters,
  customerName,
  children,
}: {
  design: CardDesign;
  counters: CardCounters;
  customerName?: string;
  children?: React.ReactNode;
}) {
  const t = useTranslations("card");
  const ready = readyRewards(counters, design);
  const next = nextReward(counters, design);
  return (
    <article className="rounded-3xl p-6 shadow-2xl" style={{ backgroundColor: design.backgroundColor, color: design.foregroundColor }} data-testid="web-card">
      {/* A wide logo gets the full width, never cropped. */}
      {design.logoUrl && (
        <img src={design.logoUrl} alt="" className="mb-4 block h-auto max-h-14 w-auto max-w-full object-contain" data-testid="web-card-logo" />
      )}
      <p className="text-sm uppercase tracking-widest" style={{ color: design.labelColor }}>
        {design.merchantName}
      </p>
      <h1 className="mt-1 text-2xl font-bold">{design.name}</h1>
      {customerName && <p className="mt-1">{customerName}</p>}
      {ready.map((r) => (
        <p key={r.kind} className="mt-4 rounded-xl bg-white px-4 py-3 font-semibold text-stone-900 shadow" data-testid="reward-ready">
          <span aria-hidden>🎁 </span>
          {t("ready", { count: r.count, reward: r.name ?? t("intermediateUnnamed") })}
        </p>
      ))}
      <StampStrip
        className="mt-6"
        filled={Math.min(counters.stampCount, design.stampsRequired)}
        total={design.stampsRequired}
        color={design.labelColor}
        icon={design.stampIcon}
      />
      <p className="mt-6 font-medium" data-testid="stamp-count">
        {t("stamps", { count: counters.stampCount, total: design.stampsRequired })}
      </p>
      <p className="text-sm font-medium" data-testid="next-reward">
        {t("next", { remaining: next.remaining, reward: next.name })}
      </p>
      <p className="mt-2 text-sm" style={{ color: design.labelColor }}>
        {t("reward", { reward: design.rewardText })}
      </p>
      {design.intermediateStamp && design.intermediateRewardText && (
        <p className="text-sm" style={{ color: design.labelColor }}>
          {t("intermediate", { at: design.intermediateStamp, reward: design.intermediateRewardText })}
        </p>
      )}
      {children}
    </article>
  );
}
