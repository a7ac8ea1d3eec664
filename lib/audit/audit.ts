// The audit trail: who exported, corrected, merged, erased or edited whose data,
// and when (issue 13). A row is written in the same transaction as the change it
// records, so a change without its row (or the reverse) cannot happen. The
// trail is append-only (a database trigger refuses updates).
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";

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

/** Records `entry` for `ctx`'s user, inside the caller's pinned transaction. */
export async function recordAudit(tx: TenantTx, ctx: TenantContext, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      id: randomUUID(),
      organizationId: ctx.orgId,
      actorUserId: ctx.userId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      details: entry.details ?? {},
      before: entry.before,
      after: entry.after,
    },
  });
}

/** Records `entry` in a transaction of its own (for changes made by code that runs its own). */
export function recordAuditAlone(ctx: TenantContext, entry: AuditEntry): Promise<void> {
  return tenantDb(ctx).$transaction((tx) => recordAudit(tx, ctx, entry));
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
