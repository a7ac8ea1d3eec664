import type { TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

export function listLocations(ctx: TenantContext) {
  return tenantDb(ctx).location.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
