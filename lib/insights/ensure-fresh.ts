// Opening Insights: scores older than 15 minutes are refreshed first when the
// merchant is small (a few ms), or queued when big (seconds, in the worker),
// so the page never waits long. The page says when its scores were computed.
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { KEEP_FROM_CUSTOMERS } from "./kept";
import { localDate, localMidnight } from "./period";
import { refreshInsights } from "./refresh-insights";

const STALE_MS = 15 * 60_000;
/** Up to this many customers a refresh runs inline (well under 100 ms); above it, it also keeps the period panels (kept.ts). */
const INLINE_CUSTOMERS = KEEP_FROM_CUSTOMERS;

/** `kept`: the pages' period panels are the refresh's too (a big merchant's, kept.ts), so the page says so. */
export type Freshness = { refreshedAt: Date | null; queued: boolean; kept: boolean };

export async function ensureFreshInsights(ctx: TenantContext, options: { force?: boolean; now?: Date } = {}): Promise<Freshness> {
  const now = options.now ?? new Date();
  const state = await withTenantTransaction(ctx.orgId, async (sql) => {
    // kept: the refresh kept panels for today's periods (they all end tomorrow, local), so the pages read them.
    const [r] = await sql<{ refreshedAt: Date | null; timezone: string; customers: number; kept: boolean }>(
      `SELECT o."insightsRefreshedAt" AS "refreshedAt", o.timezone,
              (SELECT count(*)::int FROM (SELECT 1 FROM "Customer" WHERE "organizationId" = $1 LIMIT ${INLINE_CUSTOMERS + 1}) c) AS customers,
              EXISTS (SELECT 1 FROM "InsightResult" k WHERE k."organizationId" = $1 AND k."to" = ($2::timestamptz AT TIME ZONE o.timezone)::date + 1) AS kept
         FROM "Organization" o WHERE o.id = $1`,
      [ctx.orgId, now.toISOString()],
    );
    // Also stale when from before today (local): kept panels count for the period they were computed for (kept.ts).
    const today = localMidnight(localDate(now, r.timezone), r.timezone);
    const stale = options.force || !r.refreshedAt || now.getTime() - r.refreshedAt.getTime() > STALE_MS || r.refreshedAt < today;
    if (stale && r.customers > INLINE_CUSTOMERS) await enqueue(QUEUES.insightsRefresh, { orgId: ctx.orgId }, ctx.orgId, sql);
    return { ...r, stale };
  });
  const { kept } = state;
  if (!state.stale) return { refreshedAt: state.refreshedAt, queued: false, kept };
  if (state.customers > INLINE_CUSTOMERS) return { refreshedAt: state.refreshedAt, queued: true, kept };
  const { panels } = await refreshInsights(ctx.orgId, now);
  return { refreshedAt: now, queued: false, kept: panels > 0 };
}
