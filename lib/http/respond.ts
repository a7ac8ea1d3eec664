import "server-only";
import { NextResponse } from "next/server";
import { currentTenant } from "@/lib/auth/session";
import { AppError, toAppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/log/logger";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";

/** Maps any error to JSON with the right status: 422 validation, 404, 403, 429, else a generic 500. */
export function errorResponse(error: unknown): NextResponse {
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "request failed");
  const headers: Record<string, string> = e.retryAfterSeconds ? { "Retry-After": String(e.retryAfterSeconds) } : {};
  return NextResponse.json({ error: e.code, message: e.messageKey, fieldErrors: e.fieldErrors }, { status: e.status, headers });
}

/** Route handlers on tenant data: resolves the member's context once, checks the role, maps errors. */
export function withTenant<P>(minRole: Role, handler: (req: Request, ctx: TenantContext, params: P) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }) => {
    try {
      const tenant = await currentTenant();
      if (!tenant) throw new AppError("UNAUTHENTICATED");
      requireRole(tenant.ctx, minRole);
      return await handler(req, tenant.ctx, await route.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
