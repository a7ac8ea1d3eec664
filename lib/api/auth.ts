// Who calls the API: `Authorization: Bearer stk_…` → the key's organization,
// scopes and rate limit. The key's hash is looked up by a SECURITY DEFINER
// function that only names the organization to pin (migration
// 20261126060000_api_keys, like the tablet session's), and the key row is then
// read pinned. Its last use (time and address) is written at most every
// ACTIVITY_SECONDS, in the same round trip (or with a card action's write).
// The per-key rate limit is counted by ./rate.ts (in PostgreSQL, shared by every
// instance, written in batches: no write on the stamp path).
import { clientIp } from "@/lib/auth/client-ip";
import { accountFieldsOf, accountJson, assertPlanFeature, type AccountFields } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import { bearer, type HttpRequest } from "@/lib/http/request";
import { inlineParams, withTenantTransactionOpenedBy } from "@/lib/tenancy/tenant-sql";
import { hashApiKey } from "./keys";
import { countRequest, RATE_WINDOW_SECONDS } from "./rate";
import type { ApiScope } from "./scopes";

export const ACTIVITY_SECONDS = 10;
export { RATE_WINDOW_SECONDS };

export type ApiPrincipal = {
  orgId: string;
  apiKeyId: string;
  scopes: string[];
  requestsPerMinute: number;
  timezone: string;
  locationId: string | null;
  /** The organization's plan and billing state (lib/billing/entitlements.ts), read with the key. */
  account: AccountFields;
};

/** What the answer's RateLimit-* headers say (set once the key is known). */
export type RateState = { limit: number; remaining: number; resetSeconds: number };

/**
 * Pins the key's organization and reads the key (statement 2), from escaped
 * literals; with a location id, also whether it is one of the business's open locations.
 */
export const keyOpening = (hashLiteral: string, locationLiteral = "NULL") =>
  `SELECT set_config('app.org_id', COALESCE((SELECT org_id FROM lookup_api_key(${hashLiteral})), ''), true);
   SELECT k."organizationId" AS "orgId", k.id AS "apiKeyId", k.scopes, k."requestsPerMinute", o.timezone,
          ${accountJson("o")} AS account,
          (SELECT l.id FROM "Location" l WHERE l."organizationId" = k."organizationId" AND l.id = ${locationLiteral} AND l."archivedAt" IS NULL) AS "locationId"
     FROM "ApiKey" k JOIN "Organization" o ON o.id = k."organizationId"
    WHERE k.hash = ${hashLiteral} AND k."revokedAt" IS NULL`;

/** Records the key's use (at most every ACTIVITY_SECONDS, or from another address). */
export const touchKeySql = (apiKeyId: string, ip: string, now: Date) =>
  inlineParams(
    `UPDATE "ApiKey" SET "lastUsedAt" = $2::timestamp, "lastUsedIp" = $3
      WHERE id = $1 AND "organizationId" = current_setting('app.org_id', true)
        AND ("lastUsedAt" IS NULL OR "lastUsedAt" < $2::timestamp - make_interval(secs => ${ACTIVITY_SECONDS}) OR "lastUsedIp" IS DISTINCT FROM $3)`,
    [apiKeyId, now.toISOString(), ip],
  );

/** The presented key's hash (after `authenticate` accepted it), without counting another request. */
export const keyHashOf = (req: HttpRequest) => hashApiKey(bearer(req) ?? "");

/** The key in an Authorization header, its hash and the caller's address. */
export function presentedKey(req: HttpRequest) {
  const token = bearer(req);
  if (!token || !/^stk_[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError("UNAUTHENTICATED", "apiKeyMissing");
  const hash = hashApiKey(token);
  return { hash, ip: clientIp((n) => req.header(n)) };
}

/** The key row → principal, or 401; then this request counted against its rate limit (429), and the scope (403). */
export function admit(row: Record<string, unknown> | undefined, keyHash: string, scope: ApiScope | null, rate: { state?: RateState }): ApiPrincipal {
  if (!row) throw new AppError("UNAUTHENTICATED", "apiKeyInvalid");
  const p = row as ApiPrincipal;
  const r = countRequest(keyHash);
  rate.state = { limit: p.requestsPerMinute, remaining: Math.max(0, p.requestsPerMinute - r.count), resetSeconds: r.retryAfterSeconds };
  if (r.count > p.requestsPerMinute) throw new AppError("RATE_LIMITED", "RATE_LIMITED", undefined, r.retryAfterSeconds);
  if (scope && !p.scopes.includes(scope)) throw new AppError("FORBIDDEN", "scopeMissing", { scope: [scope] });
  // A plan without the API (Start, Groei) answers every request 403 plan_limit.
  const account = accountFieldsOf(p.account as unknown as Record<string, unknown>);
  assertPlanFeature(account.plan, "api");
  return { ...p, account };
}

/** For every route but the card actions (which resolve the key in their own opening round trip). */
export async function authenticate(req: HttpRequest, scope: ApiScope | null, rate: { state?: RateState }): Promise<ApiPrincipal> {
  const { hash, ip } = presentedKey(req);
  const now = new Date();
  const row = await withTenantTransactionOpenedBy(
    (lit) => `${keyOpening(lit(hash))};
      UPDATE "ApiKey" SET "lastUsedAt" = ${lit(now.toISOString())}::timestamp, "lastUsedIp" = ${lit(ip)}
       WHERE hash = ${lit(hash)} AND "revokedAt" IS NULL
         AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${lit(now.toISOString())}::timestamp - make_interval(secs => ${ACTIVITY_SECONDS}) OR "lastUsedIp" IS DISTINCT FROM ${lit(ip)})`,
    async ([, key]) => key[0],
  );
  return admit(row, hash, scope, rate);
}
