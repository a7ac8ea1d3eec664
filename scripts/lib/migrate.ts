import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureJobSchema } from "@/lib/jobs/queue";

const root = path.resolve(import.meta.dirname, "..", "..");

/** Applies every committed migration (`prisma migrate deploy`) to the database at `url`. */
export function migrateDeploy(url: string): void {
  const r = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["prisma", "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${r.stdout}\n${r.stderr}`);
  }
}

/** The whole database setup: Prisma migrations, then the job queue's schema (pg-boss). */
export async function migrate(url: string): Promise<void> {
  migrateDeploy(url);
  await ensureJobSchema(url);
}
