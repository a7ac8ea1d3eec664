import "server-only";
import { currentTenant } from "@/lib/auth/session";
import { assertTenantWritable } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { runAction, type ActionResult } from "./result";

export type TenantActionOptions = {
  /**
   * A way out of a read-only dashboard (lib/billing/entitlements.ts): paying,
   * exporting, deleting or restoring the organization. Every other action is
   * refused with READ_ONLY while the trial ended unpaid, payment lapsed, or the
   * organization is being deleted.
   */
  allowReadOnly?: boolean;
};

/** Server actions on tenant data: signed-in member with at least `minRole`, errors as ActionResult. */
export function tenantAction<T>(minRole: Role, fn: (ctx: TenantContext) => Promise<T>, options: TenantActionOptions = {}): Promise<ActionResult<T>> {
  return runAction(async () => {
    const tenant = await currentTenant();
    if (!tenant) throw new AppError("UNAUTHENTICATED");
    requireRole(tenant.ctx, minRole);
    if (!options.allowReadOnly) await assertTenantWritable(tenant);
    return fn(tenant.ctx);
  });
}
