import "server-only";
import { NextResponse } from "next/server";
import { currentTenant } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { errorResult } from "./error-result";

/** Any error as a JSON response (mapping in lib/http/error-result.ts). */
export function errorResponse(error: unknown): NextResponse {
  const r = errorResult(error);
  return NextResponse.json(r.body, { status: r.status, headers: r.headers });
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
