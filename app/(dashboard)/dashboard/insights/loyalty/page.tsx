// Inzichten › Loyaliteit: the loyalty matrix (attitude × behaviour), the
// loyalty ladder with who moved on it in the chosen period, and reward-bound
// loyalty (?weeks=4|6|8|12) — docs/insights.md § Loyaliteit. Each panel loads
// on its own.
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { LadderPanel } from "@/components/insights/loyalty/ladder-panel";
import { MatrixPanel } from "@/components/insights/loyalty/matrix-panel";
import { MoversPanel } from "@/components/insights/loyalty/movers-panel";
import { RewardBoundPanel } from "@/components/insights/loyalty/reward-bound-panel";
import { Freshness, PanelSkeleton } from "@/components/insights/panel";
import { RewardWeeksParam } from "@/lib/insights/loyalty";
import { insightsPage, type InsightsSearchParams } from "@/lib/insights/page-context";

export default async function InsightsLoyaltyPage({ searchParams }: { searchParams?: InsightsSearchParams }) {
  const { ctx, period, freshness, searchParams: sp } = await insightsPage(searchParams);
  const weeks = RewardWeeksParam.parse(Array.isArray(sp.weeks) ? sp.weeks[0] : sp.weeks);
  const t = await getTranslations("insightsLoyalty");
  const panel = { ctx, period };
  return (
    <div className="space-y-6">
      <Freshness {...freshness} />
      <Suspense fallback={<PanelSkeleton title={t("matrix.title")} />}>
        <MatrixPanel {...panel} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={t("ladder.title")} />}>
        <LadderPanel {...panel} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={t("movers.title")} />}>
        <MoversPanel {...panel} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={t("rewardBound.title")} />}>
        <RewardBoundPanel {...panel} weeks={weeks} />
      </Suspense>
    </div>
  );
}
