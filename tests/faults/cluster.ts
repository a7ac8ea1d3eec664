// A whole Stempel deployment for one fault test file, as production runs it:
// its own PostgreSQL (embedded, on a data dir that survives a restart), N app
// processes (scripts/server.ts with STEMPEL_WORKERS=off, each on a free port),
// M workers (scripts/worker.ts), and the local stand-ins of APNs, Google Wallet,
// SMTP and a webhook receiver, all reached through the environment variables
// production uses. Processes can be killed with SIGKILL and started again;
// PostgreSQL can be stopped (fast shutdown) and started on the same data dir
// and port. `stop()` cleans everything up (call it in afterAll).
//
// The test process itself is pointed at the same database (DATABASE_URL,
// DATABASE_OWNER_URL), so it can seed with tests/integration/helpers.ts and
// read the ledger with the owner's client.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { loadOrCreateDevCertificates } from "@/lib/wallet/apple/dev-certificates";
import { generateServiceAccount } from "@/lib/wallet/google/dev-service-account";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "@/scripts/lib/embedded-postgres";
import { startLocalApnsFor, type LocalApns } from "@/scripts/lib/local-apns";
import { startLocalGoogleWallet, type LocalGoogleWallet } from "@/scripts/lib/local-google-wallet";
import { startLocalWebhookReceiver, type LocalWebhookReceiver } from "@/scripts/lib/local-webhook-receiver";
import { ensureJobSchema } from "@/lib/jobs/queue";
import { migrate } from "@/scripts/lib/migrate";
import { APP_ROLE } from "@/scripts/lib/test-database";
import { startSmtp, type TestSmtp } from "../integration/smtp";

const root = path.resolve(import.meta.dirname, "..", "..");
const ISSUER = "3388000000022229999";

export type Proc = {
  name: string;
  /** The app's base URL (apps only). */
  url: string;
  running: () => boolean;
  /** kill -9, and wait until it is gone. */
  kill: () => Promise<void>;
  /** Starts it again (same port); apps resolve when /api/health answers. */
  start: () => Promise<void>;
  /** The last lines it wrote (stdout and stderr), for failure messages. */
  tail: () => string;
};

export type Cluster = {
  /** Resolves when every app answers and every worker is up (they start while the test seeds). */
  ready: Promise<void>;
  apps: Proc[];
  workers: Proc[];
  apns: LocalApns;
  google: LocalGoogleWallet;
  smtp: TestSmtp;
  hooks: LocalWebhookReceiver;
  /** The database as the app logs in (row-level security) and as the owner. */
  appUrl: string;
  ownerUrl: string;
  /** PostgreSQL: fast shutdown / start again on the same data dir and port. */
  stopPostgres: () => Promise<void>;
  startPostgres: () => Promise<void>;
  /** One query as the owner (a fresh connection: works across restarts). */
  query: <R = Record<string, unknown>>(sql: string, values?: unknown[]) => Promise<R[]>;
  /** A query whose one row has a number `n`: that number. */
  count: (sql: string, values?: unknown[]) => Promise<number>;
  logs: () => string;
  stop: () => Promise<void>;
};

export type ClusterOptions = {
  apps: number;
  workers: number;
  /** Extra environment for every app and worker. */
  env?: Record<string, string>;
  /**
   * pg-boss finds a job whose worker died (kill -9) only when the job expires:
   * JOBS_EXPIRE_SECONDS (default 6 minutes), checked by the workers' maintenance
   * every sixth of that. With this set, the queues are set up again with it
   * (lib/jobs/queue.ts ensureJobSchema) and every process gets it, so a killed
   * worker's job is retried within the test.
   */
  jobExpireSeconds?: number;
};

/** The committed migrations and pg-boss's version: what the migrated template depends on. */
function migrationsKey(): string {
  const h = createHash("sha256");
  const dir = path.join(root, "prisma", "migrations");
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    h.update(name);
    if (fs.existsSync(file)) h.update(fs.readFileSync(file));
  }
  h.update(fs.readFileSync(path.join(root, "node_modules", "pg-boss", "package.json")));
  h.update(fs.readFileSync(path.join(root, "lib", "jobs", "queue.ts")));
  h.update(fs.readFileSync(path.join(root, "lib", "db", "roles.ts")));
  return h.digest("hex").slice(0, 16);
}

const timing = (line: string) => {
  if (process.env.FAULTS_VERBOSE) console.log(`[cluster] ${line}`);
};

/** A process that exited while it was being waited for: not worth waiting on. */
class Exited extends Error {}

async function waitFor(what: string, ok: () => Promise<boolean>, timeoutMs: number, every = 100) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (
      await ok().catch((e) => {
        if (e instanceof Exited) throw e;
        return false;
      })
    )
      return;
    if (Date.now() > until) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stempel-faults-"));
  // Its own temporary directory (the library hands it to the postgres user; `dir` is private to root).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stempel-faults-pg-"));
  const cleanup: (() => Promise<unknown> | unknown)[] = [
    // FAULTS_KEEP=1 keeps the processes' logs for a look afterwards.
    () => (process.env.FAULTS_KEEP ? console.log(`[cluster] logs kept in ${dir}`) : fs.rmSync(dir, { recursive: true, force: true })),
    () => fs.rmSync(dataDir, { recursive: true, force: true }),
  ];
  const procs: Proc[] = [];
  let postgres: RunningPostgres | null = null;

  const stop = async () => {
    await Promise.all(procs.map((p) => p.kill().catch(() => {})));
    await postgres?.stop().catch(() => {});
    for (const f of cleanup.reverse()) await Promise.resolve(f()).catch(() => {});
  };

  try {
    // --- PostgreSQL, migrated with the two roles (as scripts/lib/test-database.ts does). initdb and the
    // migrations take half a minute here: the first file of a run keeps a copy of the migrated data dir
    // (keyed by the migrations), the next ones start from a copy of it.
    const pgPort = await freePort();
    const startPg = async () => {
      // Its log (deadlocks, errors) next to the processes' logs: FAULTS_KEEP=1 keeps them.
      const log = (line: string) => fs.appendFileSync(path.join(dir, "postgres.log"), `${line.trimEnd()}\n`);
      postgres = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true, log });
      if (postgres.port !== pgPort) throw new Error(`PostgreSQL came back on port ${postgres.port}, not ${pgPort}`);
    };
    const ownerUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/stempel`;
    const appUrl = `postgresql://${APP_ROLE.user}:${APP_ROLE.password}@127.0.0.1:${pgPort}/stempel`;
    const template = path.join(os.tmpdir(), `stempel-faults-template-${migrationsKey()}`);
    if (fs.existsSync(path.join(template, "PG_VERSION"))) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      execFileSync("cp", ["-a", template, dataDir]);
      await startPg();
      timing("database copied from the template");
    } else {
      const t0 = Date.now();
      await startPg();
      const admin = new pg.Client({ connectionString: postgres!.url("postgres") });
      await admin.connect();
      await admin.query(`CREATE DATABASE stempel`);
      await admin.end();
      await migrate(ownerUrl, appUrl);
      await postgres!.stop();
      const copy = `${template}.${process.pid}`;
      execFileSync("cp", ["-a", dataDir, copy]);
      // Another run may have made it meanwhile: then ours is dropped.
      try {
        fs.renameSync(copy, template);
      } catch {
        fs.rmSync(copy, { recursive: true, force: true });
      }
      await startPg();
      timing(`migrated in ${Date.now() - t0} ms`);
    }
    const expiry: Record<string, string> = options.jobExpireSeconds ? { JOBS_EXPIRE_SECONDS: String(options.jobExpireSeconds) } : {};
    if (options.jobExpireSeconds) {
      // What the release step does with the setting (the template was migrated with the default).
      Object.assign(process.env, expiry);
      await ensureJobSchema(ownerUrl);
    }

    // --- stand-ins
    const certDir = path.join(dir, "apple");
    const dev = loadOrCreateDevCertificates(certDir, "pass.nl.stempel.dev", "STEMPELDEV");
    const apns = await startLocalApnsFor({ passTypeIdentifier: "pass.nl.stempel.dev", teamIdentifier: "STEMPELDEV", dev });
    cleanup.push(() => apns.close());
    const sa = generateServiceAccount();
    const google = await startLocalGoogleWallet({ issuerId: ISSUER, serviceAccountEmail: sa.json.client_email, publicKey: sa.publicKey });
    cleanup.push(() => google.close());
    const smtp = await startSmtp();
    cleanup.push(() => smtp.close());
    const hooks = await startLocalWebhookReceiver();
    cleanup.push(() => hooks.close());

    const shared: Record<string, string> = {
      DATABASE_URL: appUrl,
      DATABASE_OWNER_URL: ownerUrl,
      DB_POOL_SIZE: "10",
      NEXTAUTH_SECRET: "faults-secret-not-for-production-0123456789",
      APPLE_DEV_CERT_DIR: certDir,
      APNS_URL: apns.url,
      GOOGLE_WALLET_ISSUER_ID: ISSUER,
      GOOGLE_WALLET_SERVICE_ACCOUNT: Buffer.from(JSON.stringify(sa.json)).toString("base64"),
      GOOGLE_WALLET_API_URL: google.apiUrl,
      GOOGLE_WALLET_TOKEN_URL: google.tokenUrl,
      SMTP_URL: smtp.url,
      WEBHOOKS_ALLOW_PRIVATE: "1",
      WEBHOOKS_TIMEOUT_SECONDS: "2",
      WEBHOOKS_RETRY_SCHEDULE: "1,1,1,1,1,1,1,1",
      JOBS_POLL_SECONDS: "0.5",
      JOBS_RETRY_DELAY_SECONDS: "1",
      // Each simulated tablet pairs from its own address, as behind a shop's router.
      TRUSTED_PROXIES: "1",
      LOG_LEVEL: "warn",
      ...expiry,
      ...options.env,
    };
    // The test process seeds and checks the same database with the same settings.
    Object.assign(process.env, shared, { APP_URL: "http://localhost:3000" });

    // --- processes
    const spawnProc = async (kind: "app" | "worker", index: number): Promise<Proc> => {
      const port = kind === "app" ? await freePort() : 0;
      const name = `${kind}-${index + 1}`;
      const logFile = path.join(dir, `${name}.log`);
      let child: ChildProcess | null = null;
      const url = kind === "app" ? `http://127.0.0.1:${port}` : "";
      const start = async () => {
        const startsBefore = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("job workers running").length - 1 : 0;
        const log = fs.openSync(logFile, "a");
        const env = { ...process.env, ...shared, NODE_ENV: "production" as const };
        // Workers log at info: their "job workers running" line says they are up.
        const extra =
          kind === "app"
            ? { PORT: String(port), STEMPEL_WORKERS: "off", NEXTAUTH_URL: url, APP_URL: url }
            : { LOG_LEVEL: process.env.FAULTS_WORKER_LOG_LEVEL ?? "info" };
        child = spawn(process.execPath, ["--import", "tsx", kind === "app" ? "scripts/server.ts" : "scripts/worker.ts"], {
          cwd: root,
          stdio: ["ignore", log, log],
          env: { ...env, ...extra },
        });
        fs.closeSync(log);
        const c = child;
        if (kind === "app") {
          await waitFor(
            `${name} to answer /api/health`,
            async () => {
              if (c.exitCode !== null) throw new Exited(`${name} exited (${c.exitCode}):\n${tail()}`);
              return (await fetch(`${url}/api/health`)).status < 500;
            },
            120_000,
            200,
          );
        } else {
          await waitFor(
            `${name} to start`,
            async () => {
              if (c.exitCode !== null) throw new Exited(`${name} exited (${c.exitCode}):\n${tail()}`);
              // This start's line: the log file keeps the lines of earlier starts.
              return fs.readFileSync(logFile, "utf8").split("job workers running").length - 1 > startsBefore;
            },
            120_000,
            200,
          );
        }
      };
      const tail = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n") : "");
      const proc: Proc = {
        name,
        url,
        running: () => !!child && child.exitCode === null && child.signalCode === null,
        kill: async () => {
          const c = child;
          if (!c || c.exitCode !== null || c.signalCode !== null) return;
          const gone = new Promise((r) => c.once("exit", r));
          c.kill("SIGKILL");
          await gone;
        },
        start,
        tail,
      };
      procs.push(proc);
      return proc;
    };
    const apps = await Promise.all(Array.from({ length: options.apps }, (_, i) => spawnProc("app", i)));
    const workers = await Promise.all(Array.from({ length: options.workers }, (_, i) => spawnProc("worker", i)));
    // One after another: two Next servers booting at once on two cores take longer than in turn.
    // Started in the background (the test seeds meanwhile): `ready` resolves when all answer.
    const t1 = Date.now();
    const ready = (async () => {
      for (const p of [...apps, ...workers]) await p.start();
      timing(`${apps.length} apps and ${workers.length} workers started in ${Date.now() - t1} ms`);
    })();
    ready.catch(() => {});

    const query = async <R>(sql: string, values: unknown[] = []) => {
      const c = new pg.Client({ connectionString: ownerUrl });
      await c.connect();
      try {
        return (await c.query(sql, values)).rows as R[];
      } finally {
        await c.end();
      }
    };

    return {
      ready,
      apps,
      workers,
      apns,
      google,
      smtp,
      hooks,
      appUrl,
      ownerUrl,
      stopPostgres: async () => {
        await postgres?.stop();
        postgres = null;
      },
      startPostgres: startPg,
      query,
      count: async (sql, values = []) => (await query<{ n: number }>(sql, values))[0].n,
      logs: () => procs.map((p) => `--- ${p.name}\n${p.tail()}`).join("\n"),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** After a file: closes this test process's own database clients (lib/db), then the cluster. */
export async function stopClusterAndClients(c: Cluster | undefined) {
  const { closeOwnerDb } = await import("@/lib/db/owner");
  const { closePool } = await import("@/lib/db/pool");
  const { db } = await import("@/lib/db/client");
  await Promise.all([closeOwnerDb(), closePool(), db().$disconnect()]).catch(() => {});
  await c?.stop();
}

/** Polls `f` until `ok` holds (then returns its value) or throws after `timeoutMs`. */
export async function until<T>(what: string, f: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000, every = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await f();
      if (ok(last)) return last;
    } catch {
      /* e.g. the database is restarting */
    }
    if (Date.now() > end) throw new Error(`${what} within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** `fn` over `items`, `n` at a time (seeding through a small pool), results in order. */
export async function inLanes<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
  return out;
}
