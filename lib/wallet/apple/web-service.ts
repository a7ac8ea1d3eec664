// Apple's PassKit web service, framework-free: each function takes what the
// request carried and returns an HttpResult (lib/http/result.ts). Route handlers under
// app/api/apple/v1/ only translate. Base URL: AppleConfig.webServiceURL.
import { randomUUID } from "node:crypto";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { HttpResult } from "@/lib/http/result";
import { logger } from "@/lib/log/logger";
import { enforce, LIMITS } from "@/lib/rate-limit/rate-limit";
import { globalDb } from "@/lib/tenancy/global-db";
import { deviceSerials } from "@/lib/tenancy/lookups";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { ApplePassAuth, CardSerial, DeviceLibraryId, DeviceLogBody, PassTypeId, RegistrationBody, UpdatedSince } from "@/lib/validation/wallet";
import { markDesignDelivered, passBySerial, type PassSource } from "@/lib/wallet/pass-source";
import { buildPass } from "./build-pass";
import { appleConfig } from "./config";
import { closeRegistrations } from "./registrations";

/** Commit lag we tolerate between a card's change and its listing (re-listing is harmless: the device gets a 304). */
const TAG_MARGIN_SECONDS = 5;
export const MAX_REGISTRATION_BODY = 4 * 1024;
/** A pass lives on a customer's phone and watch or two; more active devices than this is abuse of the token. */
export const MAX_REGISTRATIONS_PER_CARD = 10;
export const MAX_LOG_BODY = 64 * 1024;

/** Apple's protocol wants bare status codes: any invalid part becomes `error`. */
function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, error: AppError): T {
  const r = schema.safeParse(value);
  if (!r.success) throw error;
  return r.data;
}

const badRequest = () => new AppError("VALIDATION", "invalid");
const unauthorized = () => new AppError("UNAUTHENTICATED");

function checkPassType(passTypeId: string) {
  parse(PassTypeId, passTypeId, badRequest());
  if (passTypeId !== appleConfig().passTypeIdentifier) throw new AppError("NOT_FOUND");
}

/** Serial + `ApplePass` token → the card, or 401 (wrong token, unknown serial, another merchant's pass: all alike). */
async function authenticate(passTypeId: string, serial: string, authorization: string | null): Promise<PassSource> {
  checkPassType(passTypeId);
  parse(CardSerial, serial, unauthorized());
  const token = parse(ApplePassAuth, authorization ?? "", unauthorized());
  const card = await passBySerial(serial, token);
  if (!card) throw unauthorized();
  return card;
}

/** POST …/devices/{device}/registrations/{passType}/{serial}: 201 new, 200 already registered. */
export async function register(deviceId: string, passTypeId: string, serial: string, authorization: string | null, body: unknown): Promise<HttpResult> {
  const card = await authenticate(passTypeId, serial, authorization);
  parse(DeviceLibraryId, deviceId, badRequest());
  const { pushToken } = parse(RegistrationBody, body, badRequest());
  const created = await withTenantTransaction(card.orgId, async (sql) => {
    const [prev] = await sql<{ active: boolean }>(
      `SELECT "unregisteredAt" IS NULL AS active FROM "PassRegistration"
        WHERE "deviceLibraryIdentifier" = $1 AND "passTypeIdentifier" = $2 AND "cardId" = $3 FOR UPDATE`,
      [deviceId, passTypeId, card.cardId],
    );
    if (!prev?.active) {
      // The card row is locked so concurrent registrations count one at a time.
      const [{ active }] = await sql<{ active: number }>(
        `SELECT (SELECT count(*)::int FROM "PassRegistration" WHERE "cardId" = c.id AND "organizationId" = c."organizationId" AND "unregisteredAt" IS NULL) AS active
           FROM "Card" c WHERE c.id = $1 AND c."organizationId" = $2 FOR UPDATE`,
        [card.cardId, card.orgId],
      );
      if (active >= MAX_REGISTRATIONS_PER_CARD) throw new AppError("RATE_LIMITED", "tooManyDevices");
    }
    // Concurrent first registrations: the loser's insert becomes an update.
    await sql(
      `INSERT INTO "PassRegistration" (id, "organizationId", "cardId", "deviceLibraryIdentifier", "passTypeIdentifier", "pushToken", "updatedAt")
       VALUES ($1, $5, $4, $2, $3, $6, now() AT TIME ZONE 'UTC')
       ON CONFLICT ("deviceLibraryIdentifier", "passTypeIdentifier", "cardId") DO UPDATE
         SET "pushToken" = EXCLUDED."pushToken", "updatedAt" = EXCLUDED."updatedAt", "unregisteredAt" = NULL, "unregisterReason" = NULL`,
      [randomUUID(), deviceId, passTypeId, card.cardId, card.orgId, pushToken],
    );
    const wasActive = prev?.active ?? false;
    if (!wasActive) await sql(`UPDATE "Card" SET "appleInstalls" = "appleInstalls" + 1 WHERE id = $1 AND "organizationId" = $2`, [card.cardId, card.orgId]);
    return !wasActive;
  });
  return { status: created ? 201 : 200 };
}

/** DELETE same path: 200 (also when it was not registered). */
export async function unregister(deviceId: string, passTypeId: string, serial: string, authorization: string | null): Promise<HttpResult> {
  const card = await authenticate(passTypeId, serial, authorization);
  parse(DeviceLibraryId, deviceId, badRequest());
  await withTenantTransaction(card.orgId, (sql) => closeRegistrations(sql, card.orgId, "device", { deviceId, passTypeId, cardId: card.cardId }));
  return { status: 200 };
}

/**
 * GET …/devices/{device}/registrations/{passType}?passesUpdatedSince=tag:
 * the serials on this device changed since the tag. The device id is the only
 * key (Apple sends no token here) and it sees only its own registrations, which
 * may span merchants: one of the reviewed cross-tenant lookups (lib/tenancy/lookups.ts).
 */
export async function updatedSerials(deviceId: string, passTypeId: string, since: string | null, now = new Date()): Promise<HttpResult> {
  checkPassType(passTypeId);
  parse(DeviceLibraryId, deviceId, badRequest());
  const tag = parse(UpdatedSince, since ?? undefined, badRequest());
  const serials = await deviceSerials(deviceId, passTypeId, tag === undefined ? null : tag - TAG_MARGIN_SECONDS);
  if (!serials.length) return { status: 204 };
  return { status: 200, body: { serialNumbers: serials, lastUpdated: String(Math.floor(now.getTime() / 1000)) } };
}

/** GET …/passes/{passType}/{serial}: the latest pass, or 304 when not modified since If-Modified-Since. */
export async function latestPass(passTypeId: string, serial: string, authorization: string | null, ifModifiedSince: string | null): Promise<HttpResult> {
  const card = await authenticate(passTypeId, serial, authorization);
  return passResponse(card, ifModifiedSince);
}

/** The .pkpass of an authenticated card (also the customer's "Add to Apple Wallet" download). */
export async function passResponse(card: PassSource, ifModifiedSince: string | null, download = false): Promise<HttpResult> {
  const modifiedSeconds = Math.floor(card.passUpdatedAt.getTime() / 1000);
  const lastModified = new Date(modifiedSeconds * 1000).toUTCString();
  const since = ifModifiedSince ? Date.parse(ifModifiedSince) : NaN;
  if (!Number.isNaN(since) && modifiedSeconds <= Math.floor(since / 1000)) {
    return { status: 304, headers: { "Last-Modified": lastModified, "Cache-Control": "no-store" } };
  }
  const pkpass = await buildPass(card.card, appleConfig(), appUrl());
  await markDesignDelivered(card);
  return {
    status: 200,
    headers: {
      "Content-Type": "application/vnd.apple.pkpass",
      "Last-Modified": lastModified,
      // A cached pass is the classic "updates never arrive" bug: never store one.
      "Cache-Control": "no-store",
      ...(download ? { "Content-Disposition": `attachment; filename="${card.serial}.pkpass"` } : {}),
    },
    body: pkpass,
  };
}

/** POST …/log: devices report problems here; bounded (per request and 60 an hour per address) and kept 14 days. */
export async function deviceLog(body: unknown, ip: string): Promise<HttpResult> {
  const { logs } = parse(DeviceLogBody, body, badRequest());
  await enforce([LIMITS.deviceLogPerIp, ip]);
  const kept = logs.slice(0, 50).map((l) => l.slice(0, 2000));
  for (const message of kept) logger.warn({ source: "apple-wallet-device" }, message);
  if (kept.length) {
    const log = globalDb().walletDeviceLog;
    await log.createMany({ data: kept.map((message) => ({ message })) });
    await log.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 14 * 24 * 3600_000) } } });
  }
  return { status: 200 };
}
