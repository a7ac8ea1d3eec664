// `npm test`: every check. Types, lint and format (tsc, ESLint, Prettier), unit
// and integration tests (Vitest, real PostgreSQL), then a production build and
// the end-to-end tests (Playwright, system Chromium).
//   npm test -- --only lint|unit|integration|faults|e2e     run one layer
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "./lib/build";

const root = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : null;
const say = (msg: string) => console.log(`\n[test] ${msg}`);
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n[test] FAILED: ${path.basename(cmd)} ${args.join(" ")}`);
    process.exit(r.status ?? 1);
  }
}

function findChromium(): string | undefined {
  return [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p): p is string => !!p && fs.existsSync(p));
}

function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    say("Chromium is missing: installing Debian's chromium package (apt-get)…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
    const installed = findChromium();
    if (installed) return installed;
  }
  console.error(
    [
      "",
      "[test] The end-to-end tests need Chromium, and none was found.",
      "       Install it, then run the tests again:",
      "         Debian/Ubuntu:  sudo apt-get install chromium",
      "         elsewhere:      install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium",
      "       (Playwright's own browser download is not used: it needs network access we don't assume.)",
      "",
    ].join("\n"),
  );
  process.exit(1);
}

const started = Date.now();
if (!only || only === "e2e") ensureChromium();
if (!only || only === "lint") {
  say("tsc, eslint, prettier");
  run(bin("tsc"), ["--noEmit"]);
  run(bin("eslint"), ["."]);
  run(bin("prettier"), ["--check", "--log-level", "warn", "."]);
}
if (!only || only === "unit" || only === "integration") {
  say(only ? `vitest (${only})` : "vitest: unit + integration (real PostgreSQL)");
  run(bin("vitest"), ["run", "--project", only ?? "unit", ...(only ? [] : ["--project", "integration"])]);
}
if (!only || only === "faults" || only === "e2e") buildIfNeeded({ log: (m) => say(m) });
if (!only || only === "faults") {
  say("vitest (faults): app servers, workers and PostgreSQL restarted or killed mid-run");
  run(bin("vitest"), ["run", "--project", "faults"]);
}
if (!only || only === "e2e") {
  say("playwright: end-to-end in Chromium");
  fs.mkdirSync(path.join(root, "tests", "artifacts"), { recursive: true });
  run(bin("playwright"), ["test"]);
  say("screenshots saved in tests/artifacts/");
}
say(`all passed in ${Math.round((Date.now() - started) / 1000)} s`);
