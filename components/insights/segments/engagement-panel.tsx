// Inzichten › Klantgroepen: how many customers have each engagement score
// (0, 20 … 100), as plain bars, with the average.
import { getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { engagementDistribution } from "@/lib/insights/segments";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";

export async function EngagementPanel({ ctx }: { ctx: TenantContext }) {
  const [d, t] = await Promise.all([engagementDistribution(ctx), getTranslations("insightsSegments.engagement")]);
  const max = Math.max(1, ...d.buckets.map((b) => b.customers));
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-engagement">
      {d.total === 0 ? (
        <Empty testId="engagement-empty">{t("empty")}</Empty>
      ) : (
        <>
          <p className="text-sm text-stone-700" data-testid="engagement-average" data-value={d.average}>
            {t("average", { value: d.average ?? 0 })}
          </p>
          <ul className="space-y-2" aria-label={t("label")} data-testid="engagement-buckets">
            {d.buckets.map((b) => (
              <li key={b.score} className="grid grid-cols-[5.5rem_1fr_6.5rem] items-center gap-3 text-sm" data-score={b.score} data-customers={b.customers}>
                <span className="text-stone-700">{t("bucket", { score: b.score })}</span>
                <span className="h-3 rounded-full bg-stone-100" aria-hidden="true">
                  <span className="block h-3 rounded-full bg-amber-500" style={{ width: `${(100 * b.customers) / max}%` }} />
                </span>
                <span className="text-right tabular-nums text-stone-900">{t("customers", { count: b.customers })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
