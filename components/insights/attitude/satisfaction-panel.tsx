// Inzichten › Tevredenheid: the average star rating after a visit, its spread,
// and the previous period's.
import { getFormatter, getTranslations } from "next-intl/server";
import { Delta, Panel } from "@/components/insights/panel";
import { satisfactionSummary } from "@/lib/insights/attitude";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Change } from "./change";
import { Empty } from "./empty";

export async function SatisfactionPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [{ current, previous }, t, format] = await Promise.all([
    satisfactionSummary(ctx, period),
    getTranslations("insightsSurveys.satisfaction"),
    getFormatter(),
  ]);
  const max = Math.max(1, ...current.distribution);
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-satisfaction">
      {current.average === null ? (
        <Empty testId="satisfaction-empty">{t("empty")}</Empty>
      ) : (
        <div className="grid gap-6 sm:grid-cols-2">
          <div className="space-y-1">
            <p className="text-4xl font-bold tabular-nums" data-testid="satisfaction-value" data-value={current.average}>
              {t("average", { value: current.average })}
            </p>
            <p>
              <Change current={current.average} previous={previous.average} digits={1} unit="plain" />
            </p>
            <p className="text-sm text-stone-600">
              {t("responses", { count: current.responses })} · <Delta current={current.responses} previous={previous.responses} />
            </p>
          </div>
          <ul className="space-y-2" aria-label={t("distribution")} data-testid="satisfaction-distribution">
            {[5, 4, 3, 2, 1].map((stars) => {
              const n = current.distribution[stars - 1];
              return (
                <li key={stars} data-stars={stars} data-value={n} className="grid grid-cols-[5.5rem_1fr_2.5rem] items-center gap-2 text-sm">
                  <span className="text-stone-700">{t("stars", { stars })}</span>
                  <span className="h-2 rounded-full bg-stone-100" aria-hidden="true">
                    <span className="block h-2 rounded-full bg-amber-500" style={{ width: `${(100 * n) / max}%` }} />
                  </span>
                  <span className="text-right tabular-nums">{format.number(n)}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Panel>
  );
}
