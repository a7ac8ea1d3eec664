// Inzichten › Klantgroepen: customers per RFM segment with their share, average
// R/F/M and engagement, what the group means and what to do, and a link to
// exactly those customers in the customer list (?segment=…).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { cn } from "@/components/ui/cn";
import { segmentSummary } from "@/lib/insights/segments";
import type { TenantContext } from "@/lib/tenancy/context";
import { SEGMENT_COLOR } from "./colors";
import { Empty } from "./empty";

export async function SegmentsPanel({ ctx }: { ctx: TenantContext }) {
  const [s, t, format] = await Promise.all([segmentSummary(ctx), getTranslations("insightsSegments"), getFormatter()]);
  const score = (v: number | null) => (v === null ? t("table.noValue") : format.number(v, { maximumFractionDigits: 1, minimumFractionDigits: 1 }));
  return (
    <Panel title={t("table.title")} explain={t("table.explain")} testId="panel-segments">
      {s.total === 0 ? (
        <Empty testId="segments-empty">{t("table.empty")}</Empty>
      ) : (
        <div className="-mx-2 overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="segments-table">
            <caption className="sr-only">{t("table.caption")}</caption>
            <thead className="text-stone-600">
              <tr className="border-b border-stone-200">
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("table.segment")}
                </th>
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  {t("table.customers")}
                </th>
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  {t("table.share")}
                </th>
                {(["r", "f", "m"] as const).map((k) => (
                  <th key={k} scope="col" className="px-2 py-2 text-right font-medium">
                    <abbr title={t(`table.${k}Long`)} className="no-underline">
                      {t(`table.${k}`)}
                    </abbr>
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 text-right font-medium">
                  {t("table.engagement")}
                </th>
                <th scope="col" className="px-2 py-2 font-medium">
                  {t("table.action")}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((row) => {
                const key = row.segment ?? "none";
                return (
                  <tr
                    key={key}
                    className={cn("border-b border-stone-100 align-top", row.customers === 0 && "text-stone-500")}
                    data-testid="segment-row"
                    data-segment={key}
                    data-customers={row.customers}
                  >
                    <th scope="row" className="px-2 py-3 font-normal">
                      <span
                        className={cn(
                          "inline-block rounded-md px-2 py-0.5 font-semibold",
                          row.segment ? SEGMENT_COLOR[row.segment] : "bg-white ring-1 ring-stone-300",
                        )}
                      >
                        {t(`names.${key}`)}
                      </span>
                      <span className="mt-1 block max-w-56 text-stone-600">{t(`descriptions.${key}`)}</span>
                    </th>
                    <td className="px-2 py-3 text-right font-semibold tabular-nums text-stone-900">{format.number(row.customers)}</td>
                    <td className="px-2 py-3 text-right tabular-nums">{format.number(row.share, { style: "percent", maximumFractionDigits: 0 })}</td>
                    <td className="px-2 py-3 text-right tabular-nums">{score(row.r)}</td>
                    <td className="px-2 py-3 text-right tabular-nums">{score(row.f)}</td>
                    <td className="px-2 py-3 text-right tabular-nums">{score(row.m)}</td>
                    <td className="px-2 py-3 text-right tabular-nums">
                      {row.engagement === null ? t("table.noValue") : format.number(row.engagement, { maximumFractionDigits: 0 })}
                    </td>
                    <td className="px-2 py-3">
                      <span className="block max-w-64 text-stone-700">{t(`actions.${key}`)}</span>
                      {row.segment && row.customers > 0 && (
                        <Link
                          href={`/dashboard/customers?segment=${row.segment}`}
                          className="mt-1 inline-block font-medium text-amber-800 underline underline-offset-2 hover:text-amber-950"
                          data-testid={`segment-link-${row.segment}`}
                        >
                          {t("table.show", { count: row.customers })}
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
