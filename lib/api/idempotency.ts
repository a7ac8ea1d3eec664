// The Idempotency-Key header. Stamps and redeems keep it in the ledger itself
// (CardEvent.idempotencyKey, namespaced per key, with the request's hash in
// CardEvent.requestHash: lib/stamping/card-action.ts), so a replay costs no
// extra round trip; other writes (a correction, a new customer) record it in
// ApiIdempotencyKey inside their own transaction. The same key with the same
// body answers as the first time; with another body it is a 422.
import { createHash, randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import type { HttpRequest } from "@/lib/http/request";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";

const KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The header's value, checked (null without one). */
export function idempotencyKeyOf(req: HttpRequest): string | null {
  const key = req.header("idempotency-key");
  if (key === null) return null;
  if (!KEY.test(key)) throw new AppError("VALIDATION", "idempotencyKeyInvalid", { "Idempotency-Key": ["idempotencyKeyInvalid"] });
  return key;
}

/** JSON with sorted keys: the same body in another key order is the same request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v ?? null);
}

const sha = (s: string) => createHash("sha256").update(s).digest("base64url");

/** What the request asked: method, route (with its parameters) and body. */
export const requestHash = (operation: string, params: unknown, body: unknown) => sha(`${operation}\n${canonical(params)}\n${canonical(body)}`);

/** The ledger's idempotency key for a card action: per API key (by its hash) and header; random without a header. */
export const ledgerKey = (keyHash: string, header: string | null) => (header ? `api-${sha(`${keyHash}:${header}`).slice(0, 40)}` : `api-${randomUUID()}`);

/** A UUID derived from the key and header (lib/customers/correct.ts takes its request id as a UUID). */
export function derivedUuid(keyHash: string, header: string): string {
  const h = createHash("sha256").update(`${keyHash}:${header}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Claims `key` for this request in the caller's transaction: null when it is
 * new (the caller then does the work and may `remember` what it made), the
 * earlier request's resource when the same request came before; 422 when the
 * key came with another request.
 */
export async function claim(sql: TenantSql, orgId: string, apiKeyId: string, key: string, hash: string): Promise<{ resourceId: string | null } | null> {
  const [mine] = await sql<{ id: string }>(
    `INSERT INTO "ApiIdempotencyKey" (id, "organizationId", "apiKeyId", key, "requestHash") VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("organizationId", "apiKeyId", key) DO NOTHING RETURNING id`,
    [randomUUID(), orgId, apiKeyId, key, hash],
  );
  if (mine) return null;
  const [earlier] = await sql<{ requestHash: string; resourceId: string | null }>(
    `SELECT "requestHash", "resourceId" FROM "ApiIdempotencyKey" WHERE "organizationId" = $1 AND "apiKeyId" = $2 AND key = $3`,
    [orgId, apiKeyId, key],
  );
  if (earlier.requestHash !== hash) throw new AppError("VALIDATION", "idempotencyKeyBodyChanged");
  return { resourceId: earlier.resourceId };
}

export async function remember(sql: TenantSql, orgId: string, apiKeyId: string, key: string, resourceId: string): Promise<void> {
  await sql(`UPDATE "ApiIdempotencyKey" SET "resourceId" = $4 WHERE "organizationId" = $1 AND "apiKeyId" = $2 AND key = $3`, [
    orgId,
    apiKeyId,
    key,
    resourceId,
  ]);
}
