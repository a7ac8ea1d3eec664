// Issue 18 § Faults: APNs, Google Wallet, SMTP, Mollie, SMS and webhook receivers
// down (connection refused), slow (no answer within our timeout) or answering
// garbage (HTML 200, truncated JSON, a 502 page, a reset mid-body). Each service
// is reached through tests/support/bad-server.ts, configured exactly as in
// production (APNS_URL, GOOGLE_WALLET_*_URL, SMTP_URL, MOLLIE_API_URL,
// SMS_PROVIDER_URL, the endpoint's URL), with the healthy stand-in behind it.
// Proven: every outbound call gives up within its timeout; a failure leaves work
// to retry (the job throws a retryable error, or a stored state: a pending
// delivery, an unsent outbox row, Mollie's webhook retry) and nothing is lost or
// done twice once the service is back; and stamps never wait on any of them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as mollieRoute from "@/app/api/billing/mollie/route";
import { startCheckout } from "@/lib/billing/subscription";
import { ownerDb as db } from "@/lib/db/owner";
import { retryEmail, sendEmail } from "@/lib/email/send-email";
import { sendWelcomeEmail } from "@/lib/enrollment/customer-emails";
import { sendSms, SmsRefused, SmsUnavailable } from "@/lib/messages/sms";
import { appleConfig } from "@/lib/wallet/apple/config";
import { apnsClient, pushCardChanged, PushesToRetry } from "@/lib/wallet/apple/push-updates";
import { GoogleUnavailable } from "@/lib/wallet/google/api";
import { generateServiceAccount } from "@/lib/wallet/google/dev-service-account";
import { objectId } from "@/lib/wallet/google/objects";
import { googleConfig } from "@/lib/wallet/google/config";
import { syncGoogleCard } from "@/lib/wallet/google/sync";
import { deliverWebhook } from "@/lib/webhooks/deliver";
import { dispatchWebhookEvents } from "@/lib/webhooks/dispatch";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { startLocalApnsFor, type LocalApns } from "@/scripts/lib/local-apns";
import { startLocalGoogleWallet, type LocalGoogleWallet } from "@/scripts/lib/local-google-wallet";
import { startLocalMollie, type LocalMollie } from "@/scripts/lib/local-mollie";
import { startLocalSms, type LocalSms } from "@/scripts/lib/local-sms";
import { startLocalWebhookReceiver, type LocalWebhookReceiver } from "@/scripts/lib/local-webhook-receiver";
import { FAULTS, startBadServer, type BadMode, type BadServer } from "../support/bad-server";
import { makeMerchant, newCard, type Merchant } from "./helpers";
import { startSmtp, type TestSmtp } from "./smtp";
import { staffSession, startTabletServer, type TabletServer } from "./tablet-http";

const TIMEOUT_S = 0.5;
const ISSUER = "3388000000099887766";
const sa = generateServiceAccount();

let m: Merchant;
let api: TabletServer;
let barista: string;
let apns: LocalApns;
let google: LocalGoogleWallet;
let smtp: TestSmtp;
let mollie: LocalMollie;
let sms: LocalSms;
let receiver: LocalWebhookReceiver;
const bad = {} as Record<"apns" | "googleToken" | "googleApi" | "smtp" | "mollie" | "sms" | "webhook", BadServer>;

beforeAll(async () => {
  Object.assign(process.env, {
    SERVICES_TIMEOUT_SECONDS: String(TIMEOUT_S),
    WEBHOOKS_TIMEOUT_SECONDS: String(TIMEOUT_S),
    WEBHOOKS_ALLOW_PRIVATE: "1",
    WEBHOOKS_RETRY_SCHEDULE: "0,0,0,0,0,0,0,0,0,0",
    APP_URL: "https://stempel.example.nl",
  });
  const config = appleConfig();
  [apns, google, smtp, mollie, sms, receiver] = await Promise.all([
    startLocalApnsFor(config),
    startLocalGoogleWallet({ issuerId: ISSUER, serviceAccountEmail: sa.json.client_email, publicKey: sa.publicKey }),
    startSmtp(),
    startLocalMollie(),
    startLocalSms({ from: "KoffieBar" }),
    startLocalWebhookReceiver(),
  ]);
  const port = (url: string) => Number(new URL(url).port);
  bad.apns = await startBadServer({ target: apns.port });
  bad.googleToken = await startBadServer({ target: port(google.tokenUrl) });
  bad.googleApi = await startBadServer({ target: port(google.apiUrl) });
  bad.smtp = await startBadServer({ target: port(smtp.url) });
  bad.mollie = await startBadServer({ target: port(mollie.env().MOLLIE_API_URL) });
  bad.sms = await startBadServer({ target: port(sms.url) });
  bad.webhook = await startBadServer({ target: port(receiver.url) });
  // The production variables, pointed through the misbehaving fronts.
  Object.assign(process.env, {
    APNS_URL: bad.apns.front(apns.url),
    GOOGLE_WALLET_ISSUER_ID: ISSUER,
    GOOGLE_WALLET_SERVICE_ACCOUNT: Buffer.from(JSON.stringify(sa.json)).toString("base64"),
    GOOGLE_WALLET_TOKEN_URL: bad.googleToken.front(google.tokenUrl),
    GOOGLE_WALLET_API_URL: bad.googleApi.front(google.apiUrl),
    SMTP_URL: bad.smtp.front(smtp.url),
    MOLLIE_API_KEY: mollie.env().MOLLIE_API_KEY,
    MOLLIE_API_URL: bad.mollie.front(mollie.env().MOLLIE_API_URL),
    ...sms.env(),
    SMS_PROVIDER_URL: bad.sms.front(sms.url),
  });
  m = await makeMerchant("Café Storing", { customers: 0 });
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 1000, maxStampsPerDay: 1000 } });
  api = await startTabletServer();
  barista = (await staffSession(api, m, "2468")).token;
});

afterAll(async () => {
  apnsClient()?.close();
  await Promise.all(Object.values(bad).map((b) => b.close()));
  await Promise.all([api?.close(), apns?.close(), google?.close(), smtp?.close(), mollie?.close(), sms?.close(), receiver?.close()]);
});

/** Each fault in turn: `attempt` must fail the way that keeps the work, and give up within the timeout. */
async function throughEveryFault(server: BadServer, attempt: (mode: BadMode) => Promise<void>, modes: BadMode[] = FAULTS) {
  for (const mode of modes) {
    await server.setMode(mode);
    const t0 = performance.now();
    await attempt(mode);
    expect(performance.now() - t0, `${mode}: gave up in time`).toBeLessThan(TIMEOUT_S * 1000 + 2000);
  }
  await server.setMode("through");
}

/** A job handler that failed: the worker retries it unless the error says `permanent` (lib/jobs/worker.ts). */
async function retryableFailure(p: Promise<unknown>, type?: new (...args: never[]) => Error): Promise<Error> {
  const e = await p.then(
    (v) => {
      throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
    },
    (err: Error) => err,
  );
  if (type) expect(e).toBeInstanceOf(type);
  expect((e as { permanent?: boolean }).permanent).not.toBe(true);
  return e;
}

const stamp = (serial: string) => api.post("/api/tablet/actions", { kind: "stamp", amount: 1, serial, idempotencyKey: randomUUID() }, barista);

/** The email-retry job of an outbox row, and the seconds until it is due. */
async function retryJob(emailId: string) {
  const [job] = await db().$queryRawUnsafe<{ data: { emailId: string }; wait: number }[]>(
    `SELECT data, extract(epoch FROM start_after - now())::float8 AS wait FROM pgboss.job WHERE name = 'email-retry' AND singleton_key = $1`,
    emailId,
  );
  return job;
}

describe("a service down, slow or answering garbage loses nothing, and is caught up once it is back", () => {
  it("APNs: the push job fails retryably (registration kept), then the device is pushed once", async () => {
    const card = await newCard(m);
    const token = randomUUID().replace(/-/g, "").repeat(2);
    await db().passRegistration.create({
      data: {
        organizationId: m.org.id,
        cardId: card.id,
        deviceLibraryIdentifier: "device-storing",
        passTypeIdentifier: appleConfig().passTypeIdentifier,
        pushToken: token,
      },
    });
    const job = { orgId: m.org.id, cardId: card.id };
    await throughEveryFault(bad.apns, async () => {
      await retryableFailure(pushCardChanged(job), PushesToRetry);
    });
    expect(await db().passRegistration.findFirstOrThrow({ where: { cardId: card.id } })).toMatchObject({ unregisteredAt: null });
    expect(await pushCardChanged(job)).toEqual({ sent: 1, removed: 0 });
    expect(apns.pushes.filter((p) => p.token === token)).toHaveLength(1);
  });

  it("Google Wallet: token endpoint or API misbehaving fails the job retryably, then the object is written", async () => {
    const card = await newCard(m);
    const job = { orgId: m.org.id, cardId: card.id };
    // The OAuth token endpoint first (no token cached yet), then the Wallet API with a good token.
    await throughEveryFault(bad.googleToken, async () => {
      await retryableFailure(syncGoogleCard(job), GoogleUnavailable);
    });
    await throughEveryFault(bad.googleApi, async () => {
      await retryableFailure(syncGoogleCard(job), GoogleUnavailable);
    });
    expect(await syncGoogleCard(job)).toEqual({ object: "inserted" });
    const id = objectId(googleConfig()!, card.serial);
    expect(google.objects.get(id)).toBeTruthy();
  });

  it("SMTP: the welcome email stays in the outbox unsent and the job retries, then it is sent exactly once", async () => {
    const card = await newCard(m, "Mail Klant");
    const email = `storing-${randomUUID().slice(0, 8)}@klant.test`;
    await db().customer.update({ where: { id: card.customerId }, data: { email } });
    const job = { orgId: m.org.id, cardId: card.id, locale: "nl" };
    await throughEveryFault(bad.smtp, async () => {
      await retryableFailure(sendWelcomeEmail(job));
      const row = await db().outboxEmail.findUniqueOrThrow({ where: { id: `welcome-${card.id}` } });
      expect(row.sentAt).toBeNull();
      expect(row.error).toBeTruthy();
    });
    expect(await sendWelcomeEmail(job)).toBe("sent");
    expect(await sendWelcomeEmail(job)).toBe("alreadySent");
    expect(smtp.to(email)).toHaveLength(1);
    expect((await db().outboxEmail.findUniqueOrThrow({ where: { id: `welcome-${card.id}` } })).sentAt).not.toBeNull();
  });

  it("SMTP: an email sent straight from a request is written with a retry job, which sends it once SMTP is back, and only then", async () => {
    const to = `reset-${randomUUID().slice(0, 8)}@klant.test`;
    const failed: string[] = [];
    await throughEveryFault(bad.smtp, async (mode) => {
      const sent = await sendEmail({ to, subject: `Wachtwoord (${mode})`, text: "Je link", headers: { "X-Stempel-Fault": mode } });
      expect(sent.delivered, mode).toBe(false);
      expect(sent.error, mode).toBeTruthy();
      // Due only after this attempt's timeouts: the request's own attempt and the job never send at once.
      expect((await retryJob(sent.id)).wait).toBeGreaterThan(3 * TIMEOUT_S + 25);
      failed.push(sent.id);
    });
    expect(smtp.to(to)).toHaveLength(0);
    // SMTP back: each job sends its email once; run again (a retry after a lost commit), nothing more.
    for (const id of failed) {
      const { data } = await retryJob(id);
      expect(data.emailId).toBe(id);
      expect(await retryEmail(data)).toBe("sent");
      expect(await retryEmail(data)).toBe("alreadySent");
    }
    expect(smtp.to(to)).toHaveLength(failed.length);
    // Sent as written, its headers kept on the row included.
    expect(smtp.to(to).every((mail) => /^X-Stempel-Fault: /m.test(mail.raw))).toBe(true);
    // Sent at once: its job later finds it sent.
    const ok = await sendEmail({ to, subject: "Uitnodiging", text: "Welkom" });
    expect(ok.delivered).toBe(true);
    expect(await retryEmail((await retryJob(ok.id)).data)).toBe("alreadySent");
    expect(smtp.to(to)).toHaveLength(failed.length + 1);
  });

  it("SMTP: an attempt that drags on (every step answered in time, the message only after 3 s) ends at its deadline, long before its job", async () => {
    const to = `traag-${randomUUID().slice(0, 8)}@klant.test`;
    const url = process.env.SMTP_URL;
    // nodemailer's socket timeout restarts with every answer, and SMTP_URL may set its own: here 10 s.
    process.env.SMTP_URL = `${smtp.url}?socketTimeout=10000`;
    smtp.delayMs = 3000;
    try {
      const t0 = performance.now();
      const sent = await sendEmail({ to, subject: "Traag", text: "Je link" });
      const took = performance.now() - t0;
      expect(sent.delivered).toBe(false);
      expect(sent.error).toMatch(/no delivery within/);
      expect(took).toBeLessThan(2 * TIMEOUT_S * 1000 + 1000);
      // The retry job is due only after the deadline, the outcome's recording and a margin: the two never overlap.
      expect((await retryJob(sent.id)).wait).toBeGreaterThan(2 * TIMEOUT_S + 25);
    } finally {
      smtp.delayMs = 0;
      process.env.SMTP_URL = url;
    }
  });

  it("Mollie: the status check answers 500 (Mollie retries its webhook) and changes nothing, then applies the payment", async () => {
    const payer = await makeMerchant("Café Betaling", { customers: 0 });
    const { paymentId } = await startCheckout(payer.ctx(), { plan: "groei", interval: "month" });
    const molliePaymentId = (await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).molliePaymentId!;
    mollie.setStatus(molliePaymentId, "paid");
    const webhook = () =>
      mollieRoute.POST(
        new Request("http://localhost/api/billing/mollie", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `id=${molliePaymentId}`,
        }),
      );
    await throughEveryFault(bad.mollie, async (mode) => {
      const res = await webhook();
      expect(res.status, mode).toBe(500);
      expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("OPEN");
    });
    const res = await webhook();
    expect([res.status, await res.text()]).toEqual([200, "updated"]);
    expect((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe("PAID");
    expect(await db().organization.findUniqueOrThrow({ where: { id: payer.org.id } })).toMatchObject({ plan: "GROEI", subscriptionStatus: "ACTIVE" });
    expect(await db().invoice.count({ where: { organizationId: payer.org.id } })).toBe(1);
  });

  it("SMS: every fault is 'unavailable' (retried), never 'refused' (dropped); then the text is sent", async () => {
    await throughEveryFault(bad.sms, async () => {
      const e = await retryableFailure(sendSms("+31612345678", "Je kaart is bijna vol"), SmsUnavailable);
      expect(e).not.toBeInstanceOf(SmsRefused);
    });
    expect((await sendSms("+31612345678", "Je kaart is bijna vol")).id).toMatch(/^SM/);
    expect(sms.messages.filter((s) => s.to === "+31612345678")).toHaveLength(1);
  });

  it("webhooks: each failed attempt is recorded with the next one queued; the event then arrives once", async () => {
    await createEndpoint(m.ctx("MANAGER"), { url: `http://127.0.0.1:${bad.webhook.port}/hooks`, description: null, events: ["card.stamped"] });
    const card = await newCard(m);
    expect((await stamp(card.serial)).status).toBe(200);
    await dispatchWebhookEvents(m.org.id);
    const pending = () => db().webhookDelivery.findFirstOrThrow({ where: { organizationId: m.org.id, status: "PENDING" } });
    // A 2xx is the receiver's "accepted", whatever its body: only the other faults are failures.
    await throughEveryFault(
      bad.webhook,
      async (mode) => {
        const d = await pending();
        expect(await deliverWebhook({ orgId: m.org.id, deliveryId: d.id }), mode).toBe("retrying");
        expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "FAILED" });
      },
      ["refuse", "hang", "status", "reset"],
    );
    const d = await pending();
    expect(d.attempt).toBe(5);
    expect(await deliverWebhook({ orgId: m.org.id, deliveryId: d.id })).toBe("delivered");
    const got = await receiver.waitFor(1);
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0].body)).toMatchObject({ type: "card.stamped" });
    expect(await db().webhookDelivery.count({ where: { organizationId: m.org.id, status: "PENDING" } })).toBe(0);
  });
});

describe("the stamp path waits on no outside service", () => {
  it("while every service hangs and holds our connections, 30 stamps answer fast (p95 < 200 ms)", async () => {
    // Long timeouts for this part: the calls below stay in flight for the whole run.
    Object.assign(process.env, { SERVICES_TIMEOUT_SECONDS: "30", WEBHOOKS_TIMEOUT_SECONDS: "30" });
    try {
      for (const b of Object.values(bad)) await b.setMode("hang");
      apnsClient()?.close();
      const card = await newCard(m);
      const email = `traag-${randomUUID().slice(0, 8)}@klant.test`;
      await db().customer.update({ where: { id: card.customerId }, data: { email } });
      await db().passRegistration.create({
        data: {
          organizationId: m.org.id,
          cardId: card.id,
          deviceLibraryIdentifier: "device-traag",
          passTypeIdentifier: appleConfig().passTypeIdentifier,
          pushToken: "ab".repeat(32),
        },
      });
      expect((await stamp(card.serial)).status).toBe(200);
      await dispatchWebhookEvents(m.org.id);
      const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: m.org.id, status: "PENDING" } });
      const job = { orgId: m.org.id, cardId: card.id };
      const inFlight = [
        pushCardChanged(job),
        syncGoogleCard(job),
        sendWelcomeEmail({ ...job, locale: "nl" }),
        sendSms("+31687654321", "Hallo"),
        deliverWebhook({ orgId: m.org.id, deliveryId: delivery.id }),
        mollieRoute.POST(new Request("http://localhost/api/billing/mollie", { method: "POST", body: "id=tr_slow123" })),
      ].map((p) =>
        p.then(
          () => null,
          () => null,
        ),
      );
      await expect.poll(() => Object.values(bad).filter((b) => b.held() > 0).length, { timeout: 5000 }).toBeGreaterThanOrEqual(6);

      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        expect((await stamp(card.serial)).status).toBe(200);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p95 = times[Math.ceil(times.length * 0.95) - 1];
      expect(p95, `stamp p95 ${p95.toFixed(1)} ms`).toBeLessThan(200);
      // Still held: the stamps did not wait for them.
      expect(Object.values(bad).filter((b) => b.held() > 0).length).toBeGreaterThanOrEqual(6);
      for (const b of Object.values(bad)) await b.setMode("refuse");
      await Promise.all(inFlight);
    } finally {
      Object.assign(process.env, { SERVICES_TIMEOUT_SECONDS: String(TIMEOUT_S), WEBHOOKS_TIMEOUT_SECONDS: String(TIMEOUT_S) });
      for (const b of Object.values(bad)) await b.setMode("through");
    }
  });
});
