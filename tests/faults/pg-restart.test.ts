// Issue 18 § Faults: PostgreSQL restarts while 20 tablets stamp through the
// production server. Every acknowledged stamp is in the ledger; the taps that
// got no acknowledgement are retried by the tablets' queues with their keys and
// land exactly once; while the database is down the app answers 503 with the
// standard error shape, quickly; it recovers without being restarted.
import { afterAll, beforeAll, expect, it } from "vitest";
import { inLanes, startCluster, until, type Cluster } from "./cluster";
import { pairAndUnlock, runTablet, type Tablet } from "./tablets";

const TABLETS = 20;
const CARDS = 40;
let c: Cluster;
let orgId: string;
let serials: string[];
const tablets: Tablet[] = [];

beforeAll(async () => {
  const t0 = Date.now();
  c = await startCluster({ apps: 1, workers: 0 });
  const lap = (what: string) => process.env.FAULTS_VERBOSE && console.log(`[pg-restart] ${what} at ${Date.now() - t0} ms`);
  lap("cluster");
  const { makeMerchant, newCard, addMember } = await import("../integration/helpers");
  const { ownerDb: db } = await import("@/lib/db/owner");
  const { setPin } = await import("@/lib/stamping/devices");
  const m = await makeMerchant("Herstart Koffie", { customers: 0 });
  orgId = m.org.id;
  // Rush hour on few cards: the stamp rules are not what this test is about.
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 100_000, maxStampsPerDay: 100_000 } });
  serials = (await inLanes([...Array(CARDS).keys()], 3, (i) => newCard(m, `Klant ${i}`))).map((card) => card.serial);
  lap("cards");
  const user = await addMember(m.org.id, "STAFF");
  const member = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: user.id } });
  await setPin(m.ctx("OWNER"), { membershipId: member.id, pin: "2468" });
  await c.ready;
  lap("apps ready");
  tablets.push(...(await inLanes([...Array(TABLETS).keys()], 3, (i) => pairAndUnlock(c.apps[0].url, m, member.id, "2468", i))));
  lap("tablets");
  await db().$disconnect();
});

afterAll(async () => {
  const { closeOwnerDb } = await import("@/lib/db/owner");
  await closeOwnerDb().catch(() => {});
  await c?.stop();
});

it("keeps every acknowledged stamp, lands every retried one once, answers 503 while down and recovers", async () => {
  let stopping = false;
  let drainDeadline = 0;
  const runs = Promise.all(
    tablets.map((t) =>
      runTablet(
        [c.apps[0].url],
        t,
        serials,
        () => stopping,
        () => drainDeadline,
      ),
    ),
  );
  // Stamping for a moment, then PostgreSQL stops (fast shutdown: sessions are cut mid-transaction).
  await new Promise((r) => setTimeout(r, 3000));
  await c.stopPostgres();
  // While it is down: the app answers, quickly, with 503 and the standard error shape.
  const health = await fetch(`${c.apps[0].url}/api/health`);
  expect(health.status).toBe(503);
  const probe = await fetch(`${c.apps[0].url}/api/tablet/actions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${tablets[0].sessionToken}` },
    body: JSON.stringify({ kind: "stamp", amount: 1, serial: serials[0], idempotencyKey: "probe-while-down-0001" }),
    signal: AbortSignal.timeout(10_000),
  });
  expect(probe.status).toBe(503);
  expect(probe.headers.get("retry-after")).toBe("2");
  expect(await probe.json()).toEqual({ error: "UNAVAILABLE", message: "UNAVAILABLE" });
  await new Promise((r) => setTimeout(r, 2000));
  await c.startPostgres();
  // The app itself was not restarted: it answers again on its own.
  await until(
    "the app answers healthy again",
    async () => (await fetch(`${c.apps[0].url}/api/health`)).status,
    (s) => s === 200,
    30_000,
    200,
  );
  await new Promise((r) => setTimeout(r, 2000));
  stopping = true;
  drainDeadline = Date.now() + 20_000;
  const results = await runs;

  const acknowledged = new Map(results.flatMap((r) => [...r.acknowledged]));
  const failures = results.flatMap((r) => r.failures);
  const refused = results.flatMap((r) => r.refused);
  // Every queue drained, nothing refused.
  expect(results.flatMap((r) => r.pending)).toEqual([]);
  expect(refused).toEqual([]);
  // The outage was seen (taps failed and were retried) and never as a 500 or a hang.
  expect(failures.length).toBeGreaterThan(0);
  expect(failures.filter((f) => f.status !== 503 && f.status !== 0)).toEqual([]);
  for (const f of failures) if (f.status === 503) expect(f.body).toMatchObject({ error: "UNAVAILABLE", message: expect.any(String) });
  expect(Math.max(...failures.map((f) => f.ms))).toBeLessThan(10_000);

  // The ledger: each acknowledged key exactly once, with the event id the tablet was told; nothing else.
  const events = await c.query<{ key: string; id: string }>(
    `SELECT "idempotencyKey" AS key, id FROM "CardEvent" WHERE "organizationId" = $1 AND type = 'STAMP' AND "idempotencyKey" IS NOT NULL`,
    [orgId],
  );
  expect(events.length).toBe(acknowledged.size);
  const byKey = new Map(events.map((e) => [e.key, e.id]));
  expect(byKey.size).toBe(events.length);
  for (const [key, a] of acknowledged) expect(byKey.get(key), key).toBe(a.eventId);
  // Counters = sum of events on every card.
  const mismatches = await c.query(
    `SELECT c.id FROM "Card" c LEFT JOIN "CardEvent" e ON e."cardId" = c.id WHERE c."organizationId" = $1
      GROUP BY c.id HAVING c."stampCount" <> COALESCE(SUM(e."stampDelta"), 0)
         OR c."rewardsAvailable" <> COALESCE(SUM(e."rewardDelta"), 0) OR c."totalStamps" <> COALESCE(SUM(e.amount) FILTER (WHERE e.type = 'STAMP'), 0)`,
    [orgId],
  );
  expect(mismatches).toEqual([]);
  const retried = results.reduce((n, r) => n + r.failures.length, 0);
  console.log(
    JSON.stringify({
      test: "pg-restart",
      tablets: TABLETS,
      acknowledged: acknowledged.size,
      failedAttempts: retried,
      replayed: [...acknowledged.values()].filter((a) => a.replayed).length,
    }),
  );
});
