// The data processing agreement (verwerkersovereenkomst, GDPR art. 28) between
// a merchant (controller) and Stempel (processor). The owner accepts it at
// sign-up; the Organization keeps which version, when and by whom. Publishing
// a new text means raising DPA_VERSION: every owner is then asked on the
// dashboard to accept it again (app/(dashboard)/dashboard/layout.tsx).
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { AcceptDpaRequest } from "@/lib/validation/legal";

/** The current text's version: the date it takes effect. Raise it with every change of lib/legal/content. */
export const DPA_VERSION = "2026-11-25";

export type DpaStatus = "current" | "outdated" | "missing";

export function dpaStatus(org: { dpaVersion: string | null }): DpaStatus {
  if (org.dpaVersion === DPA_VERSION) return "current";
  return org.dpaVersion ? "outdated" : "missing";
}

/** What an Organization records when its owner accepts the current agreement. */
export const dpaAcceptance = (userId: string, now: Date) => ({ dpaVersion: DPA_VERSION, dpaAcceptedAt: now, dpaAcceptedByUserId: userId });

/** The owner accepts the current agreement (again). Only the owner signs for the business. */
export async function acceptDpa(ctx: TenantContext, input: z.input<typeof AcceptDpaRequest>, now = new Date()) {
  requireRole(ctx, "OWNER");
  if (!ctx.userId) throw new AppError("FORBIDDEN");
  const data = AcceptDpaRequest.parse(input);
  if (data.version !== DPA_VERSION) throw new AppError("CONFLICT", "dpaVersionChanged");
  await tenantDb(ctx).organization.update({ where: { id: ctx.orgId }, data: dpaAcceptance(ctx.userId, now) });
}
