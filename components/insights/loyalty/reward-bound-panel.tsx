// Inzichten › Loyaliteit: reward-bound loyalty — per card, of the customers
// whose latest reward was at least N weeks ago (?weeks=4|6|8|12, default 6),
// how many have not come back since that day; and the same by month.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { Empty } from "@/components/insights/segments/empty";
import { cn } from "@/components/ui/cn";
import { REWARD_WEEKS, rewardBound, type RewardWeeks } from "@/lib/insights/loyalty";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { RewardTrendChart } from "./reward-trend-chart";

export async function RewardBoundPanel({ ctx, period, weeks }: { ctx: TenantContext; period: Period; weeks: RewardWeeks }) {
  const [r, t, format] = await Promise.all([rewardBound(ctx, period, weeks), getTranslations("insightsLoyalty.rewardBound"), getFormatter()]);
  const picker = (
    <div
      role="group"
      aria-label={t("weeks")}
      className="inline-flex items-center gap-1 rounded-xl border border-stone-200 bg-white p-1 text-sm"
      data-testid="reward-weeks"
    >
      <span className="px-2 text-stone-600">{t("weeks")}</span>
      {REWARD_WEEKS.map((w) => (
        <Link
          key={w}
          href={`/dashboard/insights/loyalty?period=${period.key}&weeks=${w}`}
          scroll={false}
          aria-current={w === weeks ? "true" : undefined}
          className={cn("rounded-lg px-3 py-1.5", w === weeks ? "bg-stone-900 text-white" : "text-stone-700 hover:bg-stone-100")}
        >
          {t("weeksOption", { weeks: w })}
        </Link>
      ))}
    </div>
  );
  const percent = (v: number | null) => (v === null ? t("noValue") : format.number(v, { style: "percent", maximumFractionDigits: 0 }));
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-reward-bound" actions={picker}>
      {r.programs.length === 0 ? (
        <Empty testId="reward-bound-empty">{t("empty", { weeks })}</Empty>
      ) : (
        <>
          <div className="-mx-2 overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="reward-bound-table">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="text-stone-600">
                <tr className="border-b border-stone-200">
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t("program")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    {t("customers")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    {t("stopped")}
                  </th>
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    {t("share")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.programs.map((p) => (
                  <tr
                    key={p.programId}
                    className="border-b border-stone-100"
                    data-testid="reward-bound-row"
                    data-program={p.programId}
                    data-share={p.share ?? ""}
                  >
                    <th scope="row" className="px-2 py-3 font-medium text-stone-900">
                      {p.name}
                      <span className="block text-xs font-normal text-stone-600">{t("summary", { stopped: p.stopped, customers: p.customers })}</span>
                    </th>
                    <td className="px-2 py-3 text-right tabular-nums">{format.number(p.customers)}</td>
                    <td className="px-2 py-3 text-right tabular-nums">{format.number(p.stopped)}</td>
                    <td className="px-2 py-3 text-right text-2xl font-bold tabular-nums">{percent(p.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RewardTrendChart series={r.programs.map((p) => ({ programId: p.programId, name: p.name, months: p.trend }))} />
        </>
      )}
    </Panel>
  );
}
