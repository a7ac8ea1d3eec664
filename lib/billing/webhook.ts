// Mollie's webhook (app/api/billing/mollie/route.ts). Mollie posts only an id;
// the posted body is never trusted: the payment is fetched from Mollie's API
// and its state applied. Repeats and out-of-order calls are safe:
// - everything for one organization runs with its row locked, in one
//   transaction (state, invoice, audit; the Mollie subscription call too, so
//   a failure rolls back and Mollie's retry does it again);
// - a payment never moves back from a final state (paid, failed, canceled, expired);
// - the account state is recomputed from all payments (a failed charge is made
//   good by a later paid payment covering its period), not from the last call.
// Unknown ids answer 200 so Mollie stops retrying them.
import type { Invoice, Organization, Payment, PaymentStatus } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { logger } from "@/lib/log/logger";
import type { TenantContext } from "@/lib/tenancy/context";
import { orgByMollieCustomer } from "@/lib/tenancy/lookups";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import { sendInvoiceEmail } from "./invoice-email";
import { issueInvoice } from "./invoices";
import { fromAmount, mollie, type MolliePayment } from "./mollie";
import { PLAN_ENUM, planIdOf, type PlanEnum } from "./plans";
import { addInterval, INTERVAL_ENUM, intervalOf } from "./proration";
import { createSubscription, currentChoice, lockOrganization, subscriptionChoice, unresolvedFailures } from "./subscription";
import { splitVat, vatTreatment } from "./vat";

export type WebhookOutcome = "ignored" | "unknown" | "unchanged" | "updated";

const FINAL = new Set<PaymentStatus>(["PAID", "FAILED", "CANCELED", "EXPIRED"]);
const STATUS: Record<MolliePayment["status"], PaymentStatus> = {
  open: "OPEN",
  pending: "PENDING",
  authorized: "AUTHORIZED",
  paid: "PAID",
  failed: "FAILED",
  canceled: "CANCELED",
  expired: "EXPIRED",
};

export async function handleMollieWebhook(id: string, now = new Date()): Promise<WebhookOutcome> {
  // Mollie sends payment ids (tr_…); subscriptions are reported through their payments.
  if (!/^tr_[A-Za-z0-9]+$/.test(id)) return "ignored";
  const payment = await mollie.getPayment(id);
  if (!payment?.customerId) return "unknown";
  const pin = await orgByMollieCustomer(payment.customerId);
  if (!pin) return "unknown";
  const ctx: TenantContext = { orgId: pin.orgId, userId: null, role: "OWNER" };
  const { outcome, invoice } = await tenantDb(ctx).$transaction(
    async (tx, sql) => {
      const org = await lockOrganization(tx, sql, ctx.orgId);
      let row = await tx.payment.findFirst({ where: { molliePaymentId: payment.id } });
      if (!row) {
        // Only the subscription's charges are new to us; every other payment was created here first.
        if (!payment.subscriptionId) return { outcome: "unknown" as const, invoice: null };
        row = await recordSubscriptionCharge(tx, org, payment);
      }
      const next = STATUS[payment.status];
      if (row.status === next || FINAL.has(row.status)) return { outcome: "unchanged" as const, invoice: null };
      row = await tx.payment.update({
        where: { id: row.id },
        data: {
          status: next,
          paidAt: next === "PAID" ? new Date(payment.paidAt ?? now) : undefined,
          failedAt: next === "FAILED" ? new Date(payment.failedAt ?? now) : undefined,
        },
      });
      let invoice: Invoice | null = null;
      if (next === "PAID") invoice = await onPaid(tx, sql, ctx, org, row, payment, now);
      else if (FINAL.has(next)) await onFailed(tx, ctx, org, row);
      await settleAccount(tx, ctx.orgId, now);
      return { outcome: "updated" as const, invoice };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  // After commit: the invoice by email (once; a failure is logged and retried on Mollie's next call or by hand).
  if (invoice) await sendInvoiceEmail(ctx, invoice.id).catch((e) => logger.error({ invoiceId: invoice.id, error: String(e) }, "invoice email failed"));
  return outcome;
}

/** A charge made by the Mollie subscription, first seen: the period starts on its due date. */
async function recordSubscriptionCharge(tx: TenantTx, org: Organization, payment: MolliePayment): Promise<Payment> {
  const choice = subscriptionChoice(payment.metadata) ?? currentChoice(org) ?? { plan: "pro" as const, interval: "month" as const };
  const start = new Date(payment.createdAt);
  return tx.payment.create({
    data: {
      organizationId: org.id,
      molliePaymentId: payment.id,
      kind: "RECURRING",
      plan: PLAN_ENUM[choice.plan],
      interval: INTERVAL_ENUM[choice.interval],
      ...splitVat(fromAmount(payment.amount), vatTreatment(org.vatNumber)),
      periodStart: start,
      periodEnd: addInterval(start, choice.interval),
      description: payment.description,
    },
  });
}

async function onPaid(
  tx: TenantTx,
  sql: Parameters<typeof issueInvoice>[1],
  ctx: TenantContext,
  org: Organization,
  row: Payment,
  payment: MolliePayment,
  now: Date,
): Promise<Invoice> {
  const periodEnd = !org.currentPeriodEnd || row.periodEnd > org.currentPeriodEnd ? row.periodEnd : org.currentPeriodEnd;
  const latest = row.periodEnd >= periodEnd;
  const data: Parameters<TenantTx["organization"]["update"]>[0]["data"] = { currentPeriodEnd: periodEnd };
  if (row.kind === "FIRST") {
    const mandateId = payment.mandateId ?? (await mollie.listMandates(org.mollieCustomerId!)).find((m) => m.status === "valid")?.id ?? null;
    data.mollieMandateId = mandateId;
    const choice = { plan: row.plan, interval: row.interval };
    if (org.mollieSubscriptionId && org.subscriptionStatus !== "CANCELED") {
      // "Betaal nu": the running subscription continues on the fresh mandate.
      if (mandateId) await mollie.updateSubscription(org.mollieCustomerId!, org.mollieSubscriptionId, { mandateId });
    } else if (mandateId) {
      const subscriptionId = await createSubscription(
        { ...org, mollieMandateId: mandateId },
        { plan: planIdOf(choice.plan as PlanEnum) ?? "pro", interval: intervalOf(choice.interval) },
        periodEnd,
      );
      Object.assign(data, {
        mollieSubscriptionId: subscriptionId,
        plan: choice.plan,
        billingInterval: choice.interval,
        subscriptionStatus: "ACTIVE",
        cancelAtPeriodEnd: false,
      });
    }
  } else if (row.kind === "RECURRING" && latest) {
    // A new period: a plan change waiting for the period end (in the subscription's metadata) applies now.
    Object.assign(data, { plan: row.plan, billingInterval: row.interval });
  }
  await tx.organization.update({ where: { id: org.id }, data });
  await recordAudit(tx, ctx, {
    action: "billing.paid",
    subjectType: "billing",
    subjectId: row.id,
    details: { molliePaymentId: row.molliePaymentId, kind: row.kind, totalCents: row.totalCents },
  });
  return issueInvoice(tx, sql, org.id, row.id, now);
}

async function onFailed(tx: TenantTx, ctx: TenantContext, org: Organization, row: Payment) {
  // A checkout that was not completed: back to the trial (nothing else changes).
  if (row.kind === "FIRST" && org.subscriptionStatus === "PENDING")
    await tx.organization.update({ where: { id: org.id }, data: { subscriptionStatus: "NONE" } });
  await recordAudit(tx, ctx, {
    action: "billing.failed",
    subjectType: "billing",
    subjectId: row.id,
    details: { molliePaymentId: row.molliePaymentId, kind: row.kind, status: row.status },
  });
}

/** PAST_DUE (since the oldest unresolved failure) or, once everything is paid, ACTIVE again. */
async function settleAccount(tx: TenantTx, orgId: string, now: Date) {
  const org = await tx.organization.findFirstOrThrow({ where: { id: orgId } });
  const failures = unresolvedFailures(await tx.payment.findMany({ orderBy: { createdAt: "desc" }, take: 50 }));
  const since = failures[0]?.failedAt ?? (failures[0] ? now : null);
  if (failures.length && org.subscriptionStatus !== "CANCELED") {
    await tx.organization.update({ where: { id: orgId }, data: { subscriptionStatus: "PAST_DUE", pastDueSince: org.pastDueSince ?? since } });
  } else if (!failures.length && (org.pastDueSince || org.subscriptionStatus === "PAST_DUE")) {
    await tx.organization.update({
      where: { id: orgId },
      data: { pastDueSince: null, subscriptionStatus: org.subscriptionStatus === "PAST_DUE" ? "ACTIVE" : org.subscriptionStatus },
    });
  }
}
