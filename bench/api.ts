// npm run bench:api — a stamp through the public API (POST /api/v1/cards/{serial}/stamp,
// an API key) against the tablet's stamp endpoint (POST /api/tablet/actions, a staff
// session), same server, same database, same load: 50 concurrent clients each, one
// after the other, then one client alone each. Target (issue 16): the API's latency
// within 1.2 × the tablet's. Both endpoints are served by the production server's
// fast path (lib/http/fast-path.ts, which scripts/server.ts puts in front of Next),
// so this bench serves that listener alone (`--serve`): no `next build` needed.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import http from "node:http";
import autocannon from "autocannon";
import pg from "pg";
import { freePort } from "../scripts/lib/embedded-postgres";
import { createTestDatabase, startTestServer } from "../scripts/lib/test-database";
import { report } from "./report";

const log = (m: string) => console.log(`[bench:api] ${m}`);

if (process.argv.includes("--serve")) {
  // The child: the production server's request listener, with nothing behind it.
  const { fastPath } = await import("@/lib/http/fast-path");
  const server = http.createServer(fastPath((_req, res) => void res.writeHead(404).end()));
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), "127.0.0.1", () => log("serving"));
} else {
  await main();
}

async function main() {
  const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
  const CONNECTIONS = 50;
  const DURATION_S = Number(process.env.BENCH_SECONDS ?? 20);
  const WARMUP_S = 5;
  const TARGETS = { ratio_p50: 1.2 };

  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
  const server = await startTestServer();
  const database = await createTestDatabase(server, "benchapi");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_OWNER_URL = database.ownerUrl;

  // Seed as bench:stamp does: a merchant with CARDS cards, a tablet session and an API key; rules lifted.
  const { ownerDb: db } = await import("@/lib/db/owner");
  const { seedOrganization, seedUser, seedProgram, seedMembership, buildCustomerHistory, insertHistories } = await import("@/prisma/seed/factories");
  const { rng } = await import("@/prisma/seed/random");
  const { pairDevice, unlockDevice } = await import("@/lib/stamping/devices");
  const { createApiKey } = await import("@/lib/api/keys");
  const owner = await seedUser(db(), { email: "bench@bench.test", name: "Bench", password: "bench-password-1" });
  const org = await seedOrganization(db(), { name: "Bench Koffie", owner });
  await seedMembership(db(), org.id, owner.id, "OWNER", "4242");
  const location = await db().location.create({ data: { organizationId: org.id, name: "Bench" } });
  const program = await seedProgram(db(), org.id);
  await db().cardProgram.update({ where: { id: program.id }, data: { maxStampsPerVisit: 1_000_000, maxStampsPerDay: 1_000_000 } });
  const rand = rng(7);
  const histories = Array.from({ length: CARDS }, (_, i) =>
    buildCustomerHistory({
      organizationId: org.id,
      program,
      rand,
      staff: [{ userId: owner.id, locationId: location.id }],
      visits: [],
      customer: { name: `Bench ${i}`, email: null, phone: null, birthday: null, marketingConsent: false, source: "POSTER", joinedAt: new Date() },
    }),
  );
  await insertHistories(db(), histories);
  const serials = histories.map((h) => h.card.serial);
  const ctx = { orgId: org.id, userId: owner.id, role: "OWNER" as const };
  const { deviceToken } = await pairDevice(ctx, { locationId: location.id, name: "bench" });
  const member = await db().membership.findFirstOrThrow({ where: { organizationId: org.id, userId: owner.id } });
  const { sessionToken } = await unlockDevice({ deviceToken, nextDeviceToken: randomBytes(32).toString("base64url"), memberId: member.id, pin: "4242" });
  const apiKey = await createApiKey(ctx, { name: "Bench", scopes: ["stamp"] });
  // The bench's own key may make as many requests as the machine can (the default is 600 a minute).
  await db().apiKey.update({ where: { id: apiKey.id }, data: { requestsPerMinute: 1_000_000_000 } });
  await db().$disconnect();
  log(`seeded ${CARDS} cards`);

  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/api.ts", "--serve"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), LOG_LEVEL: "warn", DB_POOL_SIZE: "20" },
  });
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`);
      break;
    } catch {
      if (i > 300) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const serial = () => serials[Math.floor(Math.random() * serials.length)];
  const tablet = (seconds: number, connections = CONNECTIONS) =>
    autocannon({
      url: `http://127.0.0.1:${port}/api/tablet/actions`,
      connections,
      duration: seconds,
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${sessionToken}` },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ kind: "stamp", amount: 1, serial: serial(), idempotencyKey: randomBytes(12).toString("hex") }),
          }),
        },
      ],
    });
  const api = (seconds: number, connections = CONNECTIONS) =>
    autocannon({
      url: `http://127.0.0.1:${port}/api/v1/cards/X/stamp`,
      connections,
      duration: seconds,
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey.key}` },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/cards/${serial()}/stamp`,
            headers: { ...req.headers, "idempotency-key": randomBytes(12).toString("hex") },
            body: JSON.stringify({ amount: 1 }),
          }),
        },
      ],
    });

  log(`warming up ${WARMUP_S}s each…`);
  await tablet(WARMUP_S);
  await api(WARMUP_S);
  log(`tablet: ${CONNECTIONS} clients for ${DURATION_S}s…`);
  const t = await tablet(DURATION_S);
  log(`api: ${CONNECTIONS} clients for ${DURATION_S}s…`);
  const a = await api(DURATION_S);
  log("one client alone, 10 s each…");
  const t1 = await tablet(10, 1);
  const a1 = await api(10, 1);
  child.kill("SIGTERM");

  const check = new pg.Client({ connectionString: database.ownerUrl });
  await check.connect();
  const { rows: drift } = await check.query(
    `SELECT count(*)::int AS n FROM "Card" c WHERE "organizationId" = $1 AND "totalStamps" <> (SELECT COALESCE(SUM(amount),0) FROM "CardEvent" e WHERE e."cardId" = c.id AND e.type = 'STAMP')`,
    [org.id],
  );
  const { rows: byApi } = await check.query(`SELECT count(*)::int AS n FROM "CardEvent" WHERE "organizationId" = $1 AND "apiKeyId" IS NOT NULL`, [org.id]);
  await check.end();
  await server.stop();

  const p95 = (r: autocannon.Result) => Math.round(((r.latency.p90 + r.latency.p97_5) / 2) * 10) / 10;
  const round = (x: number) => Math.round(x * 100) / 100;
  const metrics = {
    tablet_throughput_per_s: Math.round(t["2xx"] / t.duration),
    tablet_p50_ms: t.latency.p50,
    tablet_p95_ms: p95(t),
    tablet_p99_ms: t.latency.p99,
    api_throughput_per_s: Math.round(a["2xx"] / a.duration),
    api_p50_ms: a.latency.p50,
    api_p95_ms: p95(a),
    api_p99_ms: a.latency.p99,
    ratio_p50: round(a.latency.p50 / t.latency.p50),
    ratio_p95: round(p95(a) / p95(t)),
    single_tablet_p50_ms: t1.latency.p50,
    single_api_p50_ms: a1.latency.p50,
    single_ratio_p50: round(a1.latency.p50 / Math.max(t1.latency.p50, 0.01)),
    non_2xx: t.non2xx + a.non2xx + t1.non2xx + a1.non2xx,
    errors: t.errors + a.errors + t1.errors + a1.errors,
    api_events: byApi[0].n,
    ledger_drift_cards: drift[0].n,
  };
  console.log(`
Stamp through the API vs the tablet endpoint (fast path, ${CONNECTIONS} concurrent clients, ${DURATION_S}s each, ${CARDS} cards)
  tablet:  ${metrics.tablet_throughput_per_s} stamps/s   p50 ${metrics.tablet_p50_ms} ms   p95 ${metrics.tablet_p95_ms} ms   p99 ${metrics.tablet_p99_ms} ms
  api:     ${metrics.api_throughput_per_s} stamps/s   p50 ${metrics.api_p50_ms} ms   p95 ${metrics.api_p95_ms} ms   p99 ${metrics.api_p99_ms} ms
  ratio:   p50 ${metrics.ratio_p50}, p95 ${metrics.ratio_p95} (api ÷ tablet; target p50 ≤ ${TARGETS.ratio_p50})
  alone:   tablet p50 ${metrics.single_tablet_p50_ms} ms, api p50 ${metrics.single_api_p50_ms} ms
  checks:  non-2xx ${metrics.non_2xx}, errors ${metrics.errors}, ledger drift ${metrics.ledger_drift_cards} cards
`);
  const pass = metrics.ratio_p50 <= TARGETS.ratio_p50 && metrics.non_2xx === 0 && metrics.errors === 0 && metrics.ledger_drift_cards === 0;
  report({ bench: "api", metrics, targets: TARGETS, pass });
  process.exit(0);
}
