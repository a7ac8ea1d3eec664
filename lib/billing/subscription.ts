// The subscription, seen from the merchant (docs/billing.md → Betalen met
// Mollie): choose a plan (a first payment by iDEAL or card creates the mandate,
// the webhook then starts the Mollie subscription), pay an outstanding charge
// ("Betaal nu"), change plan (an upgrade now with a prorated charge, a downgrade
// or another interval at the period end), cancel at the period end and resume.
// Every change runs with the organization's row locked (lockOrganization), so
// a double click or a webhook arriving meanwhile waits instead of racing.
import { AppError } from "@/lib/errors/app-error";
import { appUrl } from "@/lib/env";
import type { Organization, Payment } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/audit";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb, type TenantTx } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { billingEnabled } from "./config";
import { mollie, MollieSubscription } from "./mollie";
import { PLAN_ENUM, plan as planOf, planIdOf, type BillingInterval, type PlanEnum, type PlanId } from "./plans";
import { addInterval, INTERVAL_ENUM, intervalOf, isoDate, MOLLIE_INTERVAL, prorate } from "./proration";
import { addVat, vatTreatment } from "./vat";

export type PlanChoice = { plan: PlanId; interval: BillingInterval };

export const webhookUrl = () => `${appUrl()}/api/billing/mollie`;
const returnUrl = (paymentId: string) => `${appUrl()}/dashboard/billing?payment=${paymentId}`;
const PLAN_NAMES: Record<PlanId, string> = { start: "Start", groei: "Groei", pro: "Pro" };
const INTERVAL_NL: Record<BillingInterval, string> = { month: "maand", year: "jaar" };
export const paymentDescription = (c: PlanChoice) => `Stempel ${PLAN_NAMES[c.plan]} (per ${INTERVAL_NL[c.interval]})`;
const TX = { timeout: 30_000, maxWait: 30_000 };

/** Locks the organization's row for the rest of the transaction and returns it. */
export async function lockOrganization(tx: TenantTx, sql: TenantSql, orgId: string): Promise<Organization> {
  await sql(`SELECT id FROM "Organization" WHERE id = $1 FOR UPDATE`, [orgId]);
  return tx.organization.findFirstOrThrow({ where: { id: orgId } });
}

/** What a plan costs per interval for this organization, incl. BTW when it applies. */
export const priceFor = (org: Pick<Organization, "vatNumber">, c: PlanChoice) => addVat(planOf(c.plan).price[c.interval], vatTreatment(org.vatNumber));

function requireBilling(ctx: TenantContext) {
  requireRole(ctx, "OWNER");
  if (!billingEnabled()) throw new AppError("BAD_REQUEST", "billingOff");
}

/** The current plan and interval of a paying organization (null on the trial). */
export function currentChoice(org: Pick<Organization, "plan" | "billingInterval">): PlanChoice | null {
  const id = planIdOf(org.plan as PlanEnum);
  return id ? { plan: id, interval: org.billingInterval ? intervalOf(org.billingInterval) : "month" } : null;
}

async function ensureCustomer(tx: TenantTx, org: Organization): Promise<string> {
  if (org.mollieCustomerId) return org.mollieCustomerId;
  const owner = await tx.membership.findFirst({
    where: { role: "OWNER", removedAt: null, userId: { not: null } },
    select: { user: { select: { email: true } } },
  });
  const customer = await mollie.createCustomer({ name: org.legalName ?? org.name, email: org.billingEmail ?? owner?.user?.email, metadata: { orgId: org.id } });
  await tx.organization.update({ where: { id: org.id }, data: { mollieCustomerId: customer.id } });
  return customer.id;
}

/** A first payment (iDEAL or card) for `choice` and `period`: the Payment row and Mollie's checkout URL. */
async function createFirstPayment(tx: TenantTx, org: Organization, choice: PlanChoice, period: { start: Date; end: Date }, purpose: "subscribe" | "payNow") {
  const customerId = await ensureCustomer(tx, org);
  const amount = priceFor(org, choice);
  const row = await tx.payment.create({
    data: {
      organizationId: org.id,
      molliePaymentId: `pending-${crypto.randomUUID()}`,
      kind: "FIRST",
      plan: PLAN_ENUM[choice.plan],
      interval: INTERVAL_ENUM[choice.interval],
      ...amount,
      periodStart: period.start,
      periodEnd: period.end,
      description: paymentDescription(choice),
    },
  });
  const payment = await mollie.createPayment(customerId, {
    amountCents: amount.totalCents,
    description: paymentDescription(choice),
    sequenceType: "first",
    method: ["ideal", "creditcard"],
    redirectUrl: returnUrl(row.id),
    webhookUrl: webhookUrl(),
    metadata: { orgId: org.id, paymentId: row.id, purpose },
  });
  const checkoutUrl = payment._links?.checkout?.href ?? null;
  if (!checkoutUrl) throw new AppError("INTERNAL", "checkoutUnavailable");
  return tx.payment.update({ where: { id: row.id }, data: { molliePaymentId: payment.id, checkoutUrl } });
}

/** "Kies dit plan" on the trial (or after a cancelled subscription ran out): the checkout URL to send the owner to. */
export async function startCheckout(ctx: TenantContext, choice: PlanChoice, now = new Date()): Promise<{ checkoutUrl: string; paymentId: string }> {
  requireBilling(ctx);
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    const org = await lockOrganization(tx, sql, ctx.orgId);
    const running = org.mollieSubscriptionId && (org.subscriptionStatus === "ACTIVE" || org.subscriptionStatus === "PAST_DUE");
    if (running) throw new AppError("CONFLICT", "alreadySubscribed");
    const payment = await createFirstPayment(tx, org, choice, { start: now, end: addInterval(now, choice.interval) }, "subscribe");
    if (org.subscriptionStatus === "NONE") await tx.organization.update({ where: { id: org.id }, data: { subscriptionStatus: "PENDING" } });
    await recordAudit(tx, ctx, {
      action: "billing.checkout",
      subjectType: "billing",
      subjectId: payment.id,
      details: { plan: choice.plan, interval: choice.interval },
    });
    return { checkoutUrl: payment.checkoutUrl!, paymentId: payment.id };
  }, TX);
}

/**
 * Failed charges not made good by a paid payment for the same or a later period
 * ("Betaal nu", or a later charge), oldest first. By period, not by arrival:
 * webhooks can come in any order.
 */
export function unresolvedFailures(payments: Payment[]): Payment[] {
  return payments
    .filter((p) => p.status === "FAILED" && p.kind !== "FIRST")
    .filter((f) => !payments.some((p) => p.status === "PAID" && p.periodStart >= f.periodStart && p.periodEnd >= f.periodEnd))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** "Betaal nu": a one-off iDEAL payment for the oldest failed charge; paying it clears PAST_DUE and refreshes the mandate. */
export async function payNow(ctx: TenantContext): Promise<{ checkoutUrl: string; paymentId: string }> {
  requireBilling(ctx);
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    const org = await lockOrganization(tx, sql, ctx.orgId);
    const [failed] = unresolvedFailures(await tx.payment.findMany({ orderBy: { createdAt: "desc" }, take: 50 }));
    if (!failed) throw new AppError("CONFLICT", "nothingDue");
    const choice = { plan: planIdOf(failed.plan as PlanEnum) ?? "pro", interval: intervalOf(failed.interval) };
    const payment = await createFirstPayment(tx, org, choice, { start: failed.periodStart, end: failed.periodEnd }, "payNow");
    await recordAudit(tx, ctx, { action: "billing.checkout", subjectType: "billing", subjectId: payment.id, details: { payNow: failed.id } });
    return { checkoutUrl: payment.checkoutUrl!, paymentId: payment.id };
  }, TX);
}

export type PlanChangePreview =
  | { when: "now"; chargeNetCents: number; chargeTotalCents: number; newPriceTotalCents: number; effectiveAt: Date }
  | { when: "periodEnd"; chargeNetCents: 0; chargeTotalCents: 0; newPriceTotalCents: number; effectiveAt: Date };

/** What a plan change costs and when it takes effect: an upgrade of the plan at once (prorated), anything else at the period end. */
export function planChangePreview(org: Organization, target: PlanChoice, now = new Date()): PlanChangePreview {
  const current = currentChoice(org);
  if (!current || !org.currentPeriodEnd || org.subscriptionStatus !== "ACTIVE") throw new AppError("CONFLICT", "noSubscription");
  if (current.plan === target.plan && current.interval === target.interval) throw new AppError("CONFLICT", "samePlan");
  const newPriceTotalCents = priceFor(org, target).totalCents;
  const from = planOf(current.plan);
  const to = planOf(target.plan);
  if (current.interval === target.interval && to.price[target.interval] > from.price[target.interval]) {
    const net = prorate({ from, to, interval: target.interval, periodEnd: org.currentPeriodEnd, now });
    return { when: "now", chargeNetCents: net, chargeTotalCents: addVat(net, vatTreatment(org.vatNumber)).totalCents, newPriceTotalCents, effectiveAt: now };
  }
  return { when: "periodEnd", chargeNetCents: 0, chargeTotalCents: 0, newPriceTotalCents, effectiveAt: org.currentPeriodEnd };
}

export async function previewPlanChange(ctx: TenantContext, target: PlanChoice, now = new Date()): Promise<PlanChangePreview> {
  requireRole(ctx, "OWNER");
  const org = await tenantDb(ctx).organization.findFirstOrThrow({ where: { id: ctx.orgId } });
  return planChangePreview(org, target, now);
}

/**
 * Change plan. Upgrade: the new plan applies now, the difference for the rest
 * of the period is charged on the mandate (a PRORATION payment, invoiced when
 * paid) and the subscription's amount changes for the next period. Downgrade
 * or interval change: only the subscription changes (amount, interval, and the
 * plan in its metadata); the plan switches when the next period is paid.
 */
export async function changePlan(ctx: TenantContext, target: PlanChoice, now = new Date()): Promise<PlanChangePreview> {
  requireBilling(ctx);
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    const org = await lockOrganization(tx, sql, ctx.orgId);
    const preview = planChangePreview(org, target, now);
    if (!org.mollieCustomerId || !org.mollieSubscriptionId || !org.mollieMandateId) throw new AppError("CONFLICT", "noSubscription");
    const current = currentChoice(org)!;
    const newPrice = priceFor(org, target);
    if (preview.when === "now" && preview.chargeNetCents > 0) {
      const amount = addVat(preview.chargeNetCents, vatTreatment(org.vatNumber));
      const row = await tx.payment.create({
        data: {
          organizationId: org.id,
          molliePaymentId: `pending-${crypto.randomUUID()}`,
          kind: "PRORATION",
          plan: PLAN_ENUM[target.plan],
          interval: INTERVAL_ENUM[target.interval],
          ...amount,
          periodStart: now,
          periodEnd: org.currentPeriodEnd!,
          description: `${paymentDescription(target)}: upgrade`,
        },
      });
      const payment = await mollie.createPayment(org.mollieCustomerId, {
        amountCents: amount.totalCents,
        description: `${paymentDescription(target)}: upgrade`,
        sequenceType: "recurring",
        mandateId: org.mollieMandateId,
        webhookUrl: webhookUrl(),
        metadata: { orgId: org.id, paymentId: row.id, purpose: "proration" },
      });
      await tx.payment.update({ where: { id: row.id }, data: { molliePaymentId: payment.id } });
    }
    await mollie.updateSubscription(org.mollieCustomerId, org.mollieSubscriptionId, {
      amountCents: newPrice.totalCents,
      interval: MOLLIE_INTERVAL[target.interval],
      startDate: target.interval !== current.interval ? isoDate(org.currentPeriodEnd!) : undefined,
      metadata: { orgId: org.id, plan: target.plan, interval: target.interval },
    });
    if (preview.when === "now") await tx.organization.update({ where: { id: org.id }, data: { plan: PLAN_ENUM[target.plan] } });
    await recordAudit(tx, ctx, {
      action: "billing.planChange",
      subjectType: "billing",
      before: current,
      after: target,
      details: { when: preview.when, chargeTotalCents: preview.chargeTotalCents },
    });
    return preview;
  }, TX);
}

/** Cancel: Mollie stops charging, the plan runs to the end of the paid period (then the account turns read-only). */
export async function cancelSubscription(ctx: TenantContext): Promise<void> {
  requireBilling(ctx);
  await tenantDb(ctx).$transaction(async (tx, sql) => {
    const org = await lockOrganization(tx, sql, ctx.orgId);
    if (!org.mollieSubscriptionId || !org.mollieCustomerId) throw new AppError("CONFLICT", "noSubscription");
    await mollie.cancelSubscription(org.mollieCustomerId, org.mollieSubscriptionId);
    await tx.organization.update({ where: { id: org.id }, data: { subscriptionStatus: "CANCELED", cancelAtPeriodEnd: true, mollieSubscriptionId: null } });
    await recordAudit(tx, ctx, { action: "billing.cancel", subjectType: "billing", details: { periodEnd: org.currentPeriodEnd?.toISOString() ?? null } });
  }, TX);
}

/** Resume before the period ends: a new Mollie subscription on the same mandate, first charge at the period end. */
export async function resumeSubscription(ctx: TenantContext, now = new Date()): Promise<void> {
  requireBilling(ctx);
  await tenantDb(ctx).$transaction(async (tx, sql) => {
    const org = await lockOrganization(tx, sql, ctx.orgId);
    const choice = currentChoice(org);
    if (org.subscriptionStatus !== "CANCELED" || !choice || !org.currentPeriodEnd || org.currentPeriodEnd <= now || !org.mollieMandateId)
      throw new AppError("CONFLICT", "cannotResume");
    const id = await createSubscription(org, choice, org.currentPeriodEnd);
    await tx.organization.update({ where: { id: org.id }, data: { subscriptionStatus: "ACTIVE", cancelAtPeriodEnd: false, mollieSubscriptionId: id } });
    await recordAudit(tx, ctx, { action: "billing.resume", subjectType: "billing" });
  }, TX);
}

/** A Mollie subscription for `choice` on the organization's mandate, first charge on `start`. */
export async function createSubscription(org: Organization, choice: PlanChoice, start: Date): Promise<string> {
  const sub = await mollie.createSubscription(org.mollieCustomerId!, {
    amountCents: priceFor(org, choice).totalCents,
    interval: MOLLIE_INTERVAL[choice.interval],
    startDate: isoDate(start),
    description: `Stempel abonnement ${org.slug} ${isoDate(start)}`,
    mandateId: org.mollieMandateId!,
    webhookUrl: webhookUrl(),
    metadata: { orgId: org.id, plan: choice.plan, interval: choice.interval },
  });
  return sub.id;
}

/** A plan change waiting for the period end (from the subscription's metadata at Mollie), or null. */
export async function pendingChange(org: Organization): Promise<PlanChoice | null> {
  if (!billingEnabled() || !org.mollieCustomerId || !org.mollieSubscriptionId) return null;
  let sub: MollieSubscription | null = null;
  try {
    sub = await mollie.getSubscription(org.mollieCustomerId, org.mollieSubscriptionId);
  } catch {
    return null;
  }
  const meta = subscriptionChoice(sub?.metadata);
  const current = currentChoice(org);
  return meta && current && (meta.plan !== current.plan || meta.interval !== current.interval) ? meta : null;
}

/** The plan and interval in a subscription's (or its payment's) metadata, checked. */
export function subscriptionChoice(metadata: unknown): PlanChoice | null {
  const m = metadata as { plan?: unknown; interval?: unknown } | null | undefined;
  const plan = m?.plan;
  const interval = m?.interval;
  if ((plan === "start" || plan === "groei" || plan === "pro") && (interval === "month" || interval === "year")) return { plan, interval };
  return null;
}
