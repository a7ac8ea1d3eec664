// `npm start`: the whole app on one command.
//  - no DATABASE_URL: an embedded PostgreSQL in .data/postgres (kept across
//    restarts), migrated and seeded with the demo merchant;
//  - DATABASE_URL set: that database (production); seeds only with --seed.
// Then builds (when sources changed) and serves on PORT (default 3000).
// Ctrl-C stops the app and the embedded database.
import { spawn, type ChildProcess } from "node:child_process";
import { buildIfNeeded } from "./lib/build";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres";
import { startDevApnsIfNeeded, type LocalApns } from "./lib/local-apns";
import { startDevGoogleWalletIfAsked, type LocalGoogleWallet } from "./lib/local-google-wallet";
import { startDevSmsIfAsked, type LocalSms } from "./lib/local-sms";
import { startDevMollieIfAsked, type LocalMollie } from "./lib/local-mollie";
import { startDevS3IfAsked, type LocalS3 } from "./lib/local-s3";
import { migrate } from "./lib/migrate";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(root, ".data");
const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const port = Number(process.env.PORT ?? 3000);
const say = (msg: string) => console.log(`[stempel] ${msg}`);

let pg: RunningPostgres | null = null;
let apns: LocalApns | null = null;
let google: LocalGoogleWallet | null = null;
let sms: LocalSms | null = null;
let mollie: LocalMollie | null = null;
let s3: LocalS3 | null = null;
let app: ChildProcess | null = null;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say("stopping…");
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((r) => app!.once("exit", r));
  }
  await apns?.close();
  await google?.close();
  await sms?.close();
  await mollie?.close();
  await s3?.close();
  const { closeDatabase } = await import("@/lib/db/close");
  await closeDatabase().catch(() => {});
  if (pg) {
    await pg.stop();
    say("embedded database stopped");
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function persistentSecret(name = "nextauth-secret"): string {
  const file = path.join(dataDir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

async function waitForHealth(url: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not become healthy at ${url}`);
}

// Maintenance (stamp expiry, insights scores) now and every hour; idempotent, so several instances may run it.
function scheduleJobs() {
  const run = async () => {
    try {
      const { expireStamps } = await import("@/lib/stamping/expire-stamps");
      const { cards } = await expireStamps();
      if (cards) say(`stamps lapsed on ${cards} card(s)`);
      const { refreshDueInsights } = await import("@/lib/insights/refresh-insights");
      await refreshDueInsights();
    } catch (e) {
      say(`maintenance job failed: ${e instanceof Error ? e.message : e}`);
    }
  };
  void run();
  setInterval(() => void run(), 3600 * 1000).unref();
}

async function main() {
  const embedded = !process.env.DATABASE_URL;
  fs.mkdirSync(dataDir, { recursive: true });
  if (embedded) {
    say("no DATABASE_URL: starting the embedded PostgreSQL (data in .data/postgres)…");
    pg = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port: Number(process.env.STEMPEL_DB_PORT ?? 54329),
      persistent: true,
    });
    const admin = pg.url("postgres");
    const { default: Client } = await import("pg").then((m) => ({ default: m.default.Client }));
    const c = new Client({ connectionString: admin });
    await c.connect();
    const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = 'stempel'");
    if (!exists.rowCount) await c.query("CREATE DATABASE stempel");
    await c.end();
    // The owner (superuser) migrates and seeds; the app logs in as stempel_app, held to row-level security.
    process.env.DATABASE_OWNER_URL = pg.url("stempel");
    const app = new URL(pg.url("stempel"));
    app.username = "stempel_app";
    app.password = persistentSecret("db-app-password");
    process.env.DATABASE_URL = app.toString();
    process.env.STEMPEL_DEV_OUTBOX ??= "1";
    process.env.NEXTAUTH_SECRET ??= persistentSecret();
    say(`embedded PostgreSQL on port ${pg.port}`);
  }
  process.env.APPLE_DEV_CERT_DIR ??= path.join(dataDir, "apple-dev");
  // Every variable checked before anything starts; all problems in one message.
  const { checkEnvironment } = await import("@/lib/env");
  const { appleConfig } = await import("@/lib/wallet/apple/config");
  const { googleConfig } = await import("@/lib/wallet/google/config");
  const { smsConfig } = await import("@/lib/messages/sms");
  const { s3Config } = await import("@/lib/storage/config");
  const { metricsConfig } = await import("@/lib/metrics/config");
  checkEnvironment({ production: !embedded, extra: [appleConfig, googleConfig, smsConfig, s3Config, metricsConfig] });
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.APP_URL ??= process.env.NEXTAUTH_URL;
  apns = await startDevApnsIfNeeded(say);
  google = await startDevGoogleWalletIfAsked(say);
  // On the embedded database the SMS channel runs against the local stand-in (SMS_LOCAL=0: off).
  sms = await startDevSmsIfAsked(say, embedded);
  // Billing too: a local Mollie stand-in with a fake checkout (MOLLIE_LOCAL=0: billing off).
  mollie = await startDevMollieIfAsked(say, embedded);
  // Uploads in a local S3 bucket instead of .data/uploads: S3_LOCAL=1 (docs/deploy.md).
  s3 = await startDevS3IfAsked(say, dataDir);

  say("applying migrations…");
  const ownerUrl = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL!;
  await migrate(ownerUrl, process.env.DATABASE_URL!);
  const { assertAppRole } = await import("@/lib/db/roles");
  await assertAppRole(process.env.DATABASE_URL!);

  const { ownerDb: db } = await import("@/lib/db/owner");
  const { seedDemo, demoLinks, DEMO } = await import("@/prisma/seed/demo");
  if (embedded || args.has("--seed")) {
    const seeded = await seedDemo(db());
    say(seeded.created ? "demo data seeded" : "demo data already present");
  }
  const links = await demoLinks(db());
  await db().$disconnect();
  scheduleJobs();

  if (!dev) buildIfNeeded({ force: args.has("--rebuild"), log: say });
  // Production: Next.js behind scripts/server.ts (fast path for the stamp API); dev: next dev.
  app = dev
    ? spawn(path.join(root, "node_modules", ".bin", "next"), ["dev", "-p", String(port)], { cwd: root, stdio: "inherit", env: process.env })
    : spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
        cwd: root,
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "production", PORT: String(port) },
      });
  app.on("exit", (code) => {
    if (!stopping) void shutdown(code ?? 1);
  });
  const base = process.env.NEXTAUTH_URL!.replace(/\/$/, "");
  await waitForHealth(`http://127.0.0.1:${port}/api/health`);
  const lines = ["", "Stempel is running.", `  Landing page:      ${base}/`];
  if (links) {
    lines.push(
      `  Dashboard:         ${base}/dashboard   (sign in: ${DEMO.owner} / ${DEMO.password})`,
      `                     also ${DEMO.manager}, ${DEMO.staff.join(", ")} — same password`,
    );
    if (links.program) lines.push(`  Enrollment page:   ${base}/join/${links.program.id}`);
    lines.push(`  Staff tablet:      ${base}/stamp   (pair as ${DEMO.owner}, then PIN ${DEMO.pins.staff[0]} for Sanne)`);
    if (links.card) lines.push(`  A customer's card: ${base}/c/${links.card.webToken}   (${links.card.customer.name})`);
  }
  if (embedded) lines.push(`  Dev outbox (mail): ${base}/dev/outbox`);
  lines.push("Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}

main().catch(async (e) => {
  console.error(`[stempel] ${e instanceof Error ? e.message : e}`);
  await shutdown(1);
});
