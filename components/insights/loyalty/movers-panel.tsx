// Inzichten › Loyaliteit: who moved up and who moved down the ladder in the
// period (the latest 20 each, linking to the customer), and when more did, the
// rungs they reached as links to the filtered customer list.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { ladderMovers, type MoverList } from "@/lib/insights/loyalty";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";

export async function MoversPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [m, t, format] = await Promise.all([ladderMovers(ctx, period), getTranslations("insightsLoyalty"), getFormatter()]);
  const list = (direction: "up" | "down", l: MoverList) => (
    <section className="space-y-2" data-testid={`movers-${direction}`} data-total={l.total}>
      <h3 className="font-semibold">{t("movers.list", { direction: t(`movers.${direction}`), count: l.total })}</h3>
      {l.rows.length === 0 ? (
        <p className="text-sm text-stone-600">{t("movers.none")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm">
          {l.rows.map((r) => (
            <li key={r.customerId} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2" data-testid="mover">
              <Link href={`/dashboard/customers/${r.customerId}`} className="font-medium text-stone-900 underline underline-offset-2 hover:text-amber-800">
                {r.name || t("movers.erased")}
              </Link>
              <span className="text-stone-600">
                {t("movers.move", { from: t(`rungs.${r.from}`), to: t(`rungs.${r.to}`) })} ·{" "}
                {format.dateTime(r.at, { day: "numeric", month: "short", timeZone: period.timezone })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {l.total > l.rows.length && (
        <p className="text-sm text-stone-700">
          {t("movers.more", { count: l.total - l.rows.length })}{" "}
          {l.byRung.map((g, i) => (
            <span key={g.rung}>
              {i > 0 && " · "}
              <Link href={`/dashboard/customers?rung=${g.rung}`} className="font-medium text-amber-800 underline underline-offset-2 hover:text-amber-950">
                {t("movers.toRung", { rung: t(`rungs.${g.rung}`), count: g.customers })}
              </Link>
            </span>
          ))}
        </p>
      )}
    </section>
  );
  return (
    <Panel title={t("movers.title")} explain={t("movers.explain")} testId="panel-movers">
      <div className="grid gap-6 md:grid-cols-2">
        {list("up", m.up)}
        {list("down", m.down)}
      </div>
    </Panel>
  );
}
