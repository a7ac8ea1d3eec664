// Issue 16 webhooks: events written in the change's transaction, delivered after
// commit by the job workers to a local receiver, signed so that the documented
// Node recipe verifies them; retries on 500 and on a timeout, redelivery, test
// events, switching off after persistent failure (email + audit), SSRF refusals.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { startWorkers } from "@/lib/jobs/worker";
import { applyCardAction } from "@/lib/stamping/card-action";
import { createEndpoint, deleteEndpoint, listDeliveries, redeliver, sendTestEvent, setEndpointEnabled, updateEndpoint } from "@/lib/webhooks/endpoints";
import { isPublicAddress, postGuarded } from "@/lib/webhooks/ssrf";
import { startLocalWebhookReceiver, type LocalWebhookReceiver } from "@/scripts/lib/local-webhook-receiver";
import { appError, makeMerchant, newCard, tablet, type Merchant } from "./helpers";

const recipe = readFileSync("docs/integrations/webhooks.md", "utf8").match(/<!-- verify-node:start -->\s*```js\n([\s\S]*?)```/)![1];
const verifyStempelWebhook = new Function("require", `${recipe}\nreturn verifyStempelWebhook;`)(createRequire(import.meta.url)) as (
  secret: string,
  headers: Record<string, string>,
  body: string,
) => boolean;

let m: Merchant;
let receiver: LocalWebhookReceiver;
let boss: PgBoss | null = null;
let sessionToken: string;

beforeAll(async () => {
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  process.env.WEBHOOKS_RETRY_SCHEDULE = "0.2,0.2";
  process.env.WEBHOOKS_TIMEOUT_SECONDS = "1";
  process.env.JOBS_POLL_SECONDS = "0.5";
  process.env.JOBS_RETRY_DELAY_SECONDS = "1";
  receiver = await startLocalWebhookReceiver();
  m = await makeMerchant("Koffie Webhook", { customers: 1 });
  sessionToken = (await tablet(m, "4711")).sessionToken;
  boss = await startWorkers();
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await receiver.close();
});

const stamp = (serial: string, amount = 1) => applyCardAction(sessionToken, { kind: "stamp", amount, serial, idempotencyKey: crypto.randomUUID() });
const events = (type?: string) => db().webhookEvent.findMany({ where: { organizationId: m.org.id, ...(type ? { type } : {}) }, orderBy: { createdAt: "asc" } });
const dispatchJobs = async () =>
  (
    await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-dispatch' AND data->>'orgId' = $1`, m.org.id)
  )[0].n;
async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const body = (i: number) =>
  JSON.parse(receiver.received[i].body) as { id: string; type: string; version: number; timestamp: string; data: Record<string, unknown> };

describe("webhooks", () => {
  let endpoint: { id: string; secret: string };
  let card: Awaited<ReturnType<typeof newCard>>;

  it("writes no event (and queues nothing) while no endpoint wants it", async () => {
    card = await newCard(m, "Sanne");
    await stamp(card.serial);
    expect(await events()).toHaveLength(0);
    expect(await dispatchJobs()).toBe(0);
  });

  it("only owners and managers manage endpoints; input is checked", async () => {
    expect((await appError(createEndpoint(m.ctx("STAFF"), { url: receiver.url, description: null, events: ["card.stamped"] }))).code).toBe("FORBIDDEN");
    process.env.WEBHOOKS_ALLOW_PRIVATE = "0";
    const e = await appError(createEndpoint(m.ctx("MANAGER"), { url: "http://hooks.example.com/x", description: null, events: ["card.stamped"] }));
    expect(e.fieldErrors).toEqual({ url: ["httpsRequired"] });
    process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  });

  it("delivers a stamp after commit, signed so that the documented Node recipe verifies it", async () => {
    endpoint = await createEndpoint(m.ctx("MANAGER"), {
      url: receiver.url,
      description: "Make",
      events: ["card.stamped", "reward.available", "customer.updated"],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    await stamp(card.serial, 2);
    const [r] = await receiver.waitFor(1);
    expect(verifyStempelWebhook(endpoint.secret, r.headers, r.body)).toBe(true);
    expect(verifyStempelWebhook(endpoint.secret, r.headers, r.body.replace("card.stamped", "card.stumped"))).toBe(false);
    expect(verifyStempelWebhook("whsec_" + Buffer.from("wrong").toString("base64"), r.headers, r.body)).toBe(false);
    const b = body(0);
    expect(b).toMatchObject({
      type: "card.stamped",
      version: 1,
      data: { event: { type: "STAMP", amount: 2 }, card: { id: card.id, serial: card.serial, stampCount: 3 } },
    });
    expect(r.headers["webhook-id"]).toBe(b.id);
    const log = await until(
      () => listDeliveries(m.ctx("MANAGER"), endpoint.id),
      (l) => l[0]?.status === "SUCCEEDED",
    );
    expect(log[0]).toMatchObject({ status: "SUCCEEDED", responseStatus: 200, attempt: 1 });
    expect(log[0].durationMs).toBeGreaterThanOrEqual(0);
    const audit = await db().auditEvent.findMany({ where: { organizationId: m.org.id, subjectType: "webhook" } });
    expect(audit.map((a) => a.action)).toEqual(["webhook.create"]);
  });

  it("sends reward.available with the stamp that completes a reward, and customer.updated", async () => {
    const before = receiver.received.length;
    const left = m.program.stampsRequired - 3;
    await stamp(card.serial, left);
    await db().customer.update({ where: { id: card.customerId }, data: { phone: "+31612345678" } });
    await receiver.waitFor(before + 3);
    const types = receiver.received
      .slice(before)
      .map((r) => JSON.parse(r.body).type)
      .sort();
    expect(types).toEqual(["card.stamped", "customer.updated", "reward.available"]);
    const updated = receiver.received
      .slice(before)
      .map((r) => JSON.parse(r.body))
      .find((x) => x.type === "customer.updated");
    expect(updated.data.customer).toMatchObject({ id: card.customerId, name: "Sanne", phone: "+31612345678" });
    // lastVisitAt (written by every stamp) is not a customer update.
    expect((await events("customer.updated")).length).toBe(1);
  });

  it("sends a test event and redelivers with the same webhook-id", async () => {
    const before = receiver.received.length;
    await sendTestEvent(m.ctx("MANAGER"), endpoint.id);
    await receiver.waitFor(before + 1);
    expect(JSON.parse(receiver.received[before].body).type).toBe("webhook.test");
    const [last] = await listDeliveries(m.ctx("MANAGER"), endpoint.id, 1);
    await redeliver(m.ctx("MANAGER"), last.id);
    await receiver.waitFor(before + 2);
    expect(receiver.received[before + 1].headers["webhook-id"]).toBe(receiver.received[before].headers["webhook-id"]);
  });

  it("retries on 500 and on a timeout, then switches the endpoint off with an email to the owner", async () => {
    const fresh = await newCard(m, "Retry");
    receiver.respond({ kind: "status", status: 500 });
    const before = receiver.received.length;
    await stamp(fresh.serial);
    await receiver.waitFor(before + 2);
    receiver.respond({ kind: "hang" });
    await receiver.waitFor(before + 3, 15_000);
    const log = await until(
      async () => (await listDeliveries(m.ctx("MANAGER"), endpoint.id)).filter((d) => d.eventId === receiver.received[before].headers["webhook-id"]),
      (l) => l.length === 3 && l.every((d) => d.status === "FAILED"),
    );
    const byAttempt = [...log].sort((a, b) => a.attempt - b.attempt);
    expect(byAttempt.map((d) => [d.attempt, d.responseStatus])).toEqual([
      [1, 500],
      [2, 500],
      [3, null],
    ]);
    expect(byAttempt[2].error).toMatch(/timeout/);
    expect(byAttempt[0].nextAttemptAt).not.toBeNull();
    expect(byAttempt[2].nextAttemptAt).toBeNull();
    expect(new Set(receiver.received.slice(before).map((r) => r.headers["webhook-id"])).size).toBe(1);
    const off = await until(
      () => db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
      (e) => !e.enabled,
    );
    expect(off).toMatchObject({ enabled: false, disabledReason: "failing" });
    const mail = await until(
      () => db().outboxEmail.findFirst({ where: { to: m.owner.email } }),
      (x) => x !== null,
    );
    expect(mail?.subject).toContain("Koffie Webhook");
    expect(await db().auditEvent.count({ where: { organizationId: m.org.id, action: "webhook.autoDisable" } })).toBe(1);
    // Switched off: a new stamp writes no event.
    const n = (await events()).length;
    await stamp(fresh.serial);
    expect((await events()).length).toBe(n);
    receiver.respond({ kind: "ok" });
    await setEndpointEnabled(m.ctx("OWNER"), endpoint.id, true);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toBeNull();
  });

  it("writes customer.enrolled, customer.deleted, survey.answered and campaign.finished in their changes", async () => {
    await updateEndpoint(m.ctx("MANAGER"), endpoint.id, {
      url: receiver.url,
      description: null,
      events: ["customer.enrolled", "customer.deleted", "survey.answered", "campaign.finished"],
    });
    const c = await newCard(m, "Joost");
    await db().surveyAnswer.create({ data: { organizationId: m.org.id, customerId: c.customerId, cardId: c.id, kind: "NPS", score: 9 } });
    const campaign = await db().campaign.create({
      data: { organizationId: m.org.id, name: "Herfst", titleNl: "Actie", bodyNl: "Tekst", audience: { kind: "all" } },
    });
    await db().campaign.update({ where: { id: campaign.id }, data: { status: "SENT", finishedAt: new Date() } });
    await db().customer.update({ where: { id: c.customerId }, data: { name: "", email: null, phone: null } });
    const types = (await events()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["customer.enrolled", "survey.answered", "campaign.finished", "customer.deleted"]));
    const enrolled = (await events("customer.enrolled"))[0];
    expect(enrolled.payload).toMatchObject({ customer: { id: c.customerId, name: "Joost" }, card: { id: c.id, stampCount: 0 } });
  });

  it("another merchant's endpoint is not found", async () => {
    const other = await makeMerchant("Ander", { customers: 0 });
    expect((await appError(sendTestEvent(other.ctx("OWNER"), endpoint.id))).code).toBe("NOT_FOUND");
    expect((await appError(deleteEndpoint(other.ctx("OWNER"), endpoint.id))).code).toBe("NOT_FOUND");
  });
});

describe("outbound requests refuse private addresses (SSRF)", () => {
  it("classifies addresses", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255"])
      expect(isPublicAddress(ip), ip).toBe(false);
    for (const ip of [
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "64:ff9b::7f00:1",
      "2002:7f00:1::1",
      "2001:db8::1",
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
    for (const ip of ["93.184.216.34", "8.8.8.8", "2a00:1450:4001:80b::200e", "::ffff:93.184.216.34"]) expect(isPublicAddress(ip), ip).toBe(true);
  });

  it("refuses loopback by literal and by name, every address of a name (rebinding), and a redirect to 127.0.0.1", async () => {
    const local = await startLocalWebhookReceiver("127.0.0.2");
    try {
      const strict = { timeoutMs: 2000 };
      expect((await postGuarded(receiver.url, {}, "{}", strict)).error).toMatch(/refused/);
      expect((await postGuarded(receiver.url.replace("127.0.0.1", "localhost"), {}, "{}", strict)).error).toMatch(/refused/);
      expect((await postGuarded("http://[::ffff:127.0.0.1]:9/x", {}, "{}", strict)).error).toMatch(/refused/);
      const rebinding = {
        timeoutMs: 2000,
        resolve: async () => [
          { address: "93.184.216.34", family: 4 },
          { address: "127.0.0.1", family: 4 },
        ],
      };
      expect((await postGuarded("http://hooks.example.com/x", {}, "{}", rebinding)).error).toMatch(/refused/);
      // 127.0.0.2 stands in for a public host here; its redirect to 127.0.0.1 must not be followed.
      const onlyTwo = { timeoutMs: 2000, allowed: (a: string) => a === "127.0.0.2" };
      const target = receiver.received.length;
      local.respond({ kind: "redirect", location: receiver.url });
      const r = await postGuarded(local.url, {}, "{}", onlyTwo);
      expect(r.error).toMatch(/refused/);
      expect(receiver.received.length).toBe(target);
      expect(local.received).toHaveLength(1);
      // A redirect to an allowed host is followed.
      local.respond({ kind: "redirect", location: local.url.replace("/hook", "/next") });
      const followed = await postGuarded(local.url, {}, "{}", { timeoutMs: 2000, allowed: (a: string) => a === "127.0.0.2" });
      expect(followed.error).toMatch(/redirects/);
    } finally {
      await local.close();
    }
  });
});
