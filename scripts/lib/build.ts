import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const SOURCES = ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "proxy.ts", "postcss.config.mjs", "tsconfig.json"];

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      if (p.endsWith("generated")) return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of SOURCES) walk(path.join(root, p));
  return newest;
}

/** Runs `next build` unless the existing production build is newer than every source file. */
export function buildIfNeeded(options: { force?: boolean; log: (msg: string) => void }) {
  const built = fs.statSync(path.join(root, ".next", "BUILD_ID"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (!options.force && built > newestSourceMtime()) {
    options.log("production build is up to date");
    return;
  }
  options.log("building the app (next build)…");
  const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://localhost/placeholder" };
  const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) throw new Error("next build failed");
}
