// Inzichten › Tevredenheid: NPS (promoters − detractors) with its split, and the
// CLI beside it, for the period against the previous one.
import { getFormatter, getTranslations } from "next-intl/server";
import { Delta, Panel } from "@/components/insights/panel";
import { npsSummary } from "@/lib/insights/attitude";
import { roundNps } from "@/lib/insights/nps";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Change } from "./change";
import { Empty } from "./empty";

export async function NpsPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [{ current, previous }, t, format] = await Promise.all([npsSummary(ctx, period), getTranslations("insightsSurveys.nps"), getFormatter()]);
  const parts = [
    { key: "promoters", count: current.promoters, color: "bg-emerald-600" },
    { key: "passives", count: current.passives, color: "bg-stone-300" },
    { key: "detractors", count: current.detractors, color: "bg-red-600" },
  ] as const;
  const pct = (n: number) => format.number(n / Math.max(1, current.responses), { style: "percent", maximumFractionDigits: 0 });
  return (
    <Panel title={t("title")} explain={t("explain")} testId="panel-nps">
      {current.responses === 0 || current.nps === null ? (
        <Empty testId="nps-empty">{t("empty")}</Empty>
      ) : (
        <>
          <div className="grid gap-6 sm:grid-cols-2">
            <div className="space-y-1">
              <p className="text-sm font-medium text-stone-600">{t("score")}</p>
              <p className="text-4xl font-bold tabular-nums" data-testid="nps-value" data-value={current.nps}>
                {format.number(roundNps(current.nps), { signDisplay: "exceptZero" })}
              </p>
              <p>
                <Change current={current.nps} previous={previous.nps} />
              </p>
              <p className="text-sm text-stone-600">
                {t("responses", { count: current.responses })} · <Delta current={current.responses} previous={previous.responses} />
              </p>
            </div>
            <div className="space-y-1" data-testid="cli">
              <p className="text-sm font-medium text-stone-600">{t("cli")}</p>
              {current.cli === null ? (
                <p className="text-sm text-stone-600">{t("cliNone")}</p>
              ) : (
                <>
                  <p className="text-4xl font-bold tabular-nums" data-testid="cli-value" data-value={current.cli}>
                    {format.number(current.cli, { maximumFractionDigits: 1, minimumFractionDigits: 1 })}{" "}
                    <span className="text-base font-normal text-stone-500">{t("cliOf")}</span>
                  </p>
                  <p>
                    <Change current={current.cli} previous={previous.cli} digits={1} unit="plain" />
                  </p>
                  <p className="text-sm text-stone-600">{t("cliResponses", { count: current.cliResponses })}</p>
                </>
              )}
            </div>
          </div>
          <div className="space-y-2">
            <div className="flex h-3 overflow-hidden rounded-full bg-stone-100" role="img" aria-label={t("split")}>
              {parts.map((p) => (p.count ? <div key={p.key} className={p.color} style={{ width: `${(100 * p.count) / current.responses}%` }} /> : null))}
            </div>
            <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="nps-split">
              {parts.map((p) => (
                <li key={p.key} data-key={p.key} data-value={p.count} className="flex items-center gap-2">
                  <span className={`inline-block size-3 rounded-full ${p.color}`} aria-hidden="true" />
                  {t(p.key)}: <span className="font-medium tabular-nums">{format.number(p.count)}</span>
                  <span className="text-stone-500">({pct(p.count)})</span>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
    </Panel>
  );
}
