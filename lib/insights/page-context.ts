// What every Insights page starts with: the signed-in manager's context, the
// period from the URL (?period=week|month|quarter|year, default month) and
// scores no older than 15 minutes (ensure-fresh.ts).
import "server-only";
import { requireTenant } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { hasRole } from "@/lib/tenancy/context";
import { ensureFreshInsights } from "./ensure-fresh";
import { PeriodParam, resolvePeriod } from "./period";

export type InsightsSearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function insightsPage(searchParams?: InsightsSearchParams) {
  const { ctx, organization } = await requireTenant();
  if (!hasRole(ctx, "MANAGER")) throw new AppError("FORBIDDEN");
  const sp = (await searchParams) ?? {};
  const period = resolvePeriod(PeriodParam.parse(sp.period), organization.timezone);
  const freshness = await ensureFreshInsights(ctx);
  return { ctx, organization, period, freshness, searchParams: sp };
}
