// npm run bench:push — campaign fan-out to Apple Wallet: the real job handler
// (registrations read from PostgreSQL, one HTTP/2 connection, many concurrent
// streams, token auth) pushing to 50,000 devices on the local APNs server,
// against a bare node:http2 loop sending the same requests over one connection.
import { spawn } from "node:child_process";
import { createPrivateKey, randomBytes } from "node:crypto";
import http2 from "node:http2";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { createTestDatabase, startTestServer } from "../scripts/lib/test-database";
import { report } from "./report";

const PUSHES = Number(process.env.BENCH_PUSHES ?? 50_000);
const IN_FLIGHT = 500;
const TARGETS = { throughput_per_s: 2000, ratio: 0.7 };
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:push] ${m}`);

process.env.APPLE_DEV_CERT_DIR ??= path.join(os.tmpdir(), "stempel-bench-apple-dev");
delete process.env.APNS_URL;
const server = await startTestServer();
const database = await createTestDatabase(server, "bench");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_OWNER_URL = database.ownerUrl;

// The local APNs server, in its own process.
const apnsProc = spawn(process.execPath, ["--import", "tsx", "bench/apns-server.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: process.env });
const lines = readline.createInterface({ input: apnsProc.stdout! });
const nextLine = () => new Promise<string>((resolve) => lines.once("line", resolve));
const { url } = JSON.parse(await nextLine()) as { url: string };
process.env.APNS_URL = url;

// A merchant whose one program has PUSHES installed passes (one device each).
const { ownerDb: db } = await import("@/lib/db/owner");
const { seedOrganization, seedUser, seedProgram, buildCustomerHistory, insertHistories } = await import("@/prisma/seed/factories");
const { rng } = await import("@/prisma/seed/random");
const { appleConfig } = await import("@/lib/wallet/apple/config");
const { pushProgramChanged, apnsClient } = await import("@/lib/wallet/apple/push-updates");
const { providerToken } = await import("@/lib/wallet/apple/apns");
const config = appleConfig();
const owner = await seedUser(db(), { email: "bench@bench.test", name: "Bench", password: "bench-password-1" });
const org = await seedOrganization(db(), { name: "Bench Koffie", owner });
const program = await seedProgram(db(), org.id);
const rand = rng(5);
const histories = Array.from({ length: 200 }, (_, i) =>
  buildCustomerHistory({
    organizationId: org.id,
    program,
    rand,
    staff: [],
    visits: [],
    customer: { name: `Bench ${i}`, email: null, phone: null, birthday: null, marketingConsent: true, source: "POSTER", joinedAt: new Date() },
  }),
);
await insertHistories(db(), histories);
await db().$executeRawUnsafe(
  `INSERT INTO "PassRegistration" (id, "organizationId", "cardId", "deviceLibraryIdentifier", "passTypeIdentifier", "pushToken", "updatedAt")
   SELECT 'r' || g, c."organizationId", c.id, 'device' || g, $2, encode(sha256(('tok' || g)::bytea), 'hex'), now()
     FROM generate_series(1, $3::int) g
     JOIN LATERAL (SELECT id, "organizationId" FROM "Card" WHERE "organizationId" = $1 OFFSET (g % 200) LIMIT 1) c ON true`,
  org.id,
  config.passTypeIdentifier,
  PUSHES,
);
log(`seeded ${PUSHES} installed passes`);

// Warm-up: connection, TLS, token, JIT.
await pushProgramChanged({ orgId: org.id, programId: program.id }).catch(() => {});
log(`job handler: fan-out to ${PUSHES} devices…`);
const t0 = performance.now();
const result = await pushProgramChanged({ orgId: org.id, programId: program.id });
const appSeconds = (performance.now() - t0) / 1000;
apnsClient()?.close();

// Bare baseline: the same requests, one connection, same concurrency, no database.
async function bare(): Promise<number> {
  const auth = config.apns.auth;
  if (auth.kind !== "token") throw new Error("bench:push runs with token auth (the development default)");
  const session = http2.connect(url, { ca: config.apns.ca });
  const bearer = providerToken(createPrivateKey(auth.key), auth.keyId, auth.teamId);
  const tokens = Array.from({ length: PUSHES }, () => randomBytes(32).toString("hex"));
  let next = 0;
  let ok = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < tokens.length) {
        const token = tokens[next++];
        await new Promise<void>((resolve) => {
          const s = session.request({
            ":method": "POST",
            ":path": `/3/device/${token}`,
            "apns-topic": config.passTypeIdentifier,
            "apns-push-type": "background",
            "apns-priority": "5",
            authorization: `bearer ${bearer}`,
          });
          s.on("response", (h) => {
            if (h[":status"] === 200) ok++;
          });
          s.on("data", () => {});
          s.on("end", resolve);
          s.on("error", () => resolve());
          s.end("{}");
        });
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  session.close();
  if (ok !== PUSHES) throw new Error(`bare loop: only ${ok} of ${PUSHES} accepted`);
  return PUSHES / seconds;
}
log(`bare node:http2 loop: ${PUSHES} pushes…`);
await bare(); // warm-up run
const bareRate = await bare();

apnsProc.kill("SIGTERM");
const { received } = JSON.parse(await nextLine()) as { received: number };
await db().$disconnect();
await server.stop();

const appRate = result.sent / appSeconds;
const metrics = {
  throughput_per_s: Math.round(appRate),
  seconds: Math.round(appSeconds * 100) / 100,
  pushes: result.sent,
  baseline_throughput_per_s: Math.round(bareRate),
  ratio: Math.round((appRate / bareRate) * 100) / 100,
  server_received: received,
};
console.log(`
APNs fan-out (${PUSHES} devices, one HTTP/2 connection, ≤ ${IN_FLIGHT} streams in flight, token auth, local APNs server in its own process)
  job handler:  ${metrics.throughput_per_s} pushes/s   (${metrics.pushes} pushes in ${metrics.seconds} s, registrations read from PostgreSQL)
  bare http2:   ${metrics.baseline_throughput_per_s} pushes/s
  ratio:        ${metrics.ratio} of the bare loop
  targets:      ≥ ${TARGETS.throughput_per_s} pushes/s, ratio ≥ ${TARGETS.ratio}
`);
const pass = metrics.throughput_per_s >= TARGETS.throughput_per_s && metrics.ratio >= TARGETS.ratio && result.sent === PUSHES;
report({ bench: "push", metrics, targets: TARGETS, pass });
process.exit(0);
