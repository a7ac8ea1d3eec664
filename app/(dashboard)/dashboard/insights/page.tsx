import { insightsPage, type InsightsSearchParams } from "@/lib/insights/page-context";
import { Freshness } from "@/components/insights/panel";

export default async function InsightsOverviewPage({ searchParams }: { searchParams?: InsightsSearchParams }) {
  const { freshness } = await insightsPage(searchParams);
  // Built by the overview (issue 14): KPIs and charts.
  return <Freshness {...freshness} />;
}
