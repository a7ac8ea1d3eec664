// Inzichten › Personeel: a summary per staff member and four signals from the
// ledger, each with the rows behind it (docs/insights.md § Personeel). Each
// panel loads on its own (Suspense).
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { Freshness, PanelSkeleton } from "@/components/insights/panel";
import { FewCardsPanel, OutsideHoursPanel, TwoLocationsPanel, UndoOverridePanel } from "@/components/insights/staff/signal-panels";
import { StaffSummaryPanel } from "@/components/insights/staff/summary-panel";
import { insightsPage, type InsightsSearchParams } from "@/lib/insights/page-context";

export default async function InsightsStaffPage({ searchParams }: { searchParams?: InsightsSearchParams }) {
  const { ctx, period, freshness } = await insightsPage(searchParams);
  const t = await getTranslations("insightsStaff");
  const panel = { ctx, period };
  return (
    <div className="space-y-6">
      <p className="max-w-prose text-stone-600">{t("intro")}</p>
      {freshness.kept && <Freshness {...freshness} figures />}
      <Suspense fallback={<PanelSkeleton title={t("summary.title")} />}>
        <StaffSummaryPanel {...panel} />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<PanelSkeleton title={t("fewCards.title")} />}>
          <FewCardsPanel {...panel} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title={t("outsideHours.title")} />}>
          <OutsideHoursPanel {...panel} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title={t("twoLocations.title")} />}>
          <TwoLocationsPanel {...panel} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title={t("undos.title")} />}>
          <UndoOverridePanel {...panel} />
        </Suspense>
      </div>
    </div>
  );
}
