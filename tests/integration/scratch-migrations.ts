// A scratch database with every migration before `migration` applied by the
// admin owner, to test that migration on data shaped as before it
// (stamp-rules-migration, campaign-counts-migration). `drop` removes it.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { adminQuery } from "@/scripts/lib/test-database";

const dir = path.join(process.cwd(), "prisma", "migrations");

/** A migration's SQL file as committed. */
export const migrationSql = (migration: string) => fs.readFileSync(path.join(dir, migration, "migration.sql"), "utf8");

export async function migratedUpTo(migration: string) {
  const ownerUrl = process.env.DATABASE_OWNER_URL!;
  const name = `mig_${randomBytes(5).toString("hex")}`;
  const url = new URL(ownerUrl);
  url.pathname = `/${name}`;
  await adminQuery(ownerUrl, `CREATE DATABASE "${name}"`);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const apply = (m: string) => client.query(migrationSql(m));
  const before = fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, "migration.sql")) && d < migration)
    .sort();
  for (const m of before) await apply(m);
  return {
    client,
    /** The scratch database's URL as the admin owner. */
    url: url.toString(),
    apply,
    drop: async () => {
      await client.end();
      await adminQuery(ownerUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
