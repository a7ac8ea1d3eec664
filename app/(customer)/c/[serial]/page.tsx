import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StampStrip } from "@/components/cards/stamp-strip";
import { getPublicCard } from "@/lib/cards/get-public-card";

export const dynamic = "force-dynamic";

export default async function WebCardPage({ params }: { params: Promise<{ serial: string }> }) {
  const { serial } = await params;
  const card = await getPublicCard(decodeURIComponent(serial));
  if (!card) notFound();
  const t = await getTranslations("card");
  const p = card.program;
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center p-4">
      <article className="rounded-3xl p-6 shadow-2xl" style={{ backgroundColor: p.backgroundColor, color: p.foregroundColor }}>
        <p className="text-sm uppercase tracking-widest" style={{ color: p.labelColor }}>{card.organization.name}</p>
        <h1 className="mt-1 text-2xl font-bold">{p.name}</h1>
        <p className="mt-1">{card.customer.name}</p>
        <StampStrip className="mt-6" filled={card.stampCount} total={p.stampsRequired} color={p.labelColor} />
        <p className="mt-6 font-medium" data-testid="stamp-count">{t("stamps", { count: card.stampCount, total: p.stampsRequired })}</p>
        <p className="text-sm" style={{ color: p.labelColor }}>{t("reward", { reward: p.rewardText })}</p>
        {p.intermediateStamp && p.intermediateRewardText && (
          <p className="text-sm" style={{ color: p.labelColor }}>{t("intermediate", { at: p.intermediateStamp, reward: p.intermediateRewardText })}</p>
        )}
        {card.rewardsAvailable > 0 && <p className="mt-4 rounded-lg bg-white/15 px-3 py-2 font-semibold">{t("rewardsAvailable", { count: card.rewardsAvailable })}</p>}
        <p className="mt-6 text-center font-mono text-lg tracking-widest">{card.serial}</p>
      </article>
    </main>
  );
}
