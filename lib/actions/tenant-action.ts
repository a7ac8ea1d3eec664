import "server-only";
import { currentTenant } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { runAction, type ActionResult } from "./result";

/** Server actions on tenant data: signed-in member with at least `minRole`, errors as ActionResult. */
export function tenantAction<T>(minRole: Role, fn: (ctx: TenantContext) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(async () => {
    const tenant = await currentTenant();
    if (!tenant) throw new AppError("UNAUTHENTICATED");
    requireRole(tenant.ctx, minRole);
    return fn(tenant.ctx);
  });
}
