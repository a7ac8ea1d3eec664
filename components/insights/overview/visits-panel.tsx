// Inzichten › Overzicht: visits per day (per week for 12 months).
import { getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { visitsSeries } from "@/lib/insights/overview";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";
import { VisitsChart } from "./visits-chart";

export async function VisitsPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [{ unit, points }, t] = await Promise.all([visitsSeries(ctx, period), getTranslations("insightsOverview.visits")]);
  const visits = points.reduce((s, p) => s + p.visits, 0);
  const stamps = points.reduce((s, p) => s + p.stamps, 0);
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-visits">
      {visits ? (
        <>
          <VisitsChart unit={unit} points={points} />
          <p className="text-sm text-stone-600">{t("summary", { visits, stamps })}</p>
        </>
      ) : (
        <Empty testId="visits-empty">{t("empty")}</Empty>
      )}
    </Panel>
  );
}
