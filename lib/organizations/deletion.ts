// Deleting an organization (Instellingen → Gevarenzone): the owner types the
// shop's name, and DELETION_UNDO_DAYS later the worker closes it for good —
// unless the owner restored it in between. While the window runs the account
// is "deleting" (lib/billing/entitlements.ts: the dashboard offers only
// "restore") and customers' cards keep working. At the end every pass is voided
// (Apple: voided, Google: INACTIVE, web card: "this card has stopped"), every
// piece of personal data is erased, the Mollie subscription is cancelled and
// deletedAt is set. Kept: invoices (legal retention), the ledger's numbers and
// the audit trail (both append-only). Cards keep their serials and tokens,
// so phones can still fetch the voided pass.
import { z } from "zod";
import { parseInput } from "@/lib/organizations/profile";
import { recordAudit } from "@/lib/audit/audit";
import { billingEnabled } from "@/lib/billing/config";
import { DELETION_UNDO_DAYS } from "@/lib/billing/plans";
import { AppError } from "@/lib/errors/app-error";
import { dropKeptPanels } from "@/lib/insights/kept";
import { logger } from "@/lib/log/logger";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { billingOrgs } from "@/lib/tenancy/lookups";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { walletProgramChanged } from "@/lib/wallet/card-changes";
import { ERASED_CUSTOMER } from "@/lib/customers/privacy";

const DAY = 86_400_000;

export const DeletionRequest = z.object({ confirmName: z.string().max(200, "tooLong") });

/** The typed confirmation: the shop's name, ignoring case and extra spaces. */
const sameName = (typed: string, name: string) => typed.trim().replace(/\s+/g, " ").toLowerCase() === name.trim().replace(/\s+/g, " ").toLowerCase();

export async function requestDeletion(ctx: TenantContext, input: unknown, now = new Date()) {
  requireRole(ctx, "OWNER");
  const { confirmName } = parseInput(DeletionRequest, input);
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    await sql(`SELECT id FROM "Organization" WHERE id = $1 FOR UPDATE`, [ctx.orgId]);
    const org = await tx.organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { name: true, deletionRequestedAt: true, deletedAt: true } });
    if (org.deletedAt || org.deletionRequestedAt) throw new AppError("CONFLICT", "alreadyDeleting");
    if (!sameName(confirmName, org.name)) throw new AppError("VALIDATION", "nameMismatch", { confirmName: ["nameMismatch"] });
    const scheduledFor = new Date(now.getTime() + DELETION_UNDO_DAYS * DAY);
    await tx.organization.update({
      where: { id: ctx.orgId },
      data: { deletionRequestedAt: now, deletionRequestedByUserId: ctx.userId, deletionScheduledFor: scheduledFor },
    });
    await recordAudit(tx, ctx, {
      action: "organization.delete",
      subjectType: "organization",
      subjectId: ctx.orgId,
      details: { scheduledFor: scheduledFor.toISOString() },
    });
    return { scheduledFor };
  });
}

/** Undoes a deletion request while its window runs. */
export async function restoreOrganization(ctx: TenantContext, now = new Date()) {
  requireRole(ctx, "OWNER");
  await tenantDb(ctx).$transaction(async (tx, sql) => {
    await sql(`SELECT id FROM "Organization" WHERE id = $1 FOR UPDATE`, [ctx.orgId]);
    const org = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.orgId },
      select: { deletionRequestedAt: true, deletionScheduledFor: true, deletedAt: true },
    });
    if (org.deletedAt || (org.deletionScheduledFor && org.deletionScheduledFor <= now)) throw new AppError("CONFLICT", "tooLate");
    if (!org.deletionRequestedAt) throw new AppError("CONFLICT", "notDeleting");
    await tx.organization.update({
      where: { id: ctx.orgId },
      data: { deletionRequestedAt: null, deletionRequestedByUserId: null, deletionScheduledFor: null },
    });
    await recordAudit(tx, ctx, { action: "organization.restore", subjectType: "organization", subjectId: ctx.orgId });
  });
}

/** The worker's tick: every organization whose window is over is closed. Returns their ids. */
export async function runDueDeletions(now = new Date()): Promise<string[]> {
  const done: string[] = [];
  for (const { orgId } of await billingOrgs(now)) {
    const org = await tenantDb({ orgId }).organization.findUnique({ where: { id: orgId }, select: { deletionScheduledFor: true, deletedAt: true } });
    if (!org || org.deletedAt || !org.deletionScheduledFor || org.deletionScheduledFor > now) continue;
    try {
      await closeOrganization(orgId, now);
      done.push(orgId);
    } catch (e) {
      logger.error({ err: e, orgId }, "closing a deleted organization failed; retried on the next tick");
    }
  }
  return done;
}

/** Voids every pass, erases personal data, cancels billing, sets deletedAt. Idempotent. */
export async function closeOrganization(orgId: string, now = new Date()): Promise<void> {
  const ctx: TenantContext = { orgId, userId: null, role: "OWNER" };
  await cancelBilling(ctx);
  await tenantDb(ctx).$transaction(
    async (tx, sql) => {
      await sql(`SELECT id FROM "Organization" WHERE id = $1 FOR UPDATE`, [orgId]);
      const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { deletedAt: true, deletionRequestedAt: true } });
      if (org.deletedAt || !org.deletionRequestedAt) return;
      // Void: the pass source reads deletedAt (closed), every pass gets a new version and a push.
      await tx.organization.update({ where: { id: orgId }, data: { deletedAt: now } });
      const programs = await tx.cardProgram.findMany({ select: { id: true, status: true } });
      for (const p of programs) if (p.status !== "DRAFT") await walletProgramChanged(sql, orgId, p.id);
      // No new customers (the enrollment page only serves published programs), no tablets, no API, no webhooks.
      await tx.cardProgram.updateMany({ where: { status: { not: "ARCHIVED" } }, data: { status: "ARCHIVED", archivedAt: now } });
      await tx.device.updateMany({ where: { revokedAt: null }, data: { revokedAt: now } });
      await tx.deviceSession.deleteMany({});
      await tx.apiKey.updateMany({ where: { revokedAt: null }, data: { revokedAt: now } });
      await tx.webhookEndpoint.updateMany({ where: { enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: "organization deleted" } });
      await eraseCustomerData(tx);
      // The team leaves (their accounts stay: they may work elsewhere); tablet staff are only a name here.
      await tx.invitation.deleteMany({});
      await tx.membership.updateMany({ data: { removedAt: now, displayName: null, pinHash: null } });
      // The audit trail keeps who did what and when (ids), not addresses, browsers or before/after values.
      await sql(`SELECT redact_audit_events($1)`, [orgId]);
      await recordAudit(tx, ctx, { action: "organization.delete", subjectType: "organization", subjectId: orgId, details: { closed: true } });
    },
    { timeout: 120_000 },
  );
}

/** Every personal field of every customer, set-based (one statement per table, however many customers). */
async function eraseCustomerData(tx: TenantTx) {
  await tx.customerTag.deleteMany({});
  await tx.surveyAnswer.deleteMany({});
  await tx.delivery.deleteMany({});
  await tx.walletMessage.deleteMany({});
  await tx.customerImport.deleteMany({});
  await tx.savedCustomerFilter.deleteMany({});
  await tx.customer.updateMany({ data: ERASED_CUSTOMER });
  await dropKeptPanels(tx);
  // The ledger (CardEvent) is append-only and holds no personal data: it stays. The audit trail is redacted (closeOrganization).
}

async function cancelBilling(ctx: TenantContext) {
  const org = await tenantDb(ctx).organization.findUniqueOrThrow({ where: { id: ctx.orgId }, select: { mollieSubscriptionId: true, deletedAt: true } });
  if (org.deletedAt || !org.mollieSubscriptionId || !billingEnabled()) return;
  const { cancelSubscription } = await import("@/lib/billing/subscription");
  await cancelSubscription(ctx);
}
