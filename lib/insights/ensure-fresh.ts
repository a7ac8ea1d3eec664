// Opening Insights: scores older than 15 minutes are refreshed first when the
// merchant is small (a few ms), or queued when big (seconds, in the worker),
// so the page never waits long. The page says when its scores were computed.
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { refreshInsights } from "./refresh-insights";

const STALE_MS = 15 * 60_000;
/** Up to this many customers a refresh runs inline (well under 100 ms). */
const INLINE_CUSTOMERS = 5_000;

export type Freshness = { refreshedAt: Date | null; queued: boolean };

export async function ensureFreshInsights(ctx: TenantContext, options: { force?: boolean; now?: Date } = {}): Promise<Freshness> {
  const now = options.now ?? new Date();
  const state = await withTenantTransaction(ctx.orgId, async (sql) => {
    const [r] = await sql<{ refreshedAt: Date | null; customers: number }>(
      `SELECT o."insightsRefreshedAt" AS "refreshedAt",
              (SELECT count(*)::int FROM (SELECT 1 FROM "Customer" WHERE "organizationId" = $1 LIMIT ${INLINE_CUSTOMERS + 1}) c) AS customers
         FROM "Organization" o WHERE o.id = $1`,
      [ctx.orgId],
    );
    const stale = options.force || !r.refreshedAt || now.getTime() - r.refreshedAt.getTime() > STALE_MS;
    if (stale && r.customers > INLINE_CUSTOMERS) await enqueue(QUEUES.insightsRefresh, { orgId: ctx.orgId }, ctx.orgId, sql);
    return { ...r, stale };
  });
  if (!state.stale) return { refreshedAt: state.refreshedAt, queued: false };
  if (state.customers > INLINE_CUSTOMERS) return { refreshedAt: state.refreshedAt, queued: true };
  await refreshInsights(ctx.orgId, now);
  return { refreshedAt: now, queued: false };
}
