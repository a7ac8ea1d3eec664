// Issue 15, the channels (docs/messages/channels.md): the SMS driver against a
// local stand-in that speaks Twilio's API, the message email with and without
// the unsubscribe link and its one-click headers (through a real SMTP server),
// and unsubscribing without signing in: GET changes nothing, the page's button
// and a mail app's one-click POST do, a forged link is refused.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as unsubscribeRoute from "@/app/(customer)/u/[token]/route";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { ownerDb as db } from "@/lib/db/owner";
import { sendEmailOnce, sendEmailsOnce } from "@/lib/email/send-email";
import { messageEmail, unsubscribeUrl } from "@/lib/messages/email";
import { sendSms, SmsRefused, smsConfig, smsConfigured, SmsUnavailable, twilioDriver } from "@/lib/messages/sms";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/messages/unsubscribe";
import { startLocalSms, type LocalSms } from "@/scripts/lib/local-sms";
import { makeMerchant, type Merchant } from "./helpers";
import { withSmtp } from "./smtp";

const SMS_VARS = ["SMS_PROVIDER_URL", "SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM"] as const;
let sms: LocalSms;
let m: Merchant;
let other: Merchant;
let peer = 0;

beforeAll(async () => {
  sms = await startLocalSms({ from: "KoffieBar" });
  m = await makeMerchant("Koffiebar De Hoek", { customers: 2 });
  other = await makeMerchant("Bakkerij Ernaast", { customers: 1 });
});

afterAll(async () => {
  await sms.close();
});

const useSms = () => Object.assign(process.env, sms.env());
const noSms = () => SMS_VARS.forEach((k) => delete process.env[k]);

describe("SMS: Twilio's Messaging API, against the local stand-in", () => {
  afterEach(noSms);

  it("is off unless SID, token and sender are all set; half a configuration is a start-up error", () => {
    noSms();
    expect(smsConfigured()).toBe(false);
    expect(smsConfig()).toBeNull();
    process.env.SMS_ACCOUNT_SID = sms.accountSid;
    expect(smsConfigured()).toBe(false);
    expect(() => smsConfig()).toThrow(/SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM together/);
    useSms();
    expect(smsConfigured()).toBe(true);
  });

  it("sends a form-encoded message with Basic auth and returns the provider's sid; a Dutch 06 number goes as +316", async () => {
    useSms();
    const { id } = await sendSms("06 1234 5678", "Gratis koffie bij je volgende bezoek!");
    expect(id).toMatch(/^SM[0-9a-f]{32}$/);
    const got = await sms.waitForSms("+31612345678");
    expect(got).toMatchObject({ sid: id, from: "KoffieBar", body: "Gratis koffie bij je volgende bezoek!" });
  });

  it("cuts a text longer than three SMS parts", async () => {
    useSms();
    await sendSms("+31611111111", "a".repeat(600));
    const got = await sms.waitForSms("+31611111111");
    expect(got.body).toBe(`${"a".repeat(456)}...`);
  });

  it("wrong credentials: a permanent refusal (401, code 20003), not retried", async () => {
    const before = sms.unauthorized();
    const driver = twilioDriver({ url: sms.url, accountSid: sms.accountSid, authToken: "not-the-token-0123456789", from: sms.from });
    const e = await driver.send("+31622222222", "Hoi").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmsRefused);
    expect(e).toMatchObject({ status: 401, code: 20003, permanent: true });
    expect(sms.unauthorized()).toBe(before + 1);
    expect(sms.messages.some((s) => s.to === "+31622222222")).toBe(false);
  });

  it("a number the provider refuses (400, 21211) is permanent; a number that is no phone number is refused without a call", async () => {
    useSms();
    const driver = twilioDriver(smsConfig()!);
    await expect(driver.send("0612345678", "Hoi")).rejects.toMatchObject({ status: 400, code: 21211, permanent: true });
    const calls = sms.messages.length;
    await expect(sendSms("geen nummer", "Hoi")).rejects.toBeInstanceOf(SmsRefused);
    expect(sms.messages.length).toBe(calls);
  });

  it("5xx, 429 and an unreachable provider are retried (SmsUnavailable, not permanent); the next try gets through", async () => {
    useSms();
    sms.failNext(503, 1);
    const e = await sendSms("+31633333333", "Hoi").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmsUnavailable);
    expect((e as { permanent?: boolean }).permanent).toBeUndefined();
    sms.failNext(500, 1);
    await expect(sendSms("+31633333333", "Hoi")).rejects.toBeInstanceOf(SmsUnavailable);
    sms.failNext(429, 1);
    await expect(sendSms("+31633333333", "Hoi")).rejects.toBeInstanceOf(SmsUnavailable);
    await sms.setDown(true);
    try {
      await expect(sendSms("+31633333333", "Hoi")).rejects.toBeInstanceOf(SmsUnavailable);
    } finally {
      await sms.setDown(false);
    }
    await expect(sendSms("+31633333333", "Hoi")).resolves.toMatchObject({ id: expect.stringMatching(/^SM/) });
    expect(sms.messages.filter((s) => s.to === "+31633333333")).toHaveLength(1);
  });
});

const base = {
  to: "noor@example.nl",
  locale: "nl" as const,
  merchant: "Koffiebar <De Hoek>",
  title: "Nieuw: havermelk",
  body: "Vanaf vandaag hebben we havermelk.\nProbeer hem eens!\n\nTot snel.",
  link: "https://dehoek.example/menu",
  cardUrl: "http://localhost:3000/c/kaart-token",
};

describe("the message email", () => {
  it("marketing: title, paragraphs, link button, card link and an unsubscribe link, with the one-click headers", async () => {
    const url = unsubscribeUrl(m.org.id, m.histories[0].customer.id);
    expect(url).toMatch(/\/u\/1\.[^/]+$/);
    const mail = await messageEmail({ ...base, unsubscribeUrl: url });
    expect(mail.subject).toBe("Nieuw: havermelk");
    expect(mail.html).toContain("Koffiebar &lt;De Hoek&gt;");
    expect(mail.html).toContain('href="https://dehoek.example/menu"');
    expect(mail.html).toContain('href="http://localhost:3000/c/kaart-token"');
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toMatch(/Vanaf vandaag hebben we havermelk\.<br\/?>Probeer hem eens!/);
    expect(mail.text).toContain("Bekijk je kaart");
    expect(mail.text).toContain("Afmelden");
    expect(mail.text).toContain(url);
    expect(mail.headers).toEqual({ "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("service: no unsubscribe link and no List-Unsubscribe header; English texts for an English customer", async () => {
    const mail = await messageEmail({ ...base, locale: "en", link: null, unsubscribeUrl: null });
    expect(mail.html).not.toContain("/u/");
    expect(mail.text).not.toMatch(/Unsubscribe|Afmelden/);
    expect(mail.headers).toBeUndefined();
    expect(mail.text).toContain("View your card");
    expect(mail.text).toContain("because you have a stamp card at Koffiebar <De Hoek>");
    expect(mail.html).not.toContain("More information");
  });

  it("the List-Unsubscribe headers reach the mail server (the outbox keeps the email itself)", () =>
    withSmtp(async (smtp) => {
      const url = unsubscribeUrl(m.org.id, m.histories[0].customer.id);
      const id = `test-message-${Date.now()}`;
      await expect(sendEmailOnce(id, () => messageEmail({ ...base, to: "headers@example.nl", unsubscribeUrl: url }))).resolves.toBe("sent");
      const [mail] = smtp.to("headers@example.nl");
      const head = mail.raw.slice(0, mail.raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
      expect(head).toContain(`List-Unsubscribe: <${url}>`);
      expect(head).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(mail.subject).toBe("Nieuw: havermelk");
      expect(await db().outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ to: "headers@example.nl", sentAt: expect.any(Date) });
    }));
});

describe("a batch of emails (sendEmailsOnce, the send engine's email channel)", () => {
  it("writes and sends each new email once, sends a stored unsent one, and reports the rest per id", () =>
    withSmtp(async (smtp) => {
      const id = (k: string) => `test-batch-${k}-${Date.now()}`;
      const [fresh, empty, broken, sent, stored] = ["fresh", "empty", "broken", "sent", "stored"].map(id);
      const email = (to: string) => async () => ({ to, subject: "Batch", text: `Hallo ${to}` });
      await sendEmailOnce(sent, email("sent@example.nl"));
      await db().outboxEmail.create({ data: { id: stored, to: "stored@example.nl", subject: "Stored", text: "Kept from an earlier run", transport: "smtp" } });
      const built: string[] = [];
      const items = [
        { id: fresh, build: () => (built.push(fresh), email("fresh@example.nl")()) },
        { id: empty, build: async () => (built.push(empty), null) },
        { id: broken, build: async () => (built.push(broken), Promise.reject(new Error("template broke"))) },
        { id: sent, build: async () => (built.push(sent), email("again@example.nl")()) },
        { id: stored, build: async () => (built.push(stored), email("rebuilt@example.nl")()) },
      ];
      const first = await sendEmailsOnce(items, 3);
      expect(Object.fromEntries([...first].map(([k, v]) => [k, v instanceof Error ? v.message : v]))).toEqual({
        [fresh]: "sent",
        [empty]: "nothingToSend",
        [broken]: "template broke",
        [sent]: "alreadySent",
        [stored]: "sent",
      });
      // Only new ids are built: a stored email is sent as it was written.
      expect(built).toEqual([fresh, empty, broken]);
      expect(smtp.to("stored@example.nl").map((m) => m.subject)).toEqual(["Stored"]);
      expect(smtp.to("rebuilt@example.nl")).toEqual([]);
      // Again (a retried job): nothing is sent twice.
      const again = await sendEmailsOnce(items, 3);
      expect([again.get(fresh), again.get(stored), again.get(sent)]).toEqual(["alreadySent", "alreadySent", "alreadySent"]);
      expect(smtp.to("fresh@example.nl")).toHaveLength(1);
      expect(smtp.to("sent@example.nl")).toHaveLength(1);
      expect(smtp.to("again@example.nl")).toEqual([]);
    }));
});

describe("a batch shares its SMTP connections", () => {
  it("sends 12 emails over at most 3 connections (one per lane)", () =>
    withSmtp(async (smtp) => {
      const ids = Array.from({ length: 12 }, (_, i) => `test-pool-${i}-${Date.now()}`);
      const results = await sendEmailsOnce(
        ids.map((id, i) => ({ id, build: async () => ({ to: `pool${i}@example.nl`, subject: "Pool", text: "Hallo" }) })),
        3,
      );
      expect([...results.values()]).toEqual(ids.map(() => "sent"));
      expect(smtp.received).toHaveLength(12);
      expect(smtp.connections).toBeGreaterThan(0);
      expect(smtp.connections).toBeLessThanOrEqual(3);
    }));
});

describe("unsubscribing without signing in", () => {
  const customer = () => m.histories[1].customer;
  const tokenOf = (orgId: string, customerId: string) => unsubscribeToken(orgId, customerId);
  const call = (method: "GET" | "POST", token: string, opts: { body?: string; type?: string; query?: string; ip?: string } = {}) => {
    const req = new Request(`http://localhost/u/${token}${opts.query ?? ""}`, {
      method,
      body: opts.body,
      headers: {
        [PEER_HEADER]: opts.ip ?? `10.77.0.${++peer}`,
        ...(opts.body !== undefined ? { "content-type": opts.type ?? "application/x-www-form-urlencoded" } : {}),
      },
    });
    return (method === "GET" ? unsubscribeRoute.GET : unsubscribeRoute.POST)(req, { params: Promise.resolve({ token }) });
  };
  const state = (id: string) =>
    db().customer.findUniqueOrThrow({ where: { id }, select: { marketingConsent: true, marketingConsentAt: true, unsubscribedAt: true } });
  const audit = (id: string) => db().auditEvent.findMany({ where: { subjectType: "customer", subjectId: id }, orderBy: { createdAt: "asc" } });

  it("the token names the organization and customer, signed; any change to it is refused", () => {
    const token = tokenOf(m.org.id, customer().id);
    expect(readUnsubscribeToken(token)).toEqual({ orgId: m.org.id, customerId: customer().id });
    const [v, org, cust, mac] = token.split(".");
    expect(readUnsubscribeToken(`${v}.${org}.${other.histories[0].customer.id}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(`${v}.${other.org.id}.${cust}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(`2.${org}.${cust}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(`${token}x`)).toBeNull();
    expect(readUnsubscribeToken("")).toBeNull();
  });

  it("GET shows the question and one button, and changes nothing (link scanners open links)", async () => {
    const before = await state(customer().id);
    expect(before.marketingConsent).toBe(true);
    const res = await call("GET", tokenOf(m.org.id, customer().id));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const page = await res.text();
    expect(page).toContain("Wil je geen berichten meer van Koffiebar De Hoek?");
    expect(page).toContain('data-testid="unsubscribe-unsubscribe"');
    expect(page).toContain(`action="/u/${tokenOf(m.org.id, customer().id)}"`);
    expect(page).toContain('<meta name="robots" content="noindex" />');
    expect(await state(customer().id)).toEqual(before);
    expect(await audit(customer().id)).toEqual([]);
  });

  it("the button unsubscribes: consent off, unsubscribedAt set (when consent was given stays), an audit event; then 'Je bent afgemeld' with the undo", async () => {
    const token = tokenOf(m.org.id, customer().id);
    const before = await state(customer().id);
    const res = await call("POST", token, { body: "do=unsubscribe" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/u/${token}?status=done`);
    const after = await state(customer().id);
    expect(after.marketingConsent).toBe(false);
    expect(after.unsubscribedAt).toBeInstanceOf(Date);
    expect(after.marketingConsentAt).toEqual(before.marketingConsentAt);
    expect(await audit(customer().id)).toMatchObject([
      { action: "customer.unsubscribe", actorUserId: null, organizationId: m.org.id, details: { via: "page" } },
    ]);

    const done = await (await call("GET", token, { query: "?status=done" })).text();
    expect(done).toContain("Je bent afgemeld");
    expect(done).toContain("Toch weer aanmelden");
    // Opened again later: "Je was al afgemeld"; pressing again changes nothing more.
    expect(await (await call("GET", token)).text()).toContain("Je was al afgemeld");
    const again = await call("POST", token, { body: "do=unsubscribe" });
    expect(again.headers.get("location")).toBe(`/u/${token}?status=already`);
    expect(await audit(customer().id)).toHaveLength(1);
    expect((await state(customer().id)).unsubscribedAt).toEqual(after.unsubscribedAt);
  });

  it("'Toch weer aanmelden' undoes it: consent again, given now, audited", async () => {
    const token = tokenOf(m.org.id, customer().id);
    const res = await call("POST", token, { body: "do=resubscribe" });
    expect(res.headers.get("location")).toBe(`/u/${token}?status=back`);
    const s = await state(customer().id);
    expect(s).toMatchObject({ marketingConsent: true, unsubscribedAt: null });
    expect(Date.now() - s.marketingConsentAt!.getTime()).toBeLessThan(60_000);
    expect((await audit(customer().id)).map((a) => a.action)).toEqual(["customer.unsubscribe", "customer.resubscribe"]);
    expect(await (await call("GET", token, { query: "?status=back" })).text()).toContain("Je bent weer aangemeld");
    // "done" in the address does not claim what the record does not say.
    expect(await (await call("GET", token, { query: "?status=done" })).text()).toContain("Wil je geen berichten meer");
  });

  it("one-click (RFC 8058): a POST of List-Unsubscribe=One-Click unsubscribes and answers 200 without a page, urlencoded or multipart", async () => {
    const id = m.histories[0].customer.id;
    const res = await call("POST", tokenOf(m.org.id, id), { body: "List-Unsubscribe=One-Click" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("Afgemeld.");
    expect(await state(id)).toMatchObject({ marketingConsent: false, unsubscribedAt: expect.any(Date) });
    expect(await audit(id)).toMatchObject([{ action: "customer.unsubscribe", details: { via: "oneClick" } }]);

    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const multipart = new Request("http://localhost/x", { method: "POST", body: form });
    const id2 = other.histories[0].customer.id;
    const res2 = await call("POST", tokenOf(other.org.id, id2), {
      body: await multipart.text(),
      type: multipart.headers.get("content-type")!,
    });
    expect(res2.status).toBe(200);
    expect(await state(id2)).toMatchObject({ marketingConsent: false });
  });

  it("a forged or broken link is a clear 4xx page and changes nothing; a valid link of a customer of another merchant finds no one", async () => {
    const token = tokenOf(m.org.id, customer().id);
    const forged = `${token.slice(0, -4)}AAAA`;
    const before = await state(customer().id);
    for (const res of [await call("GET", forged), await call("POST", forged, { body: "do=unsubscribe" }), await call("GET", "zomaar")]) {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Deze link werkt niet");
    }
    const oneClick = await call("POST", forged, { body: "List-Unsubscribe=One-Click" });
    expect(oneClick.status).toBe(400);
    expect(await state(customer().id)).toEqual(before);
    // Signed by us for an organization the customer is not in: row-level security finds nobody.
    const elsewhere = other.histories[0].customer.id;
    const wrong = await call("POST", tokenOf(m.org.id, elsewhere), { body: "do=resubscribe" });
    expect(wrong.status).toBe(404);
    expect(await state(elsewhere)).toMatchObject({ marketingConsent: false });
  });

  it("the page is in the customer's language; an unknown action or body is a 4xx, never a 500", async () => {
    const id = m.histories[0].customer.id;
    await db().customer.update({ where: { id }, data: { locale: "en" } });
    expect(await (await call("GET", tokenOf(m.org.id, id))).text()).toContain("You had already unsubscribed");
    const token = tokenOf(m.org.id, customer().id);
    expect((await call("POST", token, { body: "do=iets" })).status).toBe(400);
    expect((await call("POST", token, { body: "{}", type: "application/json" })).status).toBe(415);
  });

  it("is rate-limited per address", async () => {
    const token = tokenOf(m.org.id, customer().id);
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await call("GET", token, { ip: "10.78.0.1" })).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await call("GET", token, { ip: "10.78.0.1" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.text()).toContain("Even te veel pogingen");
  });
});
