// Issue 17 billing against the local Mollie stand-in over real HTTP: the first
// payment creates the mandate and the subscription; the webhook (the route
// handler, served on a local port the stand-in calls) is idempotent and safe
// out of order; a failed charge makes the account past due, read-only after the
// grace period, and "Betaal nu" restores it; plan changes prorate; cancel and
// resume; every paid payment gets one invoice and one email.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/billing/mollie/route";
import { ownerDb as db } from "@/lib/db/owner";
import { accountState } from "@/lib/billing/entitlements";
import { PAYMENT_GRACE_DAYS } from "@/lib/billing/plans";
import { addInterval, isoDate } from "@/lib/billing/proration";
import { cancelSubscription, changePlan, payNow, previewPlanChange, resumeSubscription, startCheckout } from "@/lib/billing/subscription";
import { startLocalMollie, type LocalMollie } from "@/scripts/lib/local-mollie";
import { appError, makeMerchant, type Merchant } from "./helpers";

const DAY = 86_400_000;
let mollie: LocalMollie;
let sink: http.Server;
let sinkUrl: string;

/** The webhook route handler behind a real port (what Mollie calls in production). */
async function startSink() {
  sink = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const response = await POST(
          new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
        );
        res.writeHead(response.status, { "content-type": "text/plain" });
        res.end(await response.text());
      })();
    });
  });
  await new Promise<void>((r) => sink.listen(0, "127.0.0.1", r));
  sinkUrl = `http://127.0.0.1:${(sink.address() as { port: number }).port}`;
}

beforeAll(async () => {
  mollie = await startLocalMollie();
  await startSink();
  Object.assign(process.env, mollie.env(), { APP_URL: sinkUrl });
});

afterAll(async () => {
  await mollie.close();
  await new Promise((r) => sink.close(r));
});

const org = (m: Merchant) => db().organization.findUniqueOrThrow({ where: { id: m.org.id } });
const payments = (m: Merchant) => db().payment.findMany({ where: { organizationId: m.org.id }, orderBy: { createdAt: "asc" }, include: { invoice: true } });
const postWebhook = (body: string) =>
  fetch(`${sinkUrl}/api/billing/mollie`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
const molliePaymentOf = async (paymentId: string) => (await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).molliePaymentId;

/** Trial merchant → checkout → "Betalen" on the stand-in's page (as the browser does) → back. */
async function subscribe(m: Merchant, plan: "start" | "groei" | "pro" = "groei", interval: "month" | "year" = "month") {
  const { checkoutUrl, paymentId } = await startCheckout(m.ctx(), { plan, interval });
  const page = await (await fetch(checkoutUrl)).text();
  expect(page).toContain('id="mollie-pay"');
  const back = await fetch(`${checkoutUrl}/paid`, { method: "POST", redirect: "manual" });
  expect(back.status).toBe(303);
  expect(back.headers.get("location")).toBe(`${sinkUrl}/dashboard/billing?payment=${paymentId}`);
  return { paymentId, molliePaymentId: await molliePaymentOf(paymentId) };
}

describe("billing with Mollie", () => {
  it("first payment → mandate → subscription from the end of the first period, invoice and email once", async () => {
    const m = await makeMerchant("Café Eerste Betaling");
    const before = Date.now();
    const { molliePaymentId } = await subscribe(m);
    const o = await org(m);
    expect(o).toMatchObject({ plan: "GROEI", billingInterval: "MONTH", subscriptionStatus: "ACTIVE", pastDueSince: null, cancelAtPeriodEnd: false });
    expect(o.mollieMandateId).toMatch(/^mdt_/);
    const sub = mollie.subscriptions.get(o.mollieSubscriptionId!)!;
    expect(sub).toMatchObject({ status: "active", interval: "1 month", amount: { value: "47.19" }, mandateId: o.mollieMandateId });
    expect(sub.startDate).toBe(isoDate(o.currentPeriodEnd!));
    expect(Math.abs(o.currentPeriodEnd!.getTime() - addInterval(new Date(before), "month").getTime())).toBeLessThan(60_000);
    const [p] = await payments(m);
    expect(p).toMatchObject({ molliePaymentId, kind: "FIRST", status: "PAID", netCents: 3900, vatCents: 819, totalCents: 4719 });
    expect(p.invoice?.number).toMatch(/^\d{4}-\d{6}$/);
    const email = await db().outboxEmail.findUniqueOrThrow({ where: { id: `invoice-${p.invoice!.id}` } });
    expect(email.to).toBe(m.owner.email);
    expect(email.text).toContain(`/dashboard/billing/invoices/${p.invoice!.id}`);
    const audit = await db().auditEvent.findMany({ where: { organizationId: m.org.id, action: { startsWith: "billing." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["billing.checkout", "billing.paid"]);
  });

  it("repeated and out-of-order webhooks change nothing more; unknown ids answer 200, a missing id 400", async () => {
    const m = await makeMerchant("Café Herhaling");
    const { molliePaymentId } = await subscribe(m);
    const after = await org(m);
    await mollie.replay(molliePaymentId);
    await Promise.all([postWebhook(`id=${molliePaymentId}`), postWebhook(`id=${molliePaymentId}`)]);
    // Mollie says "open" again (a stale read): a paid payment never moves back.
    mollie.setStatus(molliePaymentId, "open");
    expect(await (await postWebhook(`id=${molliePaymentId}`)).text()).toBe("unchanged");
    expect(await org(m)).toEqual(after);
    const rows = await payments(m);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe("PAID");
    expect(await db().invoice.count({ where: { organizationId: m.org.id } })).toBe(1);
    expect([...mollie.subscriptions.values()].filter((s) => s.customerId === after.mollieCustomerId)).toHaveLength(1);

    const unknown = await postWebhook("id=tr_doesnotexist");
    expect([unknown.status, await unknown.text()]).toEqual([200, "unknown"]);
    expect((await postWebhook("id=sub_abc")).status).toBe(200);
    expect((await postWebhook("foo=bar")).status).toBe(400);
  });

  it("a failed checkout leaves the trial as it was; a late 'paid' for it is ignored", async () => {
    const m = await makeMerchant("Café Mislukt");
    const { checkoutUrl, paymentId } = await startCheckout(m.ctx(), { plan: "start", interval: "year" });
    expect((await org(m)).subscriptionStatus).toBe("PENDING");
    await fetch(`${checkoutUrl}/failed`, { method: "POST", redirect: "manual" });
    expect(await org(m)).toMatchObject({ plan: "TRIAL", subscriptionStatus: "NONE", mollieMandateId: null, mollieSubscriptionId: null });
    const id = await molliePaymentOf(paymentId);
    mollie.setStatus(id, "paid");
    await mollie.replay(id);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("FAILED");
    expect(await org(m)).toMatchObject({ plan: "TRIAL", subscriptionStatus: "NONE" });
    expect(await db().invoice.count({ where: { organizationId: m.org.id } })).toBe(0);
  });

  it("failed charge → past due → read-only after the grace period → Betaal nu → active again", async () => {
    const m = await makeMerchant("Café Achterstand");
    await subscribe(m, "start");
    const o1 = await org(m);
    const failed = await mollie.charge(o1.mollieSubscriptionId!, "failed");
    const o2 = await org(m);
    expect(o2.subscriptionStatus).toBe("PAST_DUE");
    expect(o2.pastDueSince).not.toBeNull();
    expect(o2.currentPeriodEnd).toEqual(o1.currentPeriodEnd);
    const row = await db().payment.findUniqueOrThrow({ where: { molliePaymentId: failed.id } });
    expect(row).toMatchObject({ kind: "RECURRING", status: "FAILED", totalCents: 2299 });
    expect(await db().invoice.count({ where: { paymentId: row.id } })).toBe(0);
    // Within the grace period the dashboard still works; after it, read-only (stamping still allowed).
    expect(accountState(o2, new Date(Date.now() + (PAYMENT_GRACE_DAYS - 1) * DAY)).mode).toBe("active");
    const late = accountState(o2, new Date(o2.pastDueSince!.getTime() + (PAYMENT_GRACE_DAYS + 1) * DAY));
    expect(late).toMatchObject({ mode: "readOnly", reason: "paymentFailed", stampingAllowed: true });

    // A repeat of the failure changes nothing.
    await mollie.replay(failed.id);
    expect((await org(m)).pastDueSince).toEqual(o2.pastDueSince);

    const { checkoutUrl, paymentId } = await payNow(m.ctx());
    await fetch(`${checkoutUrl}/paid`, { method: "POST", redirect: "manual" });
    const o3 = await org(m);
    expect(o3).toMatchObject({ subscriptionStatus: "ACTIVE", pastDueSince: null });
    expect(o3.currentPeriodEnd).toEqual(row.periodEnd);
    expect(accountState(o3, new Date(Date.now() + (PAYMENT_GRACE_DAYS + 1) * DAY)).mode).toBe("active");
    // The subscription carries on, on the fresh mandate.
    const paid = await db().payment.findUniqueOrThrow({ where: { id: paymentId }, include: { invoice: true } });
    expect(paid).toMatchObject({ status: "PAID", periodStart: row.periodStart, periodEnd: row.periodEnd });
    expect(paid.invoice).not.toBeNull();
    expect(mollie.subscriptions.get(o3.mollieSubscriptionId!)!.mandateId).toBe(o3.mollieMandateId);
    expect(o3.mollieMandateId).not.toBe(o1.mollieMandateId);
    expect((await appError(payNow(m.ctx()))).messageKey).toBe("nothingDue");

    // The next charge is paid: the period moves on, one invoice each.
    const next = await mollie.charge(o3.mollieSubscriptionId!, "paid");
    const o4 = await org(m);
    const nextRow = await db().payment.findUniqueOrThrow({ where: { molliePaymentId: next.id }, include: { invoice: true } });
    expect(o4.currentPeriodEnd).toEqual(nextRow.periodEnd);
    expect(nextRow.invoice).not.toBeNull();
  });

  it("an older failure reported after a later paid charge does not make the account past due", async () => {
    const m = await makeMerchant("Café Volgorde");
    await subscribe(m, "start");
    const o = await org(m);
    const sub = mollie.subscriptions.get(o.mollieSubscriptionId!)!;
    const webhookUrl = sub.webhookUrl;
    // Two charges settle at Mollie; their webhooks arrive newest first.
    sub.webhookUrl = null;
    const first = await mollie.charge(sub.id, "failed");
    const second = await mollie.charge(sub.id, "paid");
    sub.webhookUrl = webhookUrl;
    for (const p of [first, second]) p.webhookUrl = webhookUrl;
    await mollie.replay(second.id);
    await mollie.replay(first.id);
    const after = await org(m);
    expect(after).toMatchObject({ subscriptionStatus: "ACTIVE", pastDueSince: null });
    expect(after.currentPeriodEnd).toEqual((await db().payment.findUniqueOrThrow({ where: { molliePaymentId: second.id } })).periodEnd);
  });

  it("upgrade now with a prorated charge; downgrade and interval change at the period end", async () => {
    const m = await makeMerchant("Café Overstap");
    await subscribe(m, "start");
    const o = await org(m);
    // Halfway through the period: half the price difference (Start 19 → Groei 39 = 20 net → 10 net, 12,10 incl. BTW).
    const periodStart = addInterval(o.currentPeriodEnd!, "month", -1);
    const halfway = new Date((periodStart.getTime() + o.currentPeriodEnd!.getTime()) / 2);
    const preview = await previewPlanChange(m.ctx(), { plan: "groei", interval: "month" }, halfway);
    expect(preview).toMatchObject({ when: "now", chargeNetCents: 1000, chargeTotalCents: 1210, newPriceTotalCents: 4719 });

    await changePlan(m.ctx(), { plan: "groei", interval: "month" }, halfway);
    expect((await org(m)).plan).toBe("GROEI");
    const sub = mollie.subscriptions.get(o.mollieSubscriptionId!)!;
    expect(sub.amount.value).toBe("47.19");
    expect(sub.metadata).toMatchObject({ plan: "groei", interval: "month" });
    const proration = await db().payment.findFirstOrThrow({ where: { organizationId: m.org.id, kind: "PRORATION" } });
    await mollie.waitForWebhook(proration.molliePaymentId);
    await expect.poll(async () => (await db().payment.findUniqueOrThrow({ where: { id: proration.id }, include: { invoice: true } })).invoice).not.toBeNull();
    expect(proration).toMatchObject({ netCents: 1000, vatCents: 210, totalCents: 1210, periodEnd: o.currentPeriodEnd });

    // Downgrade: nothing now, the plan changes when the next period is paid.
    const down = await changePlan(m.ctx(), { plan: "start", interval: "month" });
    expect(down).toMatchObject({ when: "periodEnd", chargeTotalCents: 0 });
    expect((await org(m)).plan).toBe("GROEI");
    expect(sub.amount.value).toBe("22.99");
    await mollie.charge(sub.id, "paid");
    expect((await org(m)).plan).toBe("START");

    // Interval change: at the period end, the subscription's next charge is yearly.
    const o2 = await org(m);
    await changePlan(m.ctx(), { plan: "start", interval: "year" });
    expect(sub).toMatchObject({ interval: "12 months", amount: { value: "229.90" }, nextPaymentDate: isoDate(o2.currentPeriodEnd!) });
    expect((await org(m)).billingInterval).toBe("MONTH");
    await mollie.charge(sub.id, "paid");
    const o3 = await org(m);
    expect(o3.billingInterval).toBe("YEAR");
    expect(o3.currentPeriodEnd).toEqual(addInterval(new Date(`${isoDate(o2.currentPeriodEnd!)}T06:00:00.000Z`), "year"));
    expect((await appError(changePlan(m.ctx(), { plan: "start", interval: "year" }))).messageKey).toBe("samePlan");
    expect((await appError(changePlan(m.ctx("MANAGER"), { plan: "pro", interval: "year" }))).code).toBe("FORBIDDEN");
  });

  it("cancel runs to the period end (then read-only); resume before then keeps it going", async () => {
    const m = await makeMerchant("Café Opzeggen");
    await subscribe(m, "pro", "year");
    const o = await org(m);
    await cancelSubscription(m.ctx());
    const c = await org(m);
    expect(c).toMatchObject({ subscriptionStatus: "CANCELED", cancelAtPeriodEnd: true, mollieSubscriptionId: null, plan: "PRO" });
    expect(mollie.subscriptions.get(o.mollieSubscriptionId!)!.status).toBe("canceled");
    expect(accountState(c, new Date(Date.now() + DAY)).mode).toBe("active");
    expect(accountState(c, new Date(c.currentPeriodEnd!.getTime() + DAY))).toMatchObject({ mode: "readOnly", reason: "canceled" });

    await resumeSubscription(m.ctx());
    const r = await org(m);
    expect(r).toMatchObject({ subscriptionStatus: "ACTIVE", cancelAtPeriodEnd: false });
    const sub = mollie.subscriptions.get(r.mollieSubscriptionId!)!;
    expect(sub).toMatchObject({ status: "active", interval: "12 months", startDate: isoDate(r.currentPeriodEnd!), amount: { value: "955.90" } });
    expect((await appError(resumeSubscription(m.ctx()))).messageKey).toBe("cannotResume");
    expect((await appError(startCheckout(m.ctx(), { plan: "start", interval: "month" }))).messageKey).toBe("alreadySubscribed");
  });

  it("an EU business with a valid VAT number pays no BTW (reverse charge)", async () => {
    const m = await makeMerchant("Café Brussel");
    await db().organization.update({ where: { id: m.org.id }, data: { vatNumber: "BE0123456789", country: "BE" } });
    await subscribe(m, "groei");
    const [p] = await payments(m);
    expect(p).toMatchObject({ netCents: 3900, vatCents: 0, totalCents: 3900 });
    expect(p.invoice).toMatchObject({ reverseCharge: true, vatRateBp: 0, vatCents: 0 });
    expect(mollie.subscriptions.get((await org(m)).mollieSubscriptionId!)!.amount.value).toBe("39.00");
  });
});
