// Pairing a tablet without signing in on it (issue 12 §2, docs/tablet-setup.md):
// a manager asks the dashboard for a one-time code for a location; the tablet
// sends it (scanned from the QR's /stamp?pair=<code>, or typed) and gets its
// device token. A code is 8 characters, valid 15 minutes, used once, and stored
// only as a hash. Attempts are rate limited per client address, so codes cannot
// be guessed (31^8 codes, 10 tries per 15 minutes).
import { createHash, randomBytes, randomInt, randomUUID } from "node:crypto";
import { sql as k } from "kysely";
import type { z } from "zod";
import { isIP } from "node:net";
import { recordAuditSql, withAuditOrigin } from "@/lib/audit/audit";
import { run, sqlb } from "@/lib/db/sql";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { enforce, type Limit } from "@/lib/rate-limit/rate-limit";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tabletPairing } from "@/lib/tenancy/lookups";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { CreatePairingRequest, formatPairingCode, PAIRING_ALPHABET, PAIRING_CODE_LENGTH, PairByCodeRequest } from "@/lib/validation/pairing";
import { tokenHash } from "./devices";

export const PAIRING_MINUTES = 15;
/** Every pairing attempt with a well-formed code, per client address (IPv6 by its /64). */
export const PAIR_PER_IP: Limit = { name: "tabletpair:ip", max: 10, windowSeconds: 15 * 60 };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const newCode = () => Array.from({ length: PAIRING_CODE_LENGTH }, () => PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]).join("");
/** What the tablet opens: the QR code's content. */
export const pairingUrl = (code: string) => `${appUrl()}/stamp?pair=${formatPairingCode(code)}`;

const wrongCode = () => new AppError("VALIDATION", "pairingCodeWrong", { code: ["pairingCodeWrong"] });

/** Dashboard → Stempeltablet → "Koppel een tablet": a new code for `locationId`, shown as text and as a QR code. */
export async function createPairing(ctx: TenantContext, input: z.input<typeof CreatePairingRequest>, now = new Date()) {
  requireRole(ctx, "MANAGER");
  const { locationId } = CreatePairingRequest.parse(input);
  const t = tenantDb(ctx);
  const location = await t.location.findFirst({ where: { id: locationId, archivedAt: null }, select: { name: true } });
  if (!location) throw new AppError("VALIDATION", "locationRequired", { locationId: ["locationRequired"] });
  const code = newCode();
  const expiresAt = new Date(now.getTime() + PAIRING_MINUTES * 60_000);
  // codeHash is unique: a collision (1 in 31^8) fails this request, never pairs the wrong shop.
  const pairing = await t.tabletPairing.create({
    data: { organizationId: ctx.orgId, locationId, codeHash: sha256(code), createdByUserId: ctx.userId, expiresAt, createdAt: now },
    select: { id: true },
  });
  return { pairingId: pairing.id, code: formatPairingCode(code), url: pairingUrl(code), expiresAt, locationName: location.name };
}

export type PairingStatus = { state: "waiting" | "expired" } | { state: "paired"; deviceName: string; locationName: string };

/** What the dashboard polls while the code is shown: still waiting, expired, or which tablet it paired. */
export async function pairingStatus(ctx: TenantContext, pairingId: string, now = new Date()): Promise<PairingStatus> {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const pairing = await t.tabletPairing.findFirst({ where: { id: pairingId }, select: { usedAt: true, deviceId: true, expiresAt: true } });
  if (!pairing) throw new AppError("NOT_FOUND");
  if (pairing.usedAt && pairing.deviceId) {
    const device = await t.device.findFirst({ where: { id: pairing.deviceId }, select: { name: true, location: { select: { name: true } } } });
    if (device) return { state: "paired", deviceName: device.name, locationName: device.location.name };
  }
  return { state: pairing.usedAt || pairing.expiresAt <= now ? "expired" : "waiting" };
}

/** "Tablet 1", "Tablet 2", …: the first such name no paired tablet of the business has. */
function nextTabletName(taken: string[]) {
  const names = new Set(taken);
  let n = 1;
  while (names.has(`Tablet ${n}`)) n++;
  return `Tablet ${n}`;
}

/**
 * A tablet redeems a pairing code: no sign-in, the code is the credential.
 * Marking the code used and creating the Device happen in one transaction
 * pinned to the code's organization; the conditional UPDATE takes the code's
 * row lock, so of two requests with one code exactly one pairs a tablet.
 */
export async function pairByCode(input: z.input<typeof PairByCodeRequest>, clientIp: string, now = new Date()) {
  const { code, name } = PairByCodeRequest.parse(input);
  await enforce([PAIR_PER_IP, clientIp]);
  const found = await tabletPairing(sha256(code));
  if (!found) throw wrongCode();
  const deviceToken = randomBytes(32).toString("base64url");
  return withTenantTransaction(found.orgId, async (sql) => {
    const at = now.toISOString();
    // Times as UTC text, cast: what Prisma stores in these timestamp columns.
    const atTime = k<Date>`${at}::timestamp`;
    const [pairing] = await run(
      sql,
      sqlb
        .updateTable("TabletPairing")
        .set({ usedAt: at })
        .where("id", "=", found.pairingId)
        .where("organizationId", "=", found.orgId)
        .where("usedAt", "is", null)
        .where("expiresAt", ">", atTime)
        .returning(["locationId", "createdByUserId"]),
    );
    if (!pairing) {
      const [why] = await run(sql, sqlb.selectFrom("TabletPairing").select(["usedAt"]).where("id", "=", found.pairingId));
      throw why?.usedAt
        ? new AppError("CONFLICT", "pairingCodeUsed", { code: ["pairingCodeUsed"] })
        : new AppError("VALIDATION", "pairingCodeExpired", { code: ["pairingCodeExpired"] });
    }
    const [location] = await run(
      sql,
      sqlb
        .selectFrom("Location")
        .select(["name"])
        .where("id", "=", pairing.locationId)
        .where("organizationId", "=", found.orgId)
        .where("archivedAt", "is", null),
    );
    // The location was closed since the code was made: nothing of this request stays.
    if (!location) throw new AppError("VALIDATION", "pairingLocationGone", { code: ["pairingLocationGone"] });
    const taken = await run(sql, sqlb.selectFrom("Device").select(["name"]).where("organizationId", "=", found.orgId).where("revokedAt", "is", null));
    const deviceId = randomUUID();
    const deviceName = name ?? nextTabletName(taken.map((d) => d.name));
    await run(
      sql,
      sqlb.insertInto("Device").values({
        id: deviceId,
        organizationId: found.orgId,
        locationId: pairing.locationId,
        name: deviceName,
        tokenHash: tokenHash(deviceToken),
        pairedByUserId: pairing.createdByUserId,
        createdAt: at,
      }),
    );
    await run(sql, sqlb.updateTable("TabletPairing").set({ deviceId }).where("id", "=", found.pairingId).where("organizationId", "=", found.orgId));
    // In the trail as paired by whoever made the code, from the tablet's address.
    await withAuditOrigin({ ip: isIP(clientIp) ? clientIp : null }, () =>
      recordAuditSql(
        sql,
        { orgId: found.orgId, userId: pairing.createdByUserId },
        {
          action: "tablet.pair",
          subjectType: "device",
          subjectId: deviceId,
          details: { name: deviceName, location: location.name, byCode: true },
        },
      ),
    );
    return { deviceId, deviceToken, deviceName, locationName: location.name };
  });
}
