// Tablets: paired to a location by a manager, unlocked by staff with a PIN.
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { pinTabletSessionSql, tabletDevice } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { withTenantTransactionOpenedBy } from "@/lib/tenancy/tenant-sql";
import { PairDeviceRequest, SetPinRequest, UnlockRequest } from "@/lib/validation/stamping";
import { pinHash } from "./pin";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const SESSION_HOURS = 12;
const FREE_PIN_TRIES = 5;

/** Who acts on a tablet: the staff member who unlocked it, at its location. */
export type TabletPrincipal = { orgId: string; userId: string; role: Role; deviceId: string; locationId: string; timezone: string };

export async function pairDevice(ctx: TenantContext, input: z.input<typeof PairDeviceRequest>) {
  requireRole(ctx, "MANAGER");
  const { locationId, name } = PairDeviceRequest.parse(input);
  const t = tenantDb(ctx);
  const location = await t.location.findUnique({ where: { id: locationId } });
  if (!location || location.archivedAt) throw new AppError("VALIDATION", "locationRequired", { locationId: ["locationRequired"] });
  const token = randomBytes(32).toString("base64url");
  const device = await t.device.create({ data: { organizationId: ctx.orgId, locationId, name, tokenHash: sha256(token), pairedByUserId: ctx.userId } });
  return { deviceId: device.id, deviceToken: token, locationName: location.name };
}

export async function revokeDevice(ctx: TenantContext, deviceId: string) {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const { count } = await t.device.updateMany({ where: { id: deviceId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!count) throw new AppError("NOT_FOUND");
  await t.deviceSession.deleteMany({ where: { deviceId } });
}

export function listDevices(ctx: TenantContext) {
  return tenantDb(ctx).device.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, lastSeenAt: true, revokedAt: true, createdAt: true, location: { select: { name: true } } },
  });
}

/** Sets a member's PIN: your own, or anyone's if you are a manager/owner. PINs are unique per merchant. */
export async function setPin(ctx: TenantContext, input: unknown) {
  const { membershipId, pin } = SetPinRequest.parse(input);
  const t = tenantDb(ctx);
  const member = await t.membership.findUnique({ where: { id: membershipId } });
  if (!member) throw new AppError("NOT_FOUND");
  if (member.userId !== ctx.userId) requireRole(ctx, "MANAGER");
  try {
    await t.membership.update({ where: { id: member.id }, data: { pinHash: pinHash(ctx.orgId, pin) } });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new AppError("CONFLICT", "pinTaken", { pin: ["pinTaken"] });
    throw e;
  }
}

async function deviceByToken(deviceToken: string) {
  const found = await tabletDevice(sha256(deviceToken));
  if (!found) throw new AppError("UNAUTHENTICATED", "deviceRevoked");
  const device = await tenantDb(found).device.findUnique({ where: { id: found.deviceId }, include: { location: { select: { name: true, organization: { select: { tabletIdleMinutes: true } } } } } });
  if (!device || device.revokedAt) throw new AppError("UNAUTHENTICATED", "deviceRevoked");
  return device;
}

/**
 * Staff unlock a paired tablet with their PIN. Wrong PINs lock the tablet's PIN
 * pad with growing backoff (5 free tries, then 30 s, 60 s, 120 s… up to 15 min).
 */
export async function unlockDevice(input: z.input<typeof UnlockRequest>, now = new Date()) {
  const { deviceToken, pin } = UnlockRequest.parse(input);
  const device = await deviceByToken(deviceToken);
  if (device.pinLockedUntil && device.pinLockedUntil > now) {
    throw new AppError("RATE_LIMITED", "pinLocked", undefined, Math.ceil((device.pinLockedUntil.getTime() - now.getTime()) / 1000));
  }
  const t = tenantDb({ orgId: device.organizationId });
  const member = await t.membership.findFirst({
    where: { pinHash: pinHash(device.organizationId, pin) },
    select: { userId: true, role: true, user: { select: { name: true } } },
  });
  if (!member) {
    const failures = device.pinFailures + 1;
    const lockSeconds = failures >= FREE_PIN_TRIES ? Math.min(900, 30 * 2 ** (failures - FREE_PIN_TRIES)) : 0;
    await t.device.update({ where: { id: device.id }, data: { pinFailures: failures, pinLockedUntil: lockSeconds ? new Date(now.getTime() + lockSeconds * 1000) : null } });
    throw new AppError("UNAUTHENTICATED", lockSeconds ? "pinLocked" : "pinWrong", { pin: [lockSeconds ? "pinLocked" : "pinWrong"] }, lockSeconds || undefined);
  }
  const token = randomBytes(32).toString("base64url");
  await t.$transaction(async (tx) => {
    await tx.device.update({ where: { id: device.id }, data: { pinFailures: 0, pinLockedUntil: null, lastSeenAt: now } });
    await tx.deviceSession.create({ data: { organizationId: device.organizationId, deviceId: device.id, userId: member.userId, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000) } });
  });
  return { sessionToken: token, staffName: member.user.name, role: member.role, locationName: device.location.name, idleMinutes: device.location.organization.tabletIdleMinutes };
}

export const tokenHash = sha256;

/**
 * SQL for the principal behind a session token hash (an escaped literal): the
 * first statement pins the session's organization (lib/tenancy/lookups.ts),
 * the second reads the principal under that pin. Two statements, one round trip.
 */
export const principalBySession = (hashLiteral: string) =>
  `${pinTabletSessionSql(hashLiteral)};
   SELECT s."organizationId" AS "orgId", s."userId", m.role, d.id AS "deviceId", d."locationId", o.timezone,
          s."expiresAt" < now() AT TIME ZONE 'UTC' AS expired
     FROM "DeviceSession" s
     JOIN "Device" d ON d.id = s."deviceId" AND d."organizationId" = s."organizationId" AND d."revokedAt" IS NULL
     JOIN "Membership" m ON m."organizationId" = s."organizationId" AND m."userId" = s."userId"
     JOIN "Organization" o ON o.id = s."organizationId"
    WHERE s."tokenHash" = ${hashLiteral}`;

/** Refuses a missing row (unknown token, revoked tablet, person left the team) and expired sessions. */
export function principalFromRow(row: Record<string, unknown> | undefined): TabletPrincipal {
  if (!row) throw new AppError("UNAUTHENTICATED", "deviceRevoked");
  if (row.expired) throw new AppError("UNAUTHENTICATED", "sessionExpired");
  const { expired: _e, ...principal } = row;
  return principal as TabletPrincipal;
}

/** The tablet principal for a staff session token, in one query. */
export async function resolveTablet(sessionToken: string | null | undefined): Promise<TabletPrincipal> {
  if (!sessionToken) throw new AppError("UNAUTHENTICATED");
  return withTenantTransactionOpenedBy(
    (lit) => principalBySession(lit(sha256(sessionToken))),
    async ([, principal]) => principalFromRow(principal[0]),
  );
}
