// Inzichten › Overzicht: key figures and charts for the chosen period
// (docs/insights.md § Overzicht). Each panel loads on its own (Suspense), so a
// slow one never holds up the others.
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { CohortsPanel } from "@/components/insights/overview/cohorts-panel";
import { HeatmapPanel } from "@/components/insights/overview/heatmap-panel";
import { KpisPanel } from "@/components/insights/overview/kpis-panel";
import { SourcesPanel } from "@/components/insights/overview/sources-panel";
import { StampsByPanels } from "@/components/insights/overview/stamps-by-panel";
import { VisitsPanel } from "@/components/insights/overview/visits-panel";
import { Freshness, PanelSkeleton } from "@/components/insights/panel";
import { insightsPage, type InsightsSearchParams } from "@/lib/insights/page-context";

export default async function InsightsOverviewPage({ searchParams }: { searchParams?: InsightsSearchParams }) {
  const { ctx, period, freshness } = await insightsPage(searchParams);
  const t = await getTranslations("insightsOverview");
  const panel = { ctx, period };
  return (
    <div className="space-y-6">
      <Freshness {...freshness} figures />
      <Suspense fallback={<PanelSkeleton title={t("kpis.title")} />}>
        <KpisPanel {...panel} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={t("visits.title")} />}>
        <VisitsPanel {...panel} />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-3">
        <Suspense fallback={<PanelSkeleton title={t("sources.title")} />}>
          <SourcesPanel {...panel} />
        </Suspense>
        <Suspense
          fallback={
            <>
              <PanelSkeleton title={t("locations.title")} />
              <PanelSkeleton title={t("staff.title")} />
            </>
          }
        >
          <StampsByPanels {...panel} />
        </Suspense>
      </div>
      <Suspense fallback={<PanelSkeleton title={t("heatmap.title")} />}>
        <HeatmapPanel {...panel} />
      </Suspense>
      <Suspense fallback={<PanelSkeleton title={t("cohorts.title")} />}>
        <CohortsPanel {...panel} />
      </Suspense>
    </div>
  );
}
