// Kept panels: the period panels of Overzicht and Personeel read a period's
// visits or stamps, which takes a big merchant longer than a page should wait
// (Koffiebar Groot: 280 000 stamps in 90 days, 0.1–0.5 s a panel). So for a
// merchant with more than KEEP_FROM_CUSTOMERS customers — the size at which the
// refresh itself moves to the worker (ensure-fresh.ts) — the hourly refresh
// computes each of those panels for each period length and keeps the result
// (InsightResult); the page reads it, and the Freshness line says from when.
//
// Why a kept result and not a rollup kept by triggers: the signals sort or
// compare a period's stamps per card and per staff member, which no per-day
// sum answers, and a trigger on the ledger would add work to every stamp. A
// kept result is the live query run by the refresh, in one transaction (one
// snapshot) per panel as the page itself does: a stamp during the refresh
// counts from the next one, as it does for the customer scores, and none is
// ever counted twice (the panels run one after another, so two panels may be a
// few seconds apart, as two panels of a live page may be). A result counts only
// for the period it was computed for: after midnight, until the next refresh,
// the page computes live. Smaller merchants always read live (a few
// milliseconds a panel). Erasing a customer, closing the business, or changing
// a location or the time zone drops the kept results (dropKeptPanels).
import type { TenantContext } from "@/lib/tenancy/context";
import type { TenantTx } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { PERIODS, resolvePeriod, type Period, type PeriodKey } from "./period";
import { insightsQuery } from "./query";

/** From this many customers a merchant's period panels are kept by the refresh (the refresh runs in the worker too). */
export const KEEP_FROM_CUSTOMERS = 5_000;

type Panel<T> = (ctx: TenantContext, period: Period) => Promise<T>;
const panels = new Map<string, Panel<unknown>>();
/** Deletes merchant $1's kept results. */
const FORGET = `DELETE FROM "InsightResult" WHERE "organizationId" = $1`;
/** The kept panels' names (tests check each against its live query). */
export const keptPanelNames = () => [...panels.keys()];

// Dates survive the JSON round trip as {"$date": "…"} (a name or text is never an object).
function encode(this: Record<string, unknown>, key: string, value: unknown) {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}
const decode = (_key: string, value: unknown) =>
  value !== null && typeof value === "object" && Object.keys(value).length === 1 && typeof (value as { $date?: unknown }).$date === "string"
    ? new Date((value as { $date: string }).$date)
    : value;

/**
 * The panel `compute` under `name`: its kept result for this period when the
 * refresh kept one, else computed now.
 */
export function kept<T>(name: string, compute: Panel<T>): Panel<T> & { live: Panel<T> } {
  panels.set(name, compute); // a module evaluated again (a dev server's reload) replaces its own entry
  const panel: Panel<T> = async (ctx, period) => {
    const [row] = await insightsQuery(ctx, (sql) =>
      sql<{ data: string }>(
        `SELECT data::text AS data FROM "InsightResult"
          WHERE "organizationId" = $1 AND panel = $2 AND period = $3 AND "from" = $4::date AND "to" = $5::date`,
        [ctx.orgId, name, period.key, period.from, period.to],
      ),
    );
    return row ? (JSON.parse(row.data, decode) as T) : compute(ctx, period);
  };
  return Object.assign(panel, { live: compute });
}

/**
 * Part of the refresh (refresh-insights.ts), after it set the merchant's
 * insightsRefreshedAt to `now`: computes every kept panel for every period
 * length as of `now` (each in its own transaction, as the page would) and
 * replaces the merchant's kept results with them — or, for a merchant not
 * kept, deletes any. It writes only while its refresh is still the latest:
 * a newer refresh, or dropKeptPanels (an erasure) since it began, wins, so
 * nothing computed before either comes back. Returns how many it kept.
 */
export async function keepPanels(orgId: string, timezone: string, now: Date, keep: boolean): Promise<number> {
  const ctx = { orgId, userId: null, role: "OWNER" as const };
  const rows: unknown[][] = [];
  if (keep) {
    for (const key of Object.keys(PERIODS) as PeriodKey[]) {
      const period = resolvePeriod(key, timezone, now);
      for (const [name, compute] of panels) {
        rows.push([name, key, period.from, period.to, JSON.stringify(await compute(ctx, period), encode)]);
      }
    }
  }
  return withTenantTransaction(orgId, async (sql) => {
    // NO KEY UPDATE: waits for an erasure's or a newer refresh's update of the row; never for a stamp (KEY SHARE).
    const [org] = await sql<{ latest: boolean }>(`SELECT "insightsRefreshedAt" = $2::timestamp AS latest FROM "Organization" WHERE id = $1 FOR NO KEY UPDATE`, [
      orgId,
      now.toISOString(),
    ]);
    if (!org?.latest) return 0;
    await sql(FORGET, [orgId]);
    if (rows.length === 0) return 0;
    await sql(
      `INSERT INTO "InsightResult" ("organizationId", panel, period, "from", "to", "computedAt", data)
       SELECT $1, r->>0, r->>1, (r->>2)::date, (r->>3)::date, $2::timestamp, (r->>4)::jsonb FROM jsonb_array_elements($3::jsonb) r`,
      [orgId, now.toISOString(), JSON.stringify(rows)],
    );
    return rows.length;
  });
}

/**
 * Drops the merchant's kept results and marks its insights for a new refresh,
 * in the caller's transaction: after erasing a customer or closing the
 * business (the results name customers), and after a change to what they mean
 * (a location's hours or name, the time zone). The Organization row is updated
 * first, so a refresh writing its results at this moment waits and then sees
 * it is no longer the latest (keepPanels).
 */
export async function dropKeptPanels(tx: TenantTx): Promise<void> {
  await tx.organization.updateMany({ data: { insightsRefreshedAt: null } });
  await tx.insightResult.deleteMany({});
}

/** A refresh whose panels failed: its pages compute live rather than show the refresh before's under its time. */
export async function forgetKeptPanels(orgId: string): Promise<void> {
  await withTenantTransaction(orgId, (sql) => sql(FORGET, [orgId]));
}
