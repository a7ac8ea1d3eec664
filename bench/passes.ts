// npm run bench:passes — Apple Wallet pass generation: our endpoint (the
// PassKit web service's GET /v1/passes/…, production build, real PostgreSQL,
// every request a different card, so nothing is served from a cache) against
// bare passkit-generator building the same pass in a loop in its own process.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { buildIfNeeded } from "../scripts/lib/build";
import { createTestDatabase, startTestServer } from "../scripts/lib/test-database";
import { startApp } from "./app";
import { percentile, report } from "./report";

const CARDS = Number(process.env.BENCH_CARDS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_S = 5;
const TARGETS = { throughput_per_s: 200, ratio: 0.8 };
const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.log(`[bench:passes] ${m}`);

process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
process.env.APPLE_DEV_CERT_DIR ??= path.join(os.tmpdir(), "stempel-bench-apple-dev");
buildIfNeeded({ log });
const server = await startTestServer();
const database = await createTestDatabase(server, "bench");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_OWNER_URL = database.ownerUrl;

const { ownerDb: db } = await import("@/lib/db/owner");
const { seedOrganization, seedUser, seedProgram, buildCustomerHistory, insertHistories } = await import("@/prisma/seed/factories");
const { rng } = await import("@/prisma/seed/random");
const owner = await seedUser(db(), { email: "bench@bench.test", name: "Bench", password: "bench-password-1" });
const org = await seedOrganization(db(), { name: "Bench Koffie", owner });
await db().location.create({ data: { organizationId: org.id, name: "Bench", address: "Kerkstraat 1", city: "Utrecht", latitude: 52.09, longitude: 5.12 } });
const program = await seedProgram(db(), org.id);
const rand = rng(11);
const histories = Array.from({ length: CARDS }, (_, i) =>
  buildCustomerHistory({
    organizationId: org.id,
    program,
    rand,
    staff: [],
    visits: [],
    customer: { name: `Bench ${i}`, email: null, phone: null, birthday: null, marketingConsent: false, source: "POSTER", joinedAt: new Date() },
  }),
);
await insertHistories(db(), histories);
const cards = await db().card.findMany({ where: { organizationId: org.id }, select: { id: true, serial: true, authToken: true } });
// Every stamp count a card can show, so every strip image is in play.
await Promise.all(cards.map((c, i) => db().card.update({ where: { id: c.id }, data: { stampCount: i % program.stampsRequired } })));
log(`seeded ${cards.length} cards`);

// The same pass, as input for the bare library.
const { appleConfig } = await import("@/lib/wallet/apple/config");
const { passBySerial } = await import("@/lib/wallet/pass-source");
const { passContent } = await import("@/lib/wallet/apple/build-pass");
const { passImages } = await import("@/lib/wallet/apple/pass-images");
const config = appleConfig();
const sample = (await passBySerial(cards[7].serial, cards[7].authToken!))!.card;
const content = passContent(sample, config, "http://localhost:3000");
const images = await passImages(sample.program, sample.stampCount);
const inputFile = path.join(os.tmpdir(), `stempel-bench-passes-${process.pid}.json`);
fs.writeFileSync(
  inputFile,
  JSON.stringify({
    images: Object.fromEntries(Object.entries(images).map(([k, v]) => [k, v.toString("base64")])),
    certificates: config.certificates,
    props: Object.fromEntries(Object.entries(content.props).filter(([, v]) => v !== undefined)),
    fields: content.fields,
    barcode: content.barcode,
    locations: content.locations,
    translations: content.translations,
  }),
);
await db().$disconnect();

const { port, app } = await startApp({ STEMPEL_WORKERS: "off" });

let next = 0;
function runApp(seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req) => {
          const c = cards[next++ % cards.length];
          return {
            ...req,
            method: "GET",
            path: `/api/apple/v1/passes/${config.passTypeIdentifier}/${c.serial}`,
            headers: { authorization: `ApplePass ${c.authToken}` },
          };
        },
      },
    ],
  });
}
log(`warming up ${WARMUP_S}s…`);
await runApp(WARMUP_S);
log(`endpoint: ${CONNECTIONS} clients for ${DURATION_S}s…`);
const appResult = await runApp(DURATION_S);
app.kill("SIGTERM");
await server.stop();

function baseline(...extra: string[]) {
  const child = spawnSync(process.execPath, ["--import", "tsx", "bench/passes-baseline.ts", inputFile, String(DURATION_S), ...extra], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`baseline failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as { passes: number; seconds: number; bytes: number; latencies: number[] };
}
log(`baseline (bare passkit-generator, own process) for ${DURATION_S}s…`);
const base = baseline();
log(`reference (passkit-generator with OpenSSL signing and hashing, no HTTP, no database) for ${DURATION_S}s…`);
const native = baseline("--native-crypto");
fs.rmSync(inputFile, { force: true });

const appThroughput = appResult["2xx"] / appResult.duration;
const baseThroughput = base.passes / base.seconds;
const metrics = {
  throughput_per_s: Math.round(appThroughput),
  p50_ms: appResult.latency.p50,
  p99_ms: appResult.latency.p99,
  non_2xx: appResult.non2xx,
  errors: appResult.errors,
  baseline_throughput_per_s: Math.round(baseThroughput * 10) / 10,
  baseline_p50_ms: Math.round(percentile(base.latencies, 50) * 10) / 10,
  ratio: Math.round((appThroughput / baseThroughput) * 100) / 100,
  library_native_crypto_per_s: Math.round(native.passes / native.seconds),
};
console.log(`
Apple Wallet passes (production build, ${CONNECTIONS} concurrent clients, ${DURATION_S}s, ${cards.length} different cards)
  endpoint:  ${metrics.throughput_per_s} passes/s   p50 ${metrics.p50_ms} ms   p99 ${metrics.p99_ms} ms   non-2xx ${metrics.non_2xx}   errors ${metrics.errors}
  baseline:  ${metrics.baseline_throughput_per_s} passes/s   p50 ${metrics.baseline_p50_ms} ms  (bare passkit-generator, one process, same pass)
  ratio:     ${metrics.ratio} of the bare library's rate
  reference: ${metrics.library_native_crypto_per_s} passes/s  (the library in a loop with our OpenSSL signing but its own zipper, no HTTP, no database)
  targets:   ≥ ${TARGETS.throughput_per_s} passes/s, ratio ≥ ${TARGETS.ratio}
`);
const pass = metrics.throughput_per_s >= TARGETS.throughput_per_s && metrics.ratio >= TARGETS.ratio && metrics.non_2xx === 0;
report({ bench: "passes", metrics, targets: TARGETS, pass });
process.exit(0);
