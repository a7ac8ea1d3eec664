import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { diff } from "@/lib/audit/diff";
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import { dropKeptPanels } from "@/lib/insights/kept";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";

export function listLocations(ctx: TenantContext) {
  return tenantDb(ctx).location.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const time = z.preprocess(
  blank,
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeInvalid")
    .optional(),
);
const coordinate = (max: number) =>
  z.preprocess(blank, z.coerce.number({ message: "coordinateInvalid" }).min(-max, "coordinateInvalid").max(max, "coordinateInvalid").optional());

/** A location as the form sends it: flat fields, hours as `mon_open` / `mon_close` (empty = closed). */
export const LocationRequest = z
  .object({
    name: z.string().trim().min(2, "locationNameRequired").max(60, "tooLong"),
    address: z.preprocess(blank, z.string().trim().max(120, "tooLong").optional()),
    city: z.preprocess(blank, z.string().trim().max(60, "tooLong").optional()),
    latitude: coordinate(90),
    longitude: coordinate(180),
    ...Object.fromEntries(
      DAYS.flatMap((d) => [
        [`${d}_open`, time],
        [`${d}_close`, time],
      ]),
    ),
  })
  .superRefine((v, ctx) => {
    for (const d of DAYS) {
      const [open, close] = [(v as Record<string, unknown>)[`${d}_open`], (v as Record<string, unknown>)[`${d}_close`]] as (string | undefined)[];
      if ((open && !close) || (!open && close) || (open && close && open >= close))
        ctx.addIssue({ code: "custom", path: [`${d}_open`], message: "hoursInvalid" });
    }
    if ((v.latitude === undefined) !== (v.longitude === undefined)) ctx.addIssue({ code: "custom", path: ["latitude"], message: "coordinateInvalid" });
  })
  .transform((v) => {
    const row = v as unknown as Record<string, string | undefined>;
    // {"mon": [["07:30", "18:00"]], …} — the shape wallets' relevance and the insights use.
    const hours: Record<string, string[][]> = Object.fromEntries(
      DAYS.flatMap((d) => (row[`${d}_open`] ? [[d, [[row[`${d}_open`]!, row[`${d}_close`]!]]]] : [])),
    );
    return {
      name: v.name,
      address: v.address ?? null,
      city: v.city ?? null,
      latitude: v.latitude ?? null,
      longitude: v.longitude ?? null,
      openingHours: hours,
    };
  });

/** The form's input: the fields above plus `mon_open` … `sun_close`. */
export type LocationInput = z.input<typeof LocationRequest> & Partial<Record<`${(typeof DAYS)[number]}_${"open" | "close"}`, string>>;

export async function addLocation(ctx: TenantContext, input: LocationInput) {
  requireRole(ctx, "MANAGER");
  const data = LocationRequest.parse(input);
  return tenantDb(ctx).$transaction(async (tx) => {
    await assertWithinLimit(tx, "locations");
    const location = await tx.location.create({ data: { ...data, organizationId: ctx.orgId } });
    await dropKeptPanels(tx);
    await recordAudit(tx, ctx, { action: "location.create", subjectType: "location", subjectId: location.id, details: { name: location.name } });
    return location;
  });
}

export async function updateLocation(ctx: TenantContext, locationId: string, input: LocationInput) {
  requireRole(ctx, "MANAGER");
  const id = EntityId.parse(locationId);
  const data = LocationRequest.parse(input);
  await tenantDb(ctx).$transaction(async (tx) => {
    const before = await tx.location.findFirst({ where: { id, archivedAt: null } });
    if (!before) throw new AppError("NOT_FOUND");
    await tx.location.update({ where: { id }, data });
    // Outside-hours and per-location figures a big merchant's refresh kept no longer hold.
    await dropKeptPanels(tx);
    const change = diff(before, data);
    if (change) await recordAudit(tx, ctx, { action: "location.update", subjectType: "location", subjectId: id, details: { name: data.name }, ...change });
  });
}

/** Archived locations keep their history; their tablets stop working. */
export async function archiveLocation(ctx: TenantContext, locationId: string) {
  requireRole(ctx, "MANAGER");
  const id = EntityId.parse(locationId);
  await tenantDb(ctx).$transaction(async (tx) => {
    const location = await tx.location.findFirst({ where: { id, archivedAt: null }, select: { name: true } });
    if (!location) throw new AppError("NOT_FOUND");
    await tx.location.update({ where: { id }, data: { archivedAt: new Date() } });
    await dropKeptPanels(tx);
    const { count: tablets } = await tx.device.updateMany({ where: { locationId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "location.delete", subjectType: "location", subjectId: id, details: { name: location.name, tablets } });
  });
}

export function listLocationDetails(ctx: TenantContext) {
  return tenantDb(ctx).location.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" } });
}
