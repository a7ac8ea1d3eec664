// The one lockout every PIN typed on a tablet goes through — to unlock it, for
// a manager's override, to redeem (lib/stamping/devices.ts, card-action.ts).
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "@/lib/generated/prisma/enums";
import { inlineParams, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { pinHash } from "./pin";

// The lockout. Every wrong PIN is counted twice, atomically (one UPDATE … + 1
// each, so N guesses sent at once count N): on the tablet it was typed on, and
// on the person it was typed for — across all the organization's tablets, so a
// second tablet gives no fresh tries. Five free tries, then 30 s, 60 s, 120 s …
// up to 15 minutes; every wrong PIN during a lock counts and extends it. A
// right PIN resets both counters, but only while neither is locked: the reset
// is the condition of the action itself (the session, the override, the
// redeem), in the same statement, so a lock set by guesses still in flight
// refuses it. Your own right PIN never resets someone else's counter.
export const FREE_PIN_TRIES = 5;
const MAX_LOCK_SECONDS = 900;

/** Seconds the pad locks for after `failures` wrong PINs in a row (none during the free tries). */
export const lockSeconds = (failures: number) => (failures < FREE_PIN_TRIES ? 0 : Math.min(MAX_LOCK_SECONDS, 30 * 2 ** Math.min(failures - FREE_PIN_TRIES, 5)));

const utc = (d: Date) => d.toISOString();

/** SQL: a member's name (`m`, their user `u` joined LEFT): tablet staff's own, else their account's. */
export const MEMBER_NAME = `COALESCE(m."displayName", u.name)`;

/** Who a PIN is typed for, on which tablet, when. */
export type PinTarget = { orgId: string; deviceId: string; memberId: string | null; now: Date };

export type PinCheck = {
  memberId: string | null;
  userId: string | null;
  role: Role | null;
  name: string | null;
  locationName: string;
  idleMinutes: number;
  /** The PIN is the chosen person's (false when there is no such person with a PIN). */
  matches: boolean;
  /** When the tablet's pad or the person's PIN is locked until, if it is now. */
  lockedUntil: Date | null;
};

/**
 * Reads, without locking, whether `pin` is the chosen member's (restricted to
 * `roles`) and whether the tablet or that member is locked now. Nothing else is
 * revealed: a member who does not exist, has no PIN or lacks the role simply
 * does not match. `deviceCondition` (SQL on `d`) narrows the tablet further.
 * No row: the tablet is not there (revoked, or the condition failed).
 */
export async function checkPin(sql: TenantSql, t: PinTarget & { pin: string; roles?: Role[]; deviceCondition?: string }): Promise<PinCheck | null> {
  const roles = t.roles ? `AND m.role IN (${t.roles.map((r) => `'${r}'`).join(", ")})` : "";
  const [row] = await sql<PinCheck>(
    inlineParams(
      `SELECT m.id AS "memberId", m."userId", m.role, ${MEMBER_NAME} AS name, l.name AS "locationName", o."tabletIdleMinutes" AS "idleMinutes",
              COALESCE(m."pinHash" = $4, false) AS matches,
              GREATEST(CASE WHEN d."pinLockedUntil" > $5::timestamp THEN d."pinLockedUntil" END,
                       CASE WHEN m."pinLockedUntil" > $5::timestamp THEN m."pinLockedUntil" END) AS "lockedUntil"
         FROM "Device" d
         JOIN "Location" l ON l.id = d."locationId" AND l."organizationId" = d."organizationId"
         JOIN "Organization" o ON o.id = d."organizationId"
         LEFT JOIN "Membership" m ON m."organizationId" = d."organizationId" AND m.id = $3 AND m."pinHash" IS NOT NULL AND m."removedAt" IS NULL ${roles}
         LEFT JOIN "User" u ON u.id = m."userId"
        WHERE d.id = $2 AND d."organizationId" = $1 AND d."revokedAt" IS NULL ${t.deviceCondition ? `AND (${t.deviceCondition})` : ""}`,
      [t.orgId, t.deviceId, t.memberId, pinHash(t.orgId, t.pin), utc(t.now)],
    ),
  );
  return row ?? null;
}

const failed = (table: '"Device"' | '"Membership"') =>
  `UPDATE ${table} SET "pinFailures" = "pinFailures" + 1,
          "pinLockedUntil" = CASE WHEN "pinFailures" + 1 >= ${FREE_PIN_TRIES}
            THEN GREATEST(COALESCE("pinLockedUntil", $4::timestamp), $4::timestamp + make_interval(secs => LEAST(${MAX_LOCK_SECONDS}, 30 * power(2, LEAST("pinFailures" + 1 - ${FREE_PIN_TRIES}, 5)))))
            ELSE "pinLockedUntil" END`;

/**
 * One statement counting one wrong PIN on the tablet and on the member (when
 * there is one); its row says until when either is locked now (null: not locked).
 */
export function countWrongPinSql(t: PinTarget): string {
  return inlineParams(
    `WITH pin_d AS (${failed('"Device"')} WHERE id = $2 AND "organizationId" = $1 RETURNING "pinLockedUntil"),
          pin_m AS (${failed('"Membership"')} WHERE id = $3 AND "organizationId" = $1 RETURNING "pinLockedUntil")
     SELECT NULLIF(GREATEST((SELECT "pinLockedUntil" FROM pin_d), (SELECT "pinLockedUntil" FROM pin_m), $4::timestamp), $4::timestamp) AS "lockedUntil"`,
    [t.orgId, t.deviceId, t.memberId, utc(t.now)],
  );
}

/**
 * CTEs (`pin_d`, `pin_m`) resetting both counters of a right PIN, each only
 * where it is not locked, plus the condition an action must put on its own
 * write: both were reset. `deviceSet`/`deviceCondition` add to the tablet's
 * UPDATE (SQL, already escaped).
 */
export function rightPinCtes(t: PinTarget & { deviceSet?: string; deviceCondition?: string }): { ctes: string; bothReset: string } {
  const unlocked = `("pinLockedUntil" IS NULL OR "pinLockedUntil" <= $4::timestamp)`;
  const ctes = inlineParams(
    `pin_d AS (UPDATE "Device" SET "pinFailures" = 0, "pinLockedUntil" = NULL${t.deviceSet ? `, ${t.deviceSet}` : ""}
                WHERE id = $2 AND "organizationId" = $1 AND "revokedAt" IS NULL AND ${unlocked}${t.deviceCondition ? ` AND (${t.deviceCondition})` : ""} RETURNING id),
     pin_m AS (UPDATE "Membership" SET "pinFailures" = 0, "pinLockedUntil" = NULL
                WHERE id = $3 AND "organizationId" = $1 AND ${unlocked} RETURNING id)`,
    [t.orgId, t.deviceId, t.memberId, utc(t.now)],
  );
  return { ctes, bothReset: `EXISTS (SELECT 1 FROM pin_d) AND EXISTS (SELECT 1 FROM pin_m)` };
}

/** 429 "pinLocked", with when to try again. */
export const pinLocked = (until: Date, now: Date) =>
  new AppError("RATE_LIMITED", "pinLocked", { pin: ["pinLocked"] }, Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));

/** A wrong PIN: the error to answer, and the statement that counts it (committed before answering). */
export class WrongPin extends AppError {
  constructor(
    readonly wrong: AppError,
    readonly countSql: string,
  ) {
    super(wrong.code, wrong.messageKey, wrong.fieldErrors);
  }
}

/** What a counted wrong PIN answers: `wrong`, or locked now (the count reached the lock). */
export const afterCount = (wrong: AppError, lockedUntil: Date | null, now: Date): AppError =>
  lockedUntil && lockedUntil > now ? pinLocked(lockedUntil, now) : wrong;
