// Inzichten › Tevredenheid: NPS per calendar month, the last 12.
import { getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { npsTrend } from "@/lib/insights/attitude";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";
import { NpsTrendChart } from "./nps-trend-chart";

export async function NpsTrendPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [points, t] = await Promise.all([npsTrend(ctx, period), getTranslations("insightsSurveys.trend")]);
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-nps-trend">
      {points.some((p) => p.responses > 0) ? <NpsTrendChart points={points} /> : <Empty testId="nps-trend-empty">{t("empty")}</Empty>}
    </Panel>
  );
}
