import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureAppRole } from "@/lib/db/roles";
import { ensureJobSchema } from "@/lib/jobs/queue";

const root = path.resolve(import.meta.dirname, "..", "..");

/** Applies every committed migration (`prisma migrate deploy`) to the database at `url` (the owner's). */
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

/**
 * The whole database setup, as the owner: Prisma migrations, the job queue's
 * schema (pg-boss), and the app's login role (named in `appUrl`) with its grants.
 */
export async function migrate(ownerUrl: string, appUrl?: string): Promise<void> {
  migrateDeploy(ownerUrl);
  await ensureJobSchema(ownerUrl);
  if (appUrl) await ensureAppRole(ownerUrl, appUrl);
}
