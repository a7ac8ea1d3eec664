// The audit trail (docs/audit.md): who changed what that matters, when, from
// where (address and browser, or the API key) and what it was before and after.
// A row is written in the same transaction as the change it records, so a
// change without its row (or the reverse) cannot happen. The trail is
// append-only: database triggers refuse UPDATE and DELETE, except the daily
// retention purge (./retention.ts, migration 20261126071000_audit).
//
// "From where" needs no argument: recordAudit reads it from the origin set by
// withAuditOrigin (the API dispatcher, the tablet pairing), or else from the
// request headers of the server action or route handler it runs in (next/headers).
// Outside a request (workers, scripts, tests) it is simply left empty.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { isIP } from "node:net";
import { clientIp } from "@/lib/auth/client-ip";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { stripSecrets } from "./diff";

export const AUDIT_ACTIONS = [
  "customer.export",
  "customer.update",
  "customer.erase",
  "customer.dataExport",
  "card.adjust",
  "card.merge",
  "customer.import",
  // By the customer, through the unsubscribe link in a message (lib/messages/unsubscribe.ts).
  "customer.unsubscribe",
  "customer.resubscribe",
  // Issue 17: every change that matters (docs/audit.md).
  "program.create",
  "program.update",
  "program.publish",
  "program.archive",
  "program.rules",
  "location.create",
  "location.update",
  "location.delete",
  "member.invite",
  "member.add",
  "member.role",
  "member.remove",
  "member.pin",
  "tablet.pair",
  "tablet.revoke",
  "apiKey.create",
  "apiKey.revoke",
  "webhook.create",
  "webhook.update",
  "webhook.delete",
  "webhook.enable",
  "webhook.disable",
  "webhook.test",
  "webhook.redeliver",
  "webhook.autoDisable",
  "campaign.create",
  "campaign.send",
  "campaign.cancel",
  "automation.update",
  "billing.checkout",
  "billing.paid",
  "billing.failed",
  "billing.planChange",
  "billing.cancel",
  "billing.resume",
  "organization.update",
  "organization.export",
  "organization.delete",
  "organization.restore",
  "user.profile",
  "user.password",
  "user.sessionsEnded",
  // The trail's own CSV download (Instellingen → Logboek).
  "audit.export",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditSubject =
  | "customer"
  | "card"
  | "customers"
  | "program"
  | "location"
  | "member"
  | "device"
  | "apiKey"
  | "webhook"
  | "campaign"
  | "automation"
  | "billing"
  | "organization"
  | "user";

export type AuditEntry = {
  action: AuditAction;
  subjectType: AuditSubject;
  subjectId?: string | null;
  details?: Prisma.InputJsonValue;
  /** The changed fields before and after (only what changed, never secrets). */
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/** Where a change came from: the client's address and browser, or the API key that made it. */
export type AuditOrigin = { ip?: string | null; userAgent?: string | null; apiKeyId?: string | null };

const origins = new AsyncLocalStorage<AuditOrigin>();

/** Runs `fn` with `origin` as the "from where" of every entry recorded inside it. */
export function withAuditOrigin<T>(origin: AuditOrigin, fn: () => T): T {
  return origins.run(origin, fn);
}

/** The origin of a request, from its headers (client address as TRUSTED_PROXIES allows, browser). */
export function originOf(get: (name: string) => string | null | undefined): AuditOrigin {
  const ip = clientIp(get);
  return { ip: isIP(ip) ? ip : null, userAgent: get("user-agent")?.slice(0, 400) || null };
}

async function currentOrigin(): Promise<AuditOrigin> {
  const set = origins.getStore();
  if (set) return set;
  try {
    // Imported when needed: loading next/headers outside Next (scripts/server.ts's fast path, the
    // worker, scripts) throws at import time, before any request.
    const { headers } = await import("next/headers");
    const h = await headers();
    return originOf((n) => h.get(n));
  } catch {
    return {}; // not in a request (worker, script, test)
  }
}

/** Who acts: a member (userId), or nobody for the system, an API key or a customer. */
export type AuditActor = Pick<TenantContext, "orgId" | "userId">;

async function rowOf(actor: AuditActor, entry: AuditEntry) {
  const origin = await currentOrigin();
  const clean = (v: Prisma.InputJsonValue | undefined) => (v === undefined ? undefined : (stripSecrets(v) as Prisma.InputJsonValue));
  return {
    id: randomUUID(),
    organizationId: actor.orgId,
    actorUserId: actor.userId,
    actorApiKeyId: origin.apiKeyId ?? null,
    ip: origin.ip ?? null,
    userAgent: origin.userAgent ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    details: clean(entry.details) ?? {},
    before: clean(entry.before),
    after: clean(entry.after),
  };
}

/** Records `entry` for `actor` (a TenantContext will do), inside the caller's pinned transaction. */
export async function recordAudit(tx: TenantTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: await rowOf(actor, entry) });
}

/** The same, for code that runs plain SQL in a pinned transaction (withTenantTransaction). */
export async function recordAuditSql(sql: TenantSql, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const r = await rowOf(actor, entry);
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  await sql(
    `INSERT INTO "AuditEvent" (id, "organizationId", "actorUserId", "actorApiKeyId", ip, "userAgent", action, "subjectType", "subjectId", details, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb)`,
    [
      r.id,
      r.organizationId,
      r.actorUserId,
      r.actorApiKeyId,
      r.ip,
      r.userAgent,
      r.action,
      r.subjectType,
      r.subjectId,
      json(r.details),
      json(r.before),
      json(r.after),
    ],
  );
}

/** Records `entry` in a transaction of its own (for changes made by code that runs its own). */
export function recordAuditAlone(ctx: AuditActor, entry: AuditEntry): Promise<void> {
  return tenantDb({ orgId: ctx.orgId }).$transaction((tx) => recordAudit(tx, ctx, entry));
}

export type AuditRow = { id: string; action: string; actorName: string | null; details: unknown; createdAt: Date };

/**
 * The trail about one customer and their cards, newest first, with the actor's
 * name (members only: someone who left the team shows without a name). Managers
 * and owners.
 */
export async function auditTrailOf(ctx: TenantContext, customerId: string, cardIds: string[], take = 50): Promise<AuditRow[]> {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const rows = await t.auditEvent.findMany({
    where: {
      OR: [
        { subjectType: "customer", subjectId: customerId },
        { subjectType: "card", subjectId: { in: cardIds } },
      ],
    },
    orderBy: { createdAt: "desc" },
    take,
  });
  const userIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => id !== null))];
  const members = userIds.length
    ? await t.membership.findMany({ where: { userId: { in: userIds } }, select: { userId: true, user: { select: { name: true } } } })
    : [];
  const names = new Map(members.map((m) => [m.userId, m.user?.name ?? null]));
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actorName: (r.actorUserId && names.get(r.actorUserId)) || null,
    details: r.details,
    createdAt: r.createdAt,
  }));
}
