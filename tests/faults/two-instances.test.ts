// Issue 18 § Scale-out: two app instances and two workers on one database, as
// behind a load balancer. The same tap sent to both instances lands once; the
// PIN lockout counts wrong PINs typed through either; a campaign, webhook events
// and an import are each worked off exactly once although both workers run.
import os from "node:os";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliveryStatuses, reached, seedAudience, webhooksById } from "./campaign";
import { inLanes, startCluster, until, type Cluster, stopClusterAndClients } from "./cluster";
import { call, newDeviceToken, newKey, pairAndUnlock, type Tablet } from "./tablets";

const AUDIENCE = { apple: 200, google: 200, email: 200 };
const RECIPIENTS = AUDIENCE.apple + AUDIENCE.google + AUDIENCE.email;
const IMPORT_ROWS = 3000;
const TAPS = 40;
let c: Cluster;
let m: import("../integration/helpers").Merchant;
let serials: string[];
let staffId: string;
let guardId: string;
const tablets: Tablet[] = [];

beforeAll(async () => {
  c = await startCluster({ apps: 2, workers: 2 });
  const { makeMerchant, newCard, addMember } = await import("../integration/helpers");
  const { ownerDb: db } = await import("@/lib/db/owner");
  const { setPin } = await import("@/lib/stamping/devices");
  m = await makeMerchant("Twee Koffie", { customers: 0 });
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 100_000, maxStampsPerDay: 100_000 } });
  await seedAudience(c, m.org.id, m.program.id, AUDIENCE);
  serials = (await inLanes([...Array(5).keys()], 3, (i) => newCard(m, `Vaste klant ${i}`))).map((card) => card.serial);
  // Two staff members: one stamps, the other's PIN is guessed (the lockout counts per person too).
  for (const [pin, set] of [
    ["2468", (id: string) => (staffId = id)],
    ["1357", (id: string) => (guardId = id)],
  ] as const) {
    const user = await addMember(m.org.id, "STAFF");
    const member = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: user.id } });
    await setPin(m.ctx("OWNER"), { membershipId: member.id, pin });
    set(member.id);
  }
  await c.ready;
  // One tablet paired through each instance.
  tablets.push(await pairAndUnlock(c.apps[0].url, m, staffId, "2468", 0), await pairAndUnlock(c.apps[1].url, m, staffId, "2468", 1));
}, 180_000);

afterAll(() => stopClusterAndClients(c));

it("works off one campaign, the webhooks and an import once with two workers, and stamps once through two instances", async () => {
  const { createCampaign } = await import("@/lib/messages/campaigns");
  const { createEndpoint } = await import("@/lib/webhooks/endpoints");
  const { uploadImport, dryRunImport, startImport } = await import("@/lib/customers/import/imports");
  const ctx = m.ctx("OWNER");
  // Each worker runs at the lowered CPU priority (WORKER_NICE, 10, or more if this runner was started with more) it logs when it is up.
  for (const w of c.workers) expect(Number(/"nice":(\d+).*"msg":"job workers running"/.exec(w.tail())?.[1])).toBe(Math.max(10, os.getPriority()));
  c.hooks.respond({ kind: "ok" });
  await createEndpoint(ctx, { url: c.hooks.url, description: null, events: ["card.stamped"] });
  const csv = ["Naam;E-mail", ...Array.from({ length: IMPORT_ROWS }, (_, i) => `Import ${i};import${i}@twee.example.nl`)].join("\r\n");
  const up = await uploadImport(ctx, { fileName: "klanten.csv", bytes: new TextEncoder().encode(csv) });
  await dryRunImport(ctx, up.id, { mapping: up.guess, programId: m.program.id });
  // The campaign and the import start; both workers are polling.
  const campaign = await createCampaign({ ...ctx, role: "MANAGER" }, { name: "Twee", titleNl: "Hoi {naam}", bodyNl: "Tot snel!", audience: { kind: "all" } });
  await startImport(ctx, up.id);

  // Meanwhile each tap goes to both instances at once, with the same key, and once more to the other one afterwards.
  const taps = await inLanes([...Array(TAPS).keys()], 2, async (i) => {
    const t = tablets[i % 2];
    const body = { kind: "stamp", amount: 1, serial: serials[i % serials.length], idempotencyKey: newKey() };
    const both = await Promise.all(c.apps.map((a) => call(a.url, "/api/tablet/actions", body, { token: t.sessionToken })));
    const again = await call(c.apps[i % 2].url, "/api/tablet/actions", body, { token: t.sessionToken });
    return { key: body.idempotencyKey, answers: [...both, again] };
  });
  for (const { answers } of taps) {
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const bodies = answers.map((a) => ("body" in a ? a.body : {}));
    expect(new Set(bodies.map((b) => b.eventId)).size).toBe(1);
    expect(bodies.filter((b) => b.replayed === false)).toHaveLength(1);
  }
  const keys = taps.map((t) => t.key);
  expect(await c.count(`SELECT count(*)::int AS n FROM "CardEvent" WHERE "organizationId" = $1 AND "idempotencyKey" = ANY($2::text[])`, [m.org.id, keys])).toBe(
    TAPS,
  );

  // The PIN lockout: wrong PINs typed alternately through the two instances count together (five free tries).
  const pad = await pairAndUnlock(c.apps[0].url, m, staffId, "2468", 2);
  let deviceToken = pad.deviceToken;
  const unlock = async (app: number, pin: string) => {
    const next = newDeviceToken();
    const a = await call(c.apps[app].url, "/api/tablet/unlock", { deviceToken, nextDeviceToken: next, memberId: guardId, pin }, { ip: pad.ip });
    if (a.status === 200) deviceToken = next;
    return a;
  };
  const wrong = [];
  for (let i = 0; i < 5; i++) wrong.push((await unlock(i % 2, "0000")).status);
  expect(wrong).toEqual([401, 401, 401, 401, 429]);
  // Locked on both instances, even with the right PIN.
  for (const app of [0, 1]) {
    const a = await unlock(app, "1357");
    expect(a.status).toBe(429);
    expect("body" in a && a.body.error).toBe("RATE_LIMITED");
  }

  // Everything worked off.
  await until(
    "campaign sent",
    () => c.query<{ status: string }>(`SELECT status FROM "Campaign" WHERE id = $1`, [campaign.id]),
    (r) => r[0]?.status === "SENT",
    60_000,
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

  // The campaign: one delivery per recipient, each reached exactly once (customers without consent, as the
  // regulars and the imported ones the plan may have found: none delivered).
  expect(await deliveryStatuses(c, campaign.id)).toEqual({ audience: [{ status: "DELIVERED", n: RECIPIENTS }], delivered: RECIPIENTS, perCustomer: 1 });
  const out = await reached(c, m.org.id, campaign.id);
  expect(out).toEqual({
    tokensMissed: [],
    googleMessages: AUDIENCE.google,
    emails: AUDIENCE.email,
    duplicates: { apnsPushes: 0, googleMessages: 0, emails: 0 },
  });
  // Webhooks: one event per tap, each received once.
  const events = await c.query<{ id: string }>(`SELECT id FROM "WebhookEvent" WHERE type = 'card.stamped'`);
  expect(events).toHaveLength(TAPS);
  const hooks = webhooksById(c);
  expect(events.map((e) => hooks.get(e.id))).toEqual(events.map(() => 1));
  // The import: each row once, by one job.
  expect(await c.query(`SELECT imported, updated, skipped, failed, processed FROM "CustomerImport" WHERE id = $1`, [up.id])).toEqual([
    { imported: IMPORT_ROWS, updated: 0, skipped: 0, failed: 0, processed: IMPORT_ROWS },
  ]);
  expect(await c.count(`SELECT count(*)::int AS n FROM "Customer" WHERE "organizationId" = $1 AND email LIKE 'import%@twee.example.nl'`, [m.org.id])).toBe(
    IMPORT_ROWS,
  );
  expect(await c.count(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'customer-import' AND data->>'importId' = $1`, [up.id])).toBe(1);
  // The minute tick (boss.schedule, through pg-boss's cron queue) fires, once a minute although two workers run.
  await until(
    "a messages-tick job",
    () => c.count(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'messages-tick'`),
    (n) => n > 0,
    90_000,
    1000,
  );
  expect(
    await c.query(`SELECT date_trunc('minute', created_on) AS minute FROM pgboss.job WHERE name = 'messages-tick' GROUP BY 1 HAVING count(*) > 1`),
  ).toEqual([]);
  // Both workers were up throughout.
  expect(c.workers.map((w) => w.running())).toEqual([true, true]);
});
