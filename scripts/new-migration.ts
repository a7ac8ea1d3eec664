// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL from the committed schema (git HEAD) to the working schema. Needs no running
// database: a throwaway embedded server hosts Prisma's (WebAssembly) schema engine.
// (`prisma migrate dev` works too, but its shadow replay of our trigger migration trips a
// wasm panic in Prisma 6.19.)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";

const name = process.argv[2]?.replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(1);
}
const root = path.resolve(import.meta.dirname, "..");
const previous = path.join(os.tmpdir(), `stempel-schema-${process.pid}.prisma`);
// MIGRATION_BASE=<git ref> when the schema change is already committed.
fs.writeFileSync(previous, execFileSync("git", ["show", `${process.env.MIGRATION_BASE ?? "HEAD"}:prisma/schema.prisma`], { cwd: root }));
const pg = await startEmbeddedPostgres({ persistent: false });
try {
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: pg.url("postgres") },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(root, "prisma", "migrations", `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql — review it (defaults for new NOT NULL columns!) and commit it.`);
} finally {
  await pg.stop();
  fs.rmSync(previous, { force: true });
}
