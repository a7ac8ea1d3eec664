// Inzichten › Overzicht: visits by weekday × hour (the hour of the visit's first
// stamp, local time), as a table whose cells darken with the number of visits.
import { getFormatter, getTranslations } from "next-intl/server";
import { heatStyle } from "@/components/insights/heat";
import { Panel } from "@/components/insights/panel";
import { heatmap } from "@/lib/insights/overview";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export async function HeatmapPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [cells, t, format] = await Promise.all([heatmap(ctx, period), getTranslations("insightsOverview.heatmap"), getFormatter()]);
  if (!cells.length) {
    return (
      <Panel title={t("title")} explain={t("explain")} testId="panel-heatmap">
        <Empty testId="heatmap-empty">{t("empty")}</Empty>
      </Panel>
    );
  }
  const count = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.visits]));
  // The hours from the day's first visit to its last, so the table stays narrow.
  const first = Math.min(...cells.map((c) => c.hour));
  const columns = Array.from({ length: Math.max(...cells.map((c) => c.hour)) - first + 1 }, (_, i) => first + i);
  const busiest = cells.reduce((a, b) => (b.visits > a.visits ? b : a));
  const long = (d: number) => t(`weekdaysLong.${d}` as "weekdaysLong.1");
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-heatmap">
      <div className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0.5 text-center text-xs tabular-nums" data-testid="heatmap">
          <thead>
            <tr>
              <th scope="col" className="sr-only">
                {t("weekday")}
              </th>
              {columns.map((h) => (
                <th key={h} scope="col" className="px-1 font-normal text-stone-500">
                  <span aria-hidden="true">{h}</span>
                  <span className="sr-only">{t("hour", { hour: h })}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((d) => (
              <tr key={d}>
                <th scope="row" className="pr-2 text-left font-medium text-stone-700">
                  <abbr title={long(d)} className="no-underline">
                    {t(`weekdays.${d}` as "weekdays.1")}
                  </abbr>
                </th>
                {columns.map((h) => {
                  const visits = count.get(`${d}:${h}`) ?? 0;
                  const strength = visits / busiest.visits;
                  return (
                    <td
                      key={h}
                      title={t("cell", { weekday: long(d), hour: h, visits })}
                      data-weekday={d}
                      data-hour={h}
                      data-visits={visits}
                      className="h-8 min-w-8 rounded"
                      style={visits ? heatStyle(0.1 + 0.9 * strength) : { backgroundColor: "#fafaf9" }}
                    >
                      {visits ? format.number(visits, { notation: "compact" }) : ""}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-stone-600">{t("busiest", { weekday: long(busiest.weekday), hour: busiest.hour })}</p>
    </Panel>
  );
}
