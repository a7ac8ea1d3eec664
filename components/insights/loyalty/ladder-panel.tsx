// Inzichten › Loyaliteit: the loyalty ladder from the top rung down, DORMANT
// off it, each rung with its count, who moved up or down to it in the period,
// one concrete suggestion with the live count, and a link to those customers.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { Empty } from "@/components/insights/segments/empty";
import type { LoyaltyRung } from "@/lib/generated/prisma/enums";
import { LADDER, loyaltyLadder, type LoyaltyLadder } from "@/lib/insights/loyalty";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";

/** The number each rung's suggestion is about. */
const suggestionCount = (l: LoyaltyLadder, rung: LoyaltyRung) =>
  rung === "NEW" ? l.oneVisit : rung === "DORMANT" ? l.dormantVisited : (l.rungs.find((r) => r.rung === rung)?.customers ?? 0);

export async function LadderPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [l, t, format] = await Promise.all([loyaltyLadder(ctx, period), getTranslations("insightsLoyalty"), getFormatter()]);
  const total = l.rungs.reduce((n, r) => n + r.customers, 0);
  const row = (rung: LoyaltyRung) => {
    const r = l.rungs.find((x) => x.rung === rung)!;
    return (
      <li key={rung} className="grid gap-2 py-3 sm:grid-cols-[12rem_6rem_7rem_1fr]" data-testid={`ladder-${rung}`} data-customers={r.customers}>
        <div>
          <p className="font-semibold text-stone-900">{t(`rungs.${rung}`)}</p>
          <p className="text-xs text-stone-600">{t(`rungHints.${rung}`)}</p>
        </div>
        <p className="text-2xl font-bold tabular-nums">{format.number(r.customers)}</p>
        <p className="text-sm tabular-nums text-stone-600" data-testid={`ladder-moves-${rung}`}>
          <span className="text-emerald-700" title={t("ladder.up")}>
            ↑ {format.number(r.movedUpHere)}
          </span>{" "}
          <span className="text-red-700" title={t("ladder.down")}>
            ↓ {format.number(r.movedDownHere)}
          </span>
          <span className="sr-only">
            {t("ladder.up")} {r.movedUpHere}, {t("ladder.down")} {r.movedDownHere}
          </span>
        </p>
        <p className="text-sm text-stone-700" data-testid={`ladder-suggestion-${rung}`}>
          {t(`ladder.suggestions.${rung}`, { count: suggestionCount(l, rung) })}{" "}
          {r.customers > 0 && (
            <Link
              href={`/dashboard/customers?rung=${rung}`}
              className="font-medium whitespace-nowrap text-amber-800 underline underline-offset-2 hover:text-amber-950"
              data-testid={`ladder-link-${rung}`}
            >
              {t("ladder.show")}
            </Link>
          )}
        </p>
      </li>
    );
  };
  return (
    <Panel title={t("ladder.title")} explain={t("ladder.explain")} testId="panel-ladder">
      {total === 0 ? (
        <Empty testId="ladder-empty">{t("ladder.empty")}</Empty>
      ) : (
        <>
          <p className="text-sm text-stone-700" data-testid="ladder-summary" data-up={l.movedUp} data-down={l.movedDown}>
            {t("ladder.summary", { up: l.movedUp, down: l.movedDown })}
          </p>
          <ol className="divide-y divide-stone-100" aria-label={t("ladder.title")}>
            {[...LADDER].reverse().map(row)}
          </ol>
          <div>
            <h3 className="text-sm font-medium text-stone-600">{t("ladder.offLadder")}</h3>
            <ul>{row("DORMANT")}</ul>
          </div>
        </>
      )}
    </Panel>
  );
}
