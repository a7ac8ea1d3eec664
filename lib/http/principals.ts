// Route handlers that act for a principal: the principal is resolved (and the
// role checked) once, before the endpoint runs; errors answer through errorResult.
import "server-only";
import { currentTenant } from "@/lib/auth/session";
import { assertTenantWritable } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { resolveTablet, type TabletPrincipal } from "@/lib/stamping/devices";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { bearer, type HttpRequest } from "./request";
import type { HttpResult } from "./result";
import { route } from "./web";

/**
 * Dashboard routes on tenant data: the signed-in member's context, at least `minRole`.
 * A write (not GET/HEAD) is refused while the dashboard is read-only, unless
 * `allowReadOnly` (a way out: lib/billing/entitlements.ts).
 */
export function withTenant<P = unknown>(
  minRole: Role,
  endpoint: (req: HttpRequest, ctx: TenantContext, params: P) => Promise<HttpResult>,
  options: { allowReadOnly?: boolean } = {},
) {
  return route<P>(async (req, params) => {
    const tenant = await currentTenant();
    if (!tenant) throw new AppError("UNAUTHENTICATED");
    requireRole(tenant.ctx, minRole);
    if (!options.allowReadOnly && req.method !== "GET" && req.method !== "HEAD") await assertTenantWritable(tenant);
    return endpoint(req, tenant.ctx, params);
  });
}

/** Tablet API routes: `Authorization: Bearer <staff session token>` → the tablet principal. */
export function withTablet<P = unknown>(endpoint: (req: HttpRequest, p: TabletPrincipal, params: P) => Promise<HttpResult>) {
  return route<P>(async (req, params) => endpoint(req, await resolveTablet(bearer(req)), params));
}
