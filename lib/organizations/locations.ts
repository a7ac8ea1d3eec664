import { z } from "zod";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

export function listLocations(ctx: TenantContext) {
  return tenantDb(ctx).location.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export const LocationRequest = z.object({
  name: z.string().trim().min(2, "locationNameRequired").max(60, "tooLong"),
  address: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(120, "tooLong").optional()),
  city: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(60, "tooLong").optional()),
});

export async function addLocation(ctx: TenantContext, input: unknown) {
  requireRole(ctx, "MANAGER");
  const data = LocationRequest.parse(input);
  return tenantDb(ctx).location.create({ data: { ...data, organizationId: ctx.orgId } });
}
