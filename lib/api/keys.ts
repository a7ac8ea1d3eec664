// API keys (Instellingen → API): created with a name and scopes, shown once,
// stored as a SHA-256 hash (the prefix stays visible for recognition), revoked
// rather than deleted (the ledger names the key that made an event). Owners and
// managers only; every key action is in the audit trail, in its own transaction.
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { assertFeature } from "@/lib/billing/entitlements";
import { AppError, fromZod } from "@/lib/errors/app-error";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { CreateApiKeyRequest } from "./keys-schema";

export { CreateApiKeyRequest };

/** `stk_` + 32 random bytes (base64url): the whole secret, shown once. */
export const KEY_PREFIX = "stk_";
const VISIBLE = KEY_PREFIX.length + 8;

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

export type ApiKeyAuditAction = "apiKey.create" | "apiKey.revoke";

async function audit(tx: TenantTx, ctx: TenantContext, action: ApiKeyAuditAction, keyId: string, details: Record<string, unknown>) {
  await recordAudit(tx, ctx, { action, subjectType: "apiKey", subjectId: keyId, details: details as object });
}

export async function createApiKey(ctx: TenantContext, input: unknown): Promise<{ id: string; key: string; prefix: string }> {
  requireRole(ctx, "MANAGER");
  const parsed = CreateApiKeyRequest.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const scopes = [...new Set(parsed.data.scopes)];
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const prefix = key.slice(0, VISIBLE);
  const row = await tenantDb(ctx).$transaction(async (tx) => {
    await assertFeature(tx, "api");
    const created = await tx.apiKey.create({
      data: { organizationId: ctx.orgId, name: parsed.data.name, prefix, hash: hashApiKey(key), scopes, createdByUserId: ctx.userId },
      select: { id: true },
    });
    await audit(tx, ctx, "apiKey.create", created.id, { name: parsed.data.name, prefix, scopes });
    return created;
  });
  return { id: row.id, key, prefix };
}

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
};

export async function listApiKeys(ctx: TenantContext): Promise<ApiKeyRow[]> {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const keys = await t.apiKey.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] });
  const userIds = [...new Set(keys.map((k) => k.createdByUserId).filter((id): id is string => id !== null))];
  const members = userIds.length
    ? await t.membership.findMany({ where: { userId: { in: userIds } }, select: { userId: true, user: { select: { name: true } } } })
    : [];
  const names = new Map(members.map((m) => [m.userId, m.user?.name ?? null]));
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: k.createdAt,
    createdByName: (k.createdByUserId && names.get(k.createdByUserId)) || null,
    lastUsedAt: k.lastUsedAt,
    lastUsedIp: k.lastUsedIp,
    revokedAt: k.revokedAt,
  }));
}

/** Revokes a key: refused at once on the next request. Revoking twice is harmless. */
export async function revokeApiKey(ctx: TenantContext, keyId: string): Promise<void> {
  requireRole(ctx, "MANAGER");
  if (typeof keyId !== "string" || !/^[a-z0-9]{10,40}$/i.test(keyId)) throw new AppError("NOT_FOUND");
  await tenantDb(ctx).$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!key) throw new AppError("NOT_FOUND");
    if (key.revokedAt) return;
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await audit(tx, ctx, "apiKey.revoke", key.id, { name: key.name, prefix: key.prefix });
  });
}
