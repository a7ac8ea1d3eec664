// Inzichten › Overzicht: the key figures of the period, each beside the previous period's.
import { getFormatter, getTranslations } from "next-intl/server";
import { Delta, Panel } from "@/components/insights/panel";
import { overviewKpis, type Pair } from "@/lib/insights/overview";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";
import { Empty } from "./empty";

type Kind = "count" | "percent" | "decimal";
type Tile = { name: string; key: string; value: Pair<number | null>; kind: Kind; better?: "up" | "down" };

export async function KpisPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [k, t, ti, format] = await Promise.all([
    overviewKpis(ctx, period),
    getTranslations("insightsOverview.kpis"),
    getTranslations("insights"),
    getFormatter(),
  ]);
  const regular = k.regularVisits;
  const quiet = !k.visits.current && !k.visits.previous && !k.newCustomers.current && !k.newCustomers.previous && !k.rewards.length;

  const shown = (v: number | null, kind: Kind) =>
    v === null
      ? t("noValue")
      : kind === "percent"
        ? format.number(v, { style: "percent", maximumFractionDigits: 0 })
        : format.number(v, { maximumFractionDigits: kind === "decimal" ? 1 : 0 });
  // Delta compares plain numbers: shares as whole percentages, averages to one decimal.
  const comparable = (v: number, kind: Kind) => (kind === "percent" ? Math.round(v * 1000) / 10 : kind === "decimal" ? Math.round(v * 10) / 10 : v);

  const tiles: Tile[] = [
    { name: "new-customers", key: "newCustomers", value: k.newCustomers, kind: "count" },
    { name: "active-customers", key: "activeCustomers", value: k.activeCustomers, kind: "count" },
    { name: "returning-rate", key: "returningRate", value: k.returningRate, kind: "percent" },
    { name: "visits", key: "visits", value: k.visits, kind: "count" },
    { name: "stamps", key: "stamps", value: k.stamps, kind: "count" },
    { name: "visits-per-customer", key: "visitsPerCustomer", value: k.visitsPerCustomer, kind: "decimal" },
    { name: "median-days-between-visits", key: "medianDaysBetweenVisits", value: k.medianDaysBetweenVisits, kind: "decimal", better: "down" },
    { name: "regulars-share", key: "regularsShare", value: k.regularsShare, kind: "percent" },
  ];
  const comparison = ({ current, previous }: Pair<number | null>, kind: Kind, better?: "up" | "down") =>
    current !== null && previous !== null ? (
      <Delta current={comparable(current, kind)} previous={comparable(previous, kind)} better={better} unit={kind} />
    ) : previous !== null ? (
      <span className="text-sm text-stone-500">{ti("delta.previous", { value: shown(previous, kind) })}</span>
    ) : null;

  const redeemed = { current: k.rewards.reduce((s, r) => s + r.current, 0), previous: k.rewards.reduce((s, r) => s + r.previous, 0) };
  const programs = new Set(k.rewards.map((r) => r.programId)).size;

  return (
    <Panel title={t("title")} explain={t("explain", { regular })} testId="panel-kpis">
      {quiet ? (
        <Empty testId="kpis-empty">{t("empty")}</Empty>
      ) : (
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {tiles.map((tile) => (
            <div key={tile.name} className="rounded-xl border border-stone-200 p-4">
              <dt className="text-sm font-medium text-stone-700">{t(`${tile.key}.label` as "visits.label")}</dt>
              <dd className="mt-1 text-3xl font-bold tabular-nums" data-testid={`kpi-${tile.name}`} data-value={tile.value.current ?? ""}>
                {shown(tile.value.current, tile.kind)}
              </dd>
              <dd className="text-xs text-stone-500">{t(`${tile.key}.hint` as "regularsShare.hint", { regular })}</dd>
              <dd className="mt-2">{comparison(tile.value, tile.kind, tile.better)}</dd>
            </div>
          ))}
          <div className="rounded-xl border border-stone-200 p-4 sm:col-span-2 lg:col-span-4">
            <dt className="text-sm font-medium text-stone-700">{t("rewards.label")}</dt>
            <dd className="mt-1 text-3xl font-bold tabular-nums" data-testid="kpi-rewards-redeemed" data-value={redeemed.current}>
              {format.number(redeemed.current)}
            </dd>
            <dd className="text-xs text-stone-500">{t("rewards.hint")}</dd>
            <dd className="mt-2">{comparison(redeemed, "count")}</dd>
            <dd className="mt-3">
              {k.rewards.length ? (
                <ul className="divide-y divide-stone-100 text-sm">
                  {k.rewards.map((r) => (
                    <li
                      key={`${r.programId}:${r.kind}`}
                      className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2"
                      data-testid="kpi-reward"
                      data-kind={r.kind}
                      data-reward={r.reward}
                      data-value={r.current}
                      data-previous={r.previous}
                    >
                      <span>
                        <span className="font-medium">{r.reward || t("rewards.unnamed")}</span>
                        <span className="text-stone-500">
                          {" · "}
                          {t(`rewards.${r.kind}`)}
                          {programs > 1 && ` · ${r.programName}`}
                        </span>
                      </span>
                      <span className="flex items-baseline gap-3">
                        <span className="font-semibold tabular-nums">{format.number(r.current)}</span>
                        <Delta current={r.current} previous={r.previous} />
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-sm text-stone-500">{t("rewards.none")}</span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}
