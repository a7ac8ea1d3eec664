// Inzichten › Klantgroepen: the R × FM grid the segments are cut from, as a
// plain table (each square: how many customers, coloured by its segment).
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { cn } from "@/components/ui/cn";
import { rfmGrid } from "@/lib/insights/segments";
import type { TenantContext } from "@/lib/tenancy/context";
import { SEGMENT_COLOR } from "./colors";
import { Empty } from "./empty";

const STEPS = [1, 2, 3, 4, 5];

export async function RfmGridPanel({ ctx }: { ctx: TenantContext }) {
  const [grid, t, format] = await Promise.all([rfmGrid(ctx), getTranslations("insightsSegments"), getFormatter()]);
  return (
    <Panel title={t("grid.title")} explain={t("grid.explain")} testId="panel-rfm-grid">
      {grid.length === 0 ? (
        <Empty testId="rfm-grid-empty">{t("grid.empty")}</Empty>
      ) : (
        <div className="flex gap-2">
          <p className="flex w-5 items-center justify-center text-xs text-stone-600 [writing-mode:vertical-rl] rotate-180">{t("grid.fm")}</p>
          <div className="flex-1">
            <table className="w-full table-fixed border-separate border-spacing-1 text-center text-sm" data-testid="rfm-grid">
              <caption className="sr-only">{t("grid.title")}</caption>
              <tbody>
                {[...STEPS].reverse().map((fm) => (
                  <tr key={fm}>
                    <th scope="row" className="w-6 text-xs font-normal text-stone-500">
                      {fm}
                    </th>
                    {STEPS.map((r) => {
                      const cell = grid.find((g) => g.r === r && g.fm === fm);
                      return (
                        <td
                          key={r}
                          className={cn("h-12 rounded-md tabular-nums", cell ? SEGMENT_COLOR[cell.segment] : "bg-stone-50 text-stone-400")}
                          data-r={r}
                          data-fm={fm}
                          data-customers={cell?.customers ?? 0}
                          title={cell ? t("grid.cell", { r, fm, count: cell.customers, segment: t(`names.${cell.segment}`) }) : undefined}
                        >
                          {cell ? format.number(cell.customers) : "·"}
                          {cell && <span className="sr-only"> {t("grid.cell", { r, fm, count: cell.customers, segment: t(`names.${cell.segment}`) })}</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                <tr>
                  <td />
                  {STEPS.map((r) => (
                    <th key={r} scope="col" className="text-xs font-normal text-stone-500">
                      {r}
                    </th>
                  ))}
                </tr>
              </tbody>
            </table>
            <p className="mt-1 text-center text-xs text-stone-600">{t("grid.recency")}</p>
          </div>
        </div>
      )}
    </Panel>
  );
}
