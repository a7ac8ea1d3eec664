import { z } from "zod";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

export const TabletSettingsRequest = z.object({
  tabletIdleMinutes: z.coerce.number({ message: "idleRange" }).int("idleRange").min(1, "idleRange").max(120, "idleRange"),
});

export async function updateTabletSettings(ctx: TenantContext, input: z.input<typeof TabletSettingsRequest>) {
  requireRole(ctx, "MANAGER");
  const data = TabletSettingsRequest.parse(input);
  await tenantDb(ctx).organization.update({ where: { id: ctx.orgId }, data });
}
