// Tablets: paired to a location by a manager; staff pick their name on it and
// unlock it with their PIN. The device token is rotated at every unlock, and a
// staff session ends after the merchant's idle minutes without an action.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { pinTabletSessionSql, tabletDevice } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { inlineParams, withTenantTransaction, withTenantTransactionOpenedBy } from "@/lib/tenancy/tenant-sql";
import { DeviceRequest, PairDeviceRequest, SetPinRequest, UnlockRequest } from "@/lib/validation/stamping";
import { pinHash } from "./pin";
import { afterCount, checkPin, countWrongPinSql, MEMBER_NAME, pinLocked, rightPinCtes } from "./pin-lockout";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const utc = (d: Date) => d.toISOString();
const SESSION_HOURS = 12;
/**
 * A session's last action is written at most this often (so one tablet's
 * concurrent taps do not queue on its session row), and the idle limit allows
 * this much more, so the coarse writes never end a session early.
 */
export const ACTIVITY_EVERY_SECONDS = 10;

/**
 * Who acts on a tablet: the member who unlocked it, at its location, in this
 * session. `userId` is null for tablet staff (a name and a PIN, no account).
 */
export type TabletPrincipal = {
  orgId: string;
  userId: string | null;
  memberId: string;
  role: Role;
  deviceId: string;
  locationId: string;
  timezone: string;
  sessionId: string;
};

const RANK: Record<Role, number> = { STAFF: 1, MANAGER: 2, OWNER: 3 };

export async function pairDevice(ctx: TenantContext, input: z.input<typeof PairDeviceRequest>) {
  requireRole(ctx, "MANAGER");
  const { locationId, name } = PairDeviceRequest.parse(input);
  const t = tenantDb(ctx);
  const location = await t.location.findUnique({ where: { id: locationId } });
  if (!location || location.archivedAt) throw new AppError("VALIDATION", "locationRequired", { locationId: ["locationRequired"] });
  const token = randomBytes(32).toString("base64url");
  const device = await t.$transaction(async (tx) => {
    const created = await tx.device.create({ data: { organizationId: ctx.orgId, locationId, name, tokenHash: sha256(token), pairedByUserId: ctx.userId } });
    await recordAudit(tx, ctx, { action: "tablet.pair", subjectType: "device", subjectId: created.id, details: { name, location: location.name } });
    return created;
  });
  return { deviceId: device.id, deviceToken: token, locationName: location.name };
}

/** Unpairs a tablet: its token (current and previous) and every session on it are refused at once. */
export async function revokeDevice(ctx: TenantContext, deviceId: string) {
  requireRole(ctx, "MANAGER");
  await tenantDb(ctx).$transaction(async (tx) => {
    const device = await tx.device.findFirst({ where: { id: deviceId, revokedAt: null }, select: { name: true } });
    if (!device) throw new AppError("NOT_FOUND");
    await tx.device.update({ where: { id: deviceId }, data: { revokedAt: new Date(), previousTokenHash: null } });
    await tx.deviceSession.deleteMany({ where: { deviceId } });
    await recordAudit(tx, ctx, { action: "tablet.revoke", subjectType: "device", subjectId: deviceId, details: { name: device.name } });
  });
}

export function listDevices(ctx: TenantContext) {
  return tenantDb(ctx).device.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, lastSeenAt: true, revokedAt: true, createdAt: true, location: { select: { name: true } } },
  });
}

/** Whether `ctx` may set the PIN of a member with `role` (`self`: their own). */
export const maySetPin = (ctx: TenantContext, target: { userId: string | null; role: Role }) =>
  (target.userId !== null && target.userId === ctx.userId) || RANK[ctx.role] > RANK[target.role];

/**
 * Sets a member's PIN: your own, or that of someone of a strictly lower role
 * (an owner sets managers' and staff's, a manager staff's). PINs need not be
 * unique, so the answer never depends on anyone else's PIN. Every change is
 * recorded; one made by someone else is shown to the member (pinChangesByOthers).
 */
export async function setPin(ctx: TenantContext, input: z.input<typeof SetPinRequest>) {
  const { membershipId, pin } = SetPinRequest.parse(input);
  if (!ctx.userId) throw new AppError("FORBIDDEN");
  const t = tenantDb(ctx);
  const member = await t.membership.findFirst({ where: { id: membershipId, removedAt: null }, select: { id: true, userId: true, role: true } });
  if (!member) throw new AppError("NOT_FOUND");
  if (!maySetPin(ctx, member)) throw new AppError("FORBIDDEN");
  await enforce([LIMITS.setPinPerMember, `${ctx.userId}:${member.id}`], [LIMITS.setPinPerUser, ctx.userId]);
  await t.$transaction(async (tx) => {
    // A new PIN starts with a clean slate: the old one's wrong guesses say nothing about it.
    await tx.membership.update({ where: { id: member.id }, data: { pinHash: pinHash(ctx.orgId, pin), pinFailures: 0, pinLockedUntil: null } });
    await tx.pinChange.create({ data: { organizationId: ctx.orgId, membershipId: member.id, changedByUserId: ctx.userId } });
    // That the PIN changed, and whose: never the PIN.
    const who = await tx.membership.findFirst({ where: { id: member.id }, select: { displayName: true, user: { select: { name: true } } } });
    await recordAudit(tx, ctx, {
      action: "member.pin",
      subjectType: "member",
      subjectId: member.id,
      details: { name: who?.user?.name ?? who?.displayName ?? null },
    });
  });
}

/** The changes to your own PIN made by someone else (newest first, the last 90 days): "Je PIN is gewijzigd door X op …". */
export async function pinChangesByOthers(ctx: TenantContext): Promise<{ changedBy: string | null; at: Date }[]> {
  if (!ctx.userId) return [];
  const t = tenantDb(ctx);
  const me = await t.membership.findFirst({ where: { userId: ctx.userId }, select: { id: true } });
  if (!me) return [];
  const changes = await t.pinChange.findMany({
    where: {
      membershipId: me.id,
      createdAt: { gte: new Date(Date.now() - 90 * 86_400_000) },
      OR: [{ changedByUserId: null }, { changedByUserId: { not: ctx.userId } }],
    },
    orderBy: { createdAt: "desc" },
    take: 5,
    select: { createdAt: true, changedBy: { select: { name: true } } },
  });
  return changes.map((c) => ({ changedBy: c.changedBy?.name ?? null, at: c.createdAt }));
}

/**
 * The paired tablet behind a device token (and the next token it proposes).
 * `current`: the token is the tablet's; otherwise `nextDeviceToken` already
 * replaced it (the unlock that rotated it lost its answer), which the pinned
 * query must confirm with `tokenCondition` (the token before must be the one sent).
 */
async function deviceByTokens(input: z.output<typeof DeviceRequest>) {
  const current = await tabletDevice(sha256(input.deviceToken));
  const found = current ?? (input.nextDeviceToken ? await tabletDevice(sha256(input.nextDeviceToken)) : null);
  if (!found) throw new AppError("UNAUTHENTICATED", "deviceRevoked");
  const sent = [sha256(input.deviceToken), input.nextDeviceToken ? sha256(input.nextDeviceToken) : null];
  const tokenCondition = inlineParams(`d."tokenHash" = $1 OR (d."tokenHash" = $2 AND d."previousTokenHash" = $1)`, sent);
  return { ...found, tokenCondition };
}

/** The name tiles of a locked tablet: the people of its organization who have a PIN (tablet staff included). */
export async function listTabletStaff(input: z.input<typeof DeviceRequest>) {
  const device = await deviceByTokens(DeviceRequest.parse(input));
  return withTenantTransaction(device.orgId, async (sql) => {
    const members = await sql<{ id: string; name: string; role: Role }>(
      `SELECT m.id, ${MEMBER_NAME} AS name, m.role
         FROM "Device" d
         JOIN "Membership" m ON m."organizationId" = d."organizationId" AND m."pinHash" IS NOT NULL AND m."removedAt" IS NULL
         LEFT JOIN "User" u ON u.id = m."userId"
        WHERE d.id = $1 AND d."organizationId" = $2 AND d."revokedAt" IS NULL AND (${device.tokenCondition})
        ORDER BY lower(${MEMBER_NAME}), m.id`,
      [device.deviceId, device.orgId],
    );
    if (
      !members.length &&
      !(await sql(`SELECT 1 FROM "Device" d WHERE d.id = $1 AND d."revokedAt" IS NULL AND (${device.tokenCondition})`, [device.deviceId])).length
    ) {
      throw new AppError("UNAUTHENTICATED", "deviceRevoked");
    }
    return { members };
  });
}

/**
 * A staff member unlocks a paired tablet: the name they picked and their PIN.
 * Only that person's PIN is compared. Wrong PINs are counted on the tablet and
 * on the person (pin-lockout.ts); the right one opens a session, resets both
 * counters (if neither is locked) and rotates the device token to the one the
 * tablet proposed, in one statement.
 */
export async function unlockDevice(input: z.input<typeof UnlockRequest>, now = new Date()) {
  const req = UnlockRequest.parse(input);
  const device = await deviceByTokens(req);
  const target = { orgId: device.orgId, deviceId: device.deviceId, memberId: req.memberId, now };
  const sessionToken = randomBytes(32).toString("base64url");
  const outcome = await withTenantTransaction(device.orgId, async (sql) => {
    const check = await checkPin(sql, { ...target, pin: req.pin, deviceCondition: device.tokenCondition });
    if (!check) return { refused: new AppError("UNAUTHENTICATED", "deviceRevoked") };
    if (!check.matches) {
      const [counted] = await sql<{ lockedUntil: Date | null }>(countWrongPinSql(target));
      return { refused: afterCount(new AppError("UNAUTHENTICATED", "pinWrong", { pin: ["pinWrong"] }), counted.lockedUntil, now) };
    }
    if (check.lockedUntil) throw pinLocked(check.lockedUntil, now);
    const { ctes, bothReset } = rightPinCtes({
      ...target,
      deviceSet: inlineParams(`"tokenHash" = $1, "previousTokenHash" = $2, "lastSeenAt" = $3::timestamp`, [
        sha256(req.nextDeviceToken),
        sha256(req.deviceToken),
        utc(now),
      ]),
      deviceCondition: inlineParams(`"tokenHash" IN ($1, $2)`, [sha256(req.deviceToken), sha256(req.nextDeviceToken)]),
    });
    const [opened] = await sql<{ n: number }>(
      `WITH ${ctes},
       s AS (INSERT INTO "DeviceSession" (id, "organizationId", "deviceId", "membershipId", "tokenHash", "expiresAt", "lastActiveAt", "createdAt")
             SELECT $1, $2, $3, $4, $5, $6::timestamp, $7::timestamp, $7::timestamp WHERE ${bothReset} RETURNING 1)
       SELECT count(*)::int AS n FROM s`,
      [randomUUID(), device.orgId, device.deviceId, check.memberId, sha256(sessionToken), utc(new Date(now.getTime() + SESSION_HOURS * 3600_000)), utc(now)],
    );
    if (!opened.n) {
      // Locked by guesses that committed in between (or the token moved on): nothing of this request stays.
      const again = await checkPin(sql, { ...target, pin: req.pin, deviceCondition: device.tokenCondition });
      throw again?.lockedUntil ? pinLocked(again.lockedUntil, now) : new AppError("UNAUTHENTICATED", "deviceRevoked");
    }
    return { unlocked: { sessionToken, staffName: check.name!, role: check.role!, locationName: check.locationName, idleMinutes: check.idleMinutes } };
  });
  if ("refused" in outcome) throw outcome.refused;
  return outcome.unlocked;
}

export const tokenHash = sha256;

/**
 * SQL for the principal behind a session token hash (an escaped literal): the
 * first statement pins the session's organization (lib/tenancy/lookups.ts),
 * the second reads the principal under that pin and whether the session is
 * over — past its 12 hours at `now`, or idle: no action within the merchant's
 * idle minutes before `at` (the action's time: now, or when an offline tap was
 * made). Literals: escaped UTC timestamps. Two statements, one round trip.
 */
export const principalBySession = (hashLiteral: string, atLiteral: string, nowLiteral: string) =>
  `${pinTabletSessionSql(hashLiteral)};
   SELECT s."organizationId" AS "orgId", m."userId", m.id AS "memberId", m.role, d.id AS "deviceId", d."locationId", o.timezone, s.id AS "sessionId",
          NOT (${alive("s", "o", atLiteral, nowLiteral)}) AS expired
     FROM "DeviceSession" s
     JOIN "Device" d ON d.id = s."deviceId" AND d."organizationId" = s."organizationId" AND d."revokedAt" IS NULL
     JOIN "Membership" m ON m."organizationId" = s."organizationId" AND m.id = s."membershipId" AND m."removedAt" IS NULL
     JOIN "Organization" o ON o.id = s."organizationId"
    WHERE s."tokenHash" = ${hashLiteral}`;

/** A session (`s`, its organization `o`) is alive for an action at `at`, checked at `now`. */
const alive = (s: string, o: string, at: string, now: string) =>
  `${s}."expiresAt" > ${now}::timestamp
   AND ${s}."lastActiveAt" >= ${at}::timestamp - make_interval(mins => ${o}."tabletIdleMinutes", secs => ${ACTIVITY_EVERY_SECONDS})`;

/**
 * SQL recording an action at `at` (an escaped literal) in session `sessionId`:
 * the sliding idle expiry moves on (never back), written at most every
 * ACTIVITY_EVERY_SECONDS. Sent with the action's own write, in its round trip.
 */
export const touchSessionSql = (sessionId: string, at: Date) =>
  inlineParams(
    `UPDATE "DeviceSession" SET "lastActiveAt" = $2::timestamp
      WHERE id = $1 AND "organizationId" = current_setting('app.org_id', true) AND "lastActiveAt" < $2::timestamp - make_interval(secs => ${ACTIVITY_EVERY_SECONDS})`,
    [sessionId, utc(at)],
  );

/** Refuses a missing row (unknown token, revoked tablet, person left the team or was removed) and expired or idle sessions. */
export function principalFromRow(row: Record<string, unknown> | undefined): TabletPrincipal {
  if (!row) throw new AppError("UNAUTHENTICATED", "deviceRevoked");
  if (row.expired) throw new AppError("UNAUTHENTICATED", "sessionExpired");
  const { expired: _e, ...principal } = row;
  return principal as TabletPrincipal;
}

/**
 * The tablet principal for a staff session token (searching, opening a card),
 * in the opening round trip of a transaction; the request counts as activity
 * (the same round trip records it when the session is alive).
 */
export async function resolveTablet(sessionToken: string | null | undefined): Promise<TabletPrincipal> {
  if (!sessionToken) throw new AppError("UNAUTHENTICATED");
  const now = new Date();
  return withTenantTransactionOpenedBy(
    (lit) => {
      const [hash, at] = [lit(sha256(sessionToken)), lit(utc(now))];
      return `${principalBySession(hash, at, at)};
        UPDATE "DeviceSession" s SET "lastActiveAt" = ${at}::timestamp FROM "Organization" o
         WHERE s."tokenHash" = ${hash} AND o.id = s."organizationId" AND ${alive("s", "o", at, at)}
           AND s."lastActiveAt" < ${at}::timestamp - make_interval(secs => ${ACTIVITY_EVERY_SECONDS})`;
    },
    async ([, principal]) => principalFromRow(principal[0]),
  );
}
