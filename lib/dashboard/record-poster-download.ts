import type { TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

/** A member was served a QR poster (PDF): the onboarding checklist's poster step. The first time is kept. */
export async function recordPosterDownload(ctx: TenantContext, at = new Date()) {
  await tenantDb(ctx).organization.updateMany({ where: { id: ctx.orgId, posterDownloadedAt: null }, data: { posterDownloadedAt: at } });
}
