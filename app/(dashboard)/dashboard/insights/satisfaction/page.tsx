// Inzichten › Tevredenheid: what customers answer to the questions on their card
// — NPS and CLI, satisfaction, the monthly trend, per location and staff member,
// and the latest comments (docs/insights.md § Tevredenheid). Each panel loads on
// its own (Suspense). Before the first answer: how to switch the questions on.
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { CommentsPanel } from "@/components/insights/attitude/comments-panel";
import { GroupsPanel } from "@/components/insights/attitude/groups-panel";
import { NpsPanel } from "@/components/insights/attitude/nps-panel";
import { NpsTrendPanel } from "@/components/insights/attitude/nps-trend-panel";
import { SatisfactionPanel } from "@/components/insights/attitude/satisfaction-panel";
import { SetupNotice } from "@/components/insights/attitude/setup-notice";
import { PanelSkeleton } from "@/components/insights/panel";
import { surveySetup } from "@/lib/insights/attitude";
import { insightsPage, type InsightsSearchParams } from "@/lib/insights/page-context";

export default async function InsightsSatisfactionPage({ searchParams }: { searchParams?: InsightsSearchParams }) {
  const { ctx, period } = await insightsPage(searchParams);
  const [setup, t] = await Promise.all([surveySetup(ctx), getTranslations("insightsSurveys")]);
  if (!setup.answered) return <SetupNotice asking={setup.asking} />;
  const panel = { ctx, period };
  return (
    <div className="space-y-6">
      <p className="max-w-prose text-stone-600">{t("intro")}</p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<PanelSkeleton title={t("nps.title")} />}>
          <NpsPanel {...panel} />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title={t("satisfaction.title")} />}>
          <SatisfactionPanel {...panel} />
        </Suspense>
      </div>
      <Suspense fallback={<PanelSkeleton title={t("trend.title")} />}>
        <NpsTrendPanel {...panel} />
      </Suspense>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<PanelSkeleton title={t("groups.byLocation")} />}>
          <GroupsPanel {...panel} by="location" />
        </Suspense>
        <Suspense fallback={<PanelSkeleton title={t("groups.byStaff")} />}>
          <GroupsPanel {...panel} by="staff" />
        </Suspense>
      </div>
      <Suspense fallback={<PanelSkeleton title={t("comments.title")} />}>
        <CommentsPanel {...panel} />
      </Suspense>
    </div>
  );
}
