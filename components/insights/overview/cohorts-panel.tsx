// Inzichten › Overzicht: monthly cohorts — of the customers whose first visit
// was in a month, the share who came again 1, 2 … 11 months later.
import { getFormatter, getTranslations } from "next-intl/server";
import { heatStyle } from "@/components/insights/heat";
import { Panel } from "@/components/insights/panel";
import { cohorts, COHORT_MONTHS } from "@/lib/insights/overview";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";

export async function CohortsPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [rows, t, format] = await Promise.all([cohorts(ctx, period), getTranslations("insightsOverview.cohorts"), getFormatter()]);
  const offsets = Array.from({ length: COHORT_MONTHS }, (_, i) => i);
  const month = (m: string) => format.dateTime(new Date(`${m}-15T12:00:00Z`), { month: "short", year: "numeric" });
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-cohorts">
      {rows.some((r) => r.customers) ? (
        <div className="overflow-x-auto">
          <table className="w-full border-separate border-spacing-0.5 text-center text-xs tabular-nums" data-testid="cohorts">
            <thead>
              <tr>
                <th scope="col" className="pr-2 text-left font-medium text-stone-700">
                  {t("month")}
                </th>
                <th scope="col" className="px-2 text-right font-medium text-stone-700">
                  {t("customers")}
                </th>
                {offsets.map((o) => (
                  <th key={o} scope="col" className="px-1 font-normal text-stone-500" title={t("offsetLabel", { offset: o })}>
                    {t("offset", { offset: o })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month} data-month={r.month} data-customers={r.customers}>
                  <th scope="row" className="whitespace-nowrap pr-2 text-left font-medium text-stone-700">
                    {month(r.month)}
                  </th>
                  <td className="px-2 text-right text-stone-700">{format.number(r.customers)}</td>
                  {r.retention.map((pct, o) => (
                    <td
                      key={o}
                      data-offset={o}
                      data-value={pct ?? ""}
                      className="h-8 min-w-10 rounded"
                      style={pct === null ? undefined : heatStyle(0.08 + (0.92 * pct) / 100)}
                    >
                      {pct === null ? (
                        <span className="sr-only">{r.customers ? t("notYet") : ""}</span>
                      ) : (
                        format.number(pct / 100, { style: "percent", maximumFractionDigits: 0 })
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Empty testId="cohorts-empty">{t("empty")}</Empty>
      )}
    </Panel>
  );
}
