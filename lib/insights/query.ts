// How every Insights view reads: one transaction pinned to the merchant (row-level
// security holds), planner settings for in-memory data, typed SQL. All
// arithmetic happens in PostgreSQL — aggregates and window functions over the
// period's rows — never by loading rows into Node (npm run bench:insights).
import { hasRole, requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenantTransaction, type TenantSql } from "@/lib/tenancy/tenant-sql";

/**
 * A random page costs about what a sequential one does here (memory or SSD);
 * parallel workers and JIT compilation cost more to start than these queries
 * take (a 90-day query passes JIT's cost bar and then spends longer compiling
 * than running).
 */
const PLANNER =
  "SELECT set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true), set_config('work_mem', '32MB', true)";

/** Runs `fn` for a manager or owner of `ctx`'s merchant (insights are not for the tablet staff). */
export async function insightsQuery<T>(ctx: TenantContext, fn: (sql: TenantSql) => Promise<T>): Promise<T> {
  requireRole(ctx, "MANAGER");
  return withTenantTransaction(ctx.orgId, async (sql) => {
    await sql(PLANNER);
    return fn(sql);
  });
}

export const canSeeInsights = (ctx: TenantContext) => hasRole(ctx, "MANAGER");
