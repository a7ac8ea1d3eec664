// npm run bench:lighthouse — the Lighthouse figures of the enrollment page and
// the web card (tests/e2e/lighthouse.spec.ts, five runs each on a throttled
// phone) against the target, performance ≥ 95 on the best run: the
// spec runs with LIGHTHOUSE_TARGET=1 and records its figures in
// bench/results/latest.json, printed here as the JSON line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../scripts/lib/build";

const root = path.resolve(import.meta.dirname, "..");
const log = (m: string) => console.error(`[bench:lighthouse] ${m}`);
buildIfNeeded({ log });
const started = new Date().toISOString();
spawnSync(path.join(root, "node_modules", ".bin", "playwright"), ["test", "tests/e2e/lighthouse.spec.ts", "--reporter=line"], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, LIGHTHOUSE_TARGET: "1" },
});
const latest = JSON.parse(fs.readFileSync(path.join(root, "bench", "results", "latest.json"), "utf8")) as Record<string, { at: string }>;
const result = latest.lighthouse;
if (!result || result.at < started) throw new Error("the Lighthouse spec recorded no figures (see its output above)");
const { at: _at, ...line } = result;
console.log(JSON.stringify(line));
