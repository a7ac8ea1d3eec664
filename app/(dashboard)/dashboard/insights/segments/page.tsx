// Inzichten › Klantgroepen: the RFM segments (who are the champions, who is
// slipping away, and what to do about each group), the grid they come from and
// engagement (docs/insights.md § Klantgroepen). Scores describe customers now:
// the period picker does not apply here. Each panel loads on its own.
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { Freshness, PanelSkeleton } from "@/components/insights/panel";
import { EngagementPanel } from "@/components/insights/segments/engagement-panel";
import { RfmGridPanel } from "@/components/insights/segments/rfm-grid-panel";
import { SegmentsPanel } from "@/components/insights/segments/segments-panel";
import { insightsPage, type InsightsSearchParams } from "@/lib/insights/page-context";

export default async function InsightsSegmentsPage({ searchParams }: { searchParams?: InsightsSearchParams }) {
  const { ctx, freshness } = await insightsPage(searchParams);
  const t = await getTranslations("insightsSegments");
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Freshness {...freshness} />
        <p className="text-sm text-stone-600">{t("note")}</p>
      </div>
      <Suspense fallback={<PanelSkeleton title={t("table.title")} />}>
        <SegmentsPanel ctx={ctx} />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<PanelSkeleton title={t("grid.title")} />}>
          <RfmGridPanel ctx={ctx} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title={t("engagement.title")} />}>
          <EngagementPanel ctx={ctx} />
        </Suspense>
      </div>
    </div>
  );
}
