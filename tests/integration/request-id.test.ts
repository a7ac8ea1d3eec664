// Request ids end to end (lib/log/request-context.ts): a stamp over HTTP (the
// production request listener) gets an id — the caller's valid X-Request-Id or
// a new one — echoed in the response; the APNs push job it queues carries it,
// and the worker's log lines for that job and its delivery to the local APNs
// stand-in carry it too; so do a webhook event its trigger wrote and that
// webhook's delivery. The JSON log lines are captured from pino itself.
import { randomBytes, randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as registrationRoute from "@/app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]/route";
import { ownerDb as db } from "@/lib/db/owner";
import { startWorkers } from "@/lib/jobs/worker";
import { appleConfig } from "@/lib/wallet/apple/config";
import { apnsClient } from "@/lib/wallet/apple/push-updates";
import { createEndpoint, deleteEndpoint } from "@/lib/webhooks/endpoints";
import { startLocalApnsFor, type LocalApns } from "@/scripts/lib/local-apns";
import { startLocalWebhookReceiver, type LocalWebhookReceiver } from "@/scripts/lib/local-webhook-receiver";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";
import { startTabletServer, type TabletServer } from "./tablet-http";

type Line = Record<string, unknown> & { msg?: string; requestId?: string };
const { lines } = vi.hoisted(() => ({ lines: [] as Line[] }));

// The app's logger as it is (its request-id mixin included), writing its JSON lines here, at debug level.
vi.mock("@/lib/log/logger", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/log/logger")>();
  return { ...original, logger: original.createLogger({ write: (s: string) => void lines.push(JSON.parse(s) as Line) }, "debug") };
});

let api: TabletServer;
let apns: LocalApns;
let receiver: LocalWebhookReceiver;
let boss: PgBoss;
let m: Merchant;
let session: string;

beforeAll(async () => {
  process.env.JOBS_POLL_SECONDS = "0.5";
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  receiver = await startLocalWebhookReceiver();
  apns = await startLocalApnsFor(appleConfig());
  process.env.APNS_URL = apns.url;
  api = await startTabletServer();
  m = await makeMerchant("Verzoek Koffie", { customers: 0 });
  session = (await tablet(m, "1357")).sessionToken;
  boss = await startWorkers();
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  apnsClient()?.close();
  await apns?.close();
  await receiver?.close();
  await api?.close();
});

/** A card on an iPhone (registered through Apple's web-service route): each stamp queues an APNs push. */
async function cardOnIphone() {
  const card = await newCard(m);
  const passTypeId = appleConfig().passTypeIdentifier;
  const deviceId = randomBytes(16).toString("hex");
  const pushToken = randomBytes(32).toString("hex");
  const res = await registrationRoute.POST(
    new Request(`http://localhost/api/apple/v1/devices/${deviceId}/registrations/${passTypeId}/${card.serial}`, {
      method: "POST",
      headers: { authorization: `ApplePass ${card.authToken}` },
      body: JSON.stringify({ pushToken }),
    }),
    { params: Promise.resolve({ deviceId, passTypeId, serial: card.serial }) },
  );
  expect(res.status).toBe(201);
  return { card, pushToken };
}

const stamp = (serial: string, headers: Record<string, string> = {}) =>
  fetch(`${api.base}/api/tablet/actions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session}`, ...headers },
    body: JSON.stringify({ kind: "stamp", amount: 1, serial, idempotencyKey: randomUUID() }),
  });

async function waitForLine(match: (l: Line) => boolean, what: string, timeoutMs = 15_000): Promise<Line> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = lines.find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no log line: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("request ids, request → job → delivery", () => {
  it("a stamp's id (the caller's) is echoed, carried by its push job, and on the worker's job and APNs delivery lines", async () => {
    const { card, pushToken } = await cardOnIphone();
    const id = `till-7-${randomBytes(6).toString("hex")}`;
    const res = await stamp(card.serial, { "x-request-id": id });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe(id);

    // The job row carries it (until the worker has taken and completed it, pg-boss keeps its data).
    const jobs = await db().$queryRaw<{ data: { requestId?: string; cardId: string } }[]>`
      SELECT data FROM pgboss.job WHERE name = 'apple-card-changed' AND data->>'cardId' = ${card.id}`;
    expect(jobs.map((j) => j.data.requestId)).toContain(id);

    await apns.waitForPush(pushToken);
    const delivery = await waitForLine((l) => l.msg === "APNs pushes delivered" && l.requestId === id, "APNs delivery with the stamp's id");
    expect(delivery).toMatchObject({ orgId: m.org.id, sent: 1 });
    await waitForLine((l) => l.msg === "job done" && l.job === "apple-card-changed" && l.requestId === id, "the job's own line with the stamp's id");
    // Nothing else was logged under it by another request.
    expect(lines.filter((l) => l.requestId === id).every((l) => l.orgId === undefined || l.orgId === m.org.id)).toBe(true);
  });

  it("without a (valid) X-Request-Id the request gets a new one, and that one reaches the delivery", async () => {
    const { card, pushToken } = await cardOnIphone();
    const ids: string[] = [];
    for (const sent of [undefined, "bad id with spaces", "x".repeat(200)]) {
      const res = await stamp(card.serial, sent ? { "x-request-id": sent } : {});
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.push(res.headers.get("x-request-id")!);
    }
    expect(new Set(ids).size).toBe(3);
    await apns.waitForPush(pushToken);
    // One push job per card while one waits: the delivery carries the id of the stamp that queued it.
    await waitForLine((l) => l.msg === "APNs pushes delivered" && ids.includes(l.requestId ?? ""), "a generated id on the delivery");
  });

  it("a stamp's webhook event records its id (written by a trigger), and the delivery's job and log line carry it", async () => {
    const endpoint = await createEndpoint(m.ctx("MANAGER"), { url: receiver.url, description: null, events: ["card.stamped"] });
    try {
      const card = await newCard(m);
      const id = `till-8-${randomBytes(6).toString("hex")}`;
      expect((await stamp(card.serial, { "x-request-id": id })).status).toBe(200);
      const [event] = await db().webhookEvent.findMany({ where: { organizationId: m.org.id, type: "card.stamped" }, orderBy: { createdAt: "desc" }, take: 1 });
      expect(event.requestId).toBe(id);
      const [received] = await receiver.waitFor(1);
      expect(received.headers["webhook-id"]).toBe(event.id);
      await waitForLine((l) => l.msg === "webhook delivered" && l.requestId === id, "the webhook delivery with the stamp's id");
      // A write outside any request records none.
      const [quiet] = await db().$queryRawUnsafe<{ requestId: string | null }[]>(
        `INSERT INTO "WebhookEvent" (id, "organizationId", type, payload) VALUES ($1, $2, 'test', '{}') RETURNING "requestId"`,
        `msg_${randomUUID().replace(/-/g, "")}`,
        m.org.id,
      );
      expect(quiet.requestId).toBeNull();
    } finally {
      await deleteEndpoint(m.ctx("MANAGER"), endpoint.id);
    }
  });

  it("every answer of the listener has one, also errors and paths it hands to Next", async () => {
    const refused = await fetch(`${api.base}/api/tablet/actions`, { method: "POST", body: "{oops" });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const handedOn = await fetch(`${api.base}/api/tablet/cards`, { headers: { "x-request-id": "next-route-0001" } });
    expect(handedOn.headers.get("x-request-id")).toBe("next-route-0001");
  });
});
