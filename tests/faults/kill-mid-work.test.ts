// Issue 18 § Faults: kill -9 the app and the worker while a campaign is being
// sent (local APNs, Google Wallet and SMTP stand-ins), while webhook deliveries
// are being retried (the receiver fails first, then recovers) and while a CSV
// import runs; start both again. Everything is delivered or imported, nothing
// twice in the database. What reached the stand-ins twice is measured and
// printed (at-least-once between "sent" and "recorded"), not hidden.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliveryStatuses, reached, seedAudience, webhooksById } from "./campaign";
import { startCluster, until, type Cluster, stopClusterAndClients } from "./cluster";

const APPLE = 500;
const GOOGLE = 500;
const EMAIL = 500;
const RECIPIENTS = APPLE + GOOGLE + EMAIL;
const IMPORT_ROWS = 8000;
const STAMPS = 60;
let c: Cluster;
let orgId: string;
let ctx: import("@/lib/tenancy/context").TenantContext;
let sessionToken: string;
let programId: string;
let stampSerial: string;

beforeAll(async () => {
  // A killed worker's job comes back when it expires (pg-boss, JOBS_EXPIRE_SECONDS): 20 s here instead of 6 minutes.
  c = await startCluster({ apps: 1, workers: 1, jobExpireSeconds: 20 });
  const { makeMerchant, newCard, tablet } = await import("../integration/helpers");
  const m = await makeMerchant("Stroomuitval Koffie", { customers: 0 });
  orgId = m.org.id;
  ctx = m.ctx("OWNER");
  programId = m.program.id;
  await c.query(`UPDATE "CardProgram" SET "maxStampsPerVisit" = 100000, "maxStampsPerDay" = 100000 WHERE id = $1`, [programId]);
  await seedAudience(c, orgId, programId, { apple: APPLE, google: GOOGLE, email: EMAIL });
  sessionToken = (await tablet(m, "1357")).sessionToken;
  stampSerial = (await newCard(m, "Vaste klant")).serial;
}, 180_000);

afterAll(() => stopClusterAndClients(c));

it("delivers and imports everything after kill -9 of the app and the worker, nothing twice in the database", async () => {
  const { createCampaign } = await import("@/lib/messages/campaigns");
  const { createEndpoint } = await import("@/lib/webhooks/endpoints");
  const { uploadImport, dryRunImport, startImport } = await import("@/lib/customers/import/imports");
  const { applyCardAction } = await import("@/lib/stamping/card-action");
  const { BATCH_SIZE } = await import("@/lib/messages/send");
  await c.ready;
  // JOBS_EXPIRE_SECONDS is on every queue (lib/jobs/queue.ts ensureJobSchema, as the release step sets it).
  expect(await c.query(`SELECT DISTINCT expire_seconds FROM pgboss.queue`)).toEqual([{ expire_seconds: 20 }]);

  // Webhooks: an endpoint that fails (500) until the restart.
  c.hooks.respond({ kind: "status", status: 500 });
  await createEndpoint(ctx, { url: c.hooks.url, description: null, events: ["card.stamped"] });
  for (let i = 0; i < STAMPS; i++)
    await applyCardAction(sessionToken, { kind: "stamp", amount: 1, serial: stampSerial, idempotencyKey: `kill-${i}-${randomBytes(4).toString("hex")}` });

  // The import (a few thousand new customers, written in batches of 2,000) and the campaign (a slow mail server: the
  // send takes a while) start together.
  const csv = ["Naam;E-mail", ...Array.from({ length: IMPORT_ROWS }, (_, i) => `Import ${i};import${i}@faults.example.nl`)].join("\r\n");
  const up = await uploadImport(ctx, { fileName: "klanten.csv", bytes: new TextEncoder().encode(csv) });
  await dryRunImport(ctx, up.id, { mapping: up.guess, programId });
  c.smtp.delayMs = 100;
  const campaign = await createCampaign(
    { ...ctx, role: "MANAGER" },
    { name: "Storing", titleNl: "Hoi {naam}", bodyNl: "Tot snel!", audience: { kind: "all" } },
  );
  await startImport(ctx, up.id);

  // Killed mid-work: the campaign's deliveries claimed (some maybe recorded), the import part-way, webhook attempts failing.
  const progress = async () => ({
    claimed: await c.count(`SELECT count(*)::int AS n FROM "Delivery" WHERE "campaignId" = $1 AND status <> 'QUEUED'`, [campaign.id]),
    delivered: await c.count(`SELECT count(*)::int AS n FROM "Delivery" WHERE "campaignId" = $1 AND status = 'DELIVERED'`, [campaign.id]),
    imported: await c.count(`SELECT processed AS n FROM "CustomerImport" WHERE id = $1`, [up.id]),
    failedHooks: await c.count(`SELECT count(*)::int AS n FROM "WebhookDelivery" WHERE status = 'FAILED'`),
  });
  const at = await until("work under way", progress, (v) => v.claimed > 0 && v.imported > 0 && v.imported < IMPORT_ROWS && v.failedHooks > 0, 60_000, 50);
  await Promise.all([...c.apps, ...c.workers].map((p) => p.kill()));
  const before = { pushes: c.apns.pushes.length, mails: c.smtp.received.length };
  const okSince = Date.now();
  c.hooks.respond({ kind: "ok" });
  c.smtp.delayMs = 0;
  await Promise.all([...c.apps, ...c.workers].map((p) => p.start()));

  // Everything finishes (on a timeout: where the jobs and rows stand).
  const state = async () =>
    JSON.stringify({
      jobs: await c.query(
        `SELECT name, state, retry_count, started_on, expire_in::text FROM pgboss.job WHERE name IN ('campaign-send', 'customer-import', 'webhook-deliver') AND state <> 'completed' ORDER BY name LIMIT 20`,
      ),
      deliveries: await c.query(`SELECT status, left(error, 80) AS error, count(*)::int AS n FROM "Delivery" GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 8`),
      import: await c.query(`SELECT status, processed FROM "CustomerImport"`),
      hooks: await c.query(`SELECT status, count(*)::int AS n FROM "WebhookDelivery" GROUP BY status`),
    });
  const report = setTimeout(() => void state().then((s) => console.log(`[kill-mid-work] 50 s after the restart: ${s}`)), 50_000);
  await until(
    "campaign sent",
    () => c.query<{ status: string }>(`SELECT status FROM "Campaign" WHERE id = $1`, [campaign.id]),
    (r) => r[0]?.status === "SENT",
    70_000,
    250,
  );
  await until(
    "import done",
    () => c.query<{ status: string }>(`SELECT status FROM "CustomerImport" WHERE id = $1`, [up.id]),
    (r) => r[0]?.status === "DONE",
    60_000,
    250,
  );
  await until(
    "every webhook event delivered",
    () =>
      c.count(`SELECT count(*)::int AS n FROM "WebhookEvent" e WHERE e.type = 'card.stamped'
               AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = e.id AND d.status = 'SUCCEEDED')`),
    (n) => n === 0,
    60_000,
    250,
  );

  clearTimeout(report);
  // Database: one Delivery per recipient, each delivered (customers without consent, as the regular and the imported ones
  // the plan may have found: none delivered); one customer per imported row; one success per event.
  expect(await deliveryStatuses(c, campaign.id)).toEqual({ audience: [{ status: "DELIVERED", n: RECIPIENTS }], delivered: RECIPIENTS, perCustomer: 1 });
  const imp = (
    await c.query<{ imported: number; failed: number; processed: number }>(`SELECT imported, failed, processed FROM "CustomerImport" WHERE id = $1`, [up.id])
  )[0];
  expect(imp).toEqual({ imported: IMPORT_ROWS, failed: 0, processed: IMPORT_ROWS });
  expect(await c.count(`SELECT count(*)::int AS n FROM "Customer" WHERE "organizationId" = $1 AND email LIKE 'import%@faults.example.nl'`, [orgId])).toBe(
    IMPORT_ROWS,
  );
  expect(
    await c.count(`SELECT count(*)::int AS n FROM "Card" k JOIN "Customer" u ON u.id = k."customerId" WHERE u.email LIKE 'import%@faults.example.nl'`),
  ).toBe(IMPORT_ROWS);
  const events = await c.query<{ id: string; ok: number }>(
    `SELECT e.id, count(d.id) FILTER (WHERE d.status = 'SUCCEEDED')::int AS ok FROM "WebhookEvent" e LEFT JOIN "WebhookDelivery" d ON d."eventId" = e.id
      WHERE e.type = 'card.stamped' GROUP BY e.id`,
  );
  expect(events).toHaveLength(STAMPS);
  expect(events.filter((e) => e.ok !== 1)).toEqual([]);

  // Outside: every recipient reached; what reached a stand-in twice is measured.
  const out = await reached(c, orgId, campaign.id);
  expect({ tokensMissed: out.tokensMissed, googleMessages: out.googleMessages, emails: out.emails }).toEqual({
    tokensMissed: [],
    googleMessages: GOOGLE,
    emails: EMAIL,
  });
  const okHooks = webhooksById(c, okSince);
  const duplicates = { ...out.duplicates, webhookEventsAnsweredOkTwice: [...okHooks.values()].filter((n) => n > 1).length };
  // Which copies came before the kill and which after: a duplicate with both copies after the restart is not the kill's.
  const seen = (keys: string[]) => {
    const n = new Map<string, number>();
    for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
    return n;
  };
  const pre = seen(c.apns.pushes.slice(0, before.pushes).map((p) => p.token));
  const post = seen(c.apns.pushes.slice(before.pushes).map((p) => p.token));
  const mid = (r: { raw: string }) => /^Message-ID:\s*<([^@>]+)@/im.exec(r.raw)?.[1] ?? "";
  const preMail = seen(c.smtp.received.slice(0, before.mails).map(mid));
  const postMail = seen(c.smtp.received.slice(before.mails).map(mid));
  const split = (a: Map<string, number>, b: Map<string, number>) => ({
    beforeAndAfter: [...b.keys()].filter((k) => a.has(k)).length,
    twiceBefore: [...a.values()].filter((n) => n > 1).length,
    twiceAfter: [...b.values()].filter((n) => n > 1).length,
  });
  const copies = { pushes: split(pre, post), mails: split(preMail, postMail) };
  if (process.env.FAULTS_VERBOSE)
    console.log(
      JSON.stringify(
        await c.query(
          `SELECT id, state, retry_count, created_on, started_on, completed_on, singleton_key, policy, output FROM pgboss.job WHERE name = 'campaign-send' ORDER BY created_on`,
        ),
      ),
    );
  console.log(
    JSON.stringify({ test: "kill-mid-work", killedAt: at, recipients: RECIPIENTS, importRows: IMPORT_ROWS, webhookEvents: STAMPS, duplicates, copies }),
  );
  // Every second copy is the kill's (one before, one after): a live run never sent anything twice (lib/jobs/run-lock.ts).
  expect([copies.pushes.twiceBefore, copies.pushes.twiceAfter, copies.mails.twiceBefore, copies.mails.twiceAfter]).toEqual([0, 0, 0, 0]);
  // At least once, within what was in flight at the kill: Google dedupes by message id (the delivery's id): never two on
  // one pass; a push is sent again only for the batch whose outcomes were not recorded yet (at most BATCH_SIZE; a second
  // push only makes the device fetch the pass again); an email again only if it was being sent (8 at a time; the
  // receiver can dedupe on its Message-ID). Webhooks: no kill while the receiver accepted them.
  expect(duplicates.googleMessages).toBe(0);
  expect(duplicates.apnsPushes).toBeLessThanOrEqual(BATCH_SIZE);
  expect(duplicates.emails).toBeLessThanOrEqual(8);
  expect(duplicates.webhookEventsAnsweredOkTwice).toBe(0);
});
