// `npm run db:migrate`: the database setup a release needs — Prisma migrations,
// then the job queue's schema (pg-boss) — against DATABASE_URL.
import { migrate } from "./lib/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (see README → Configuration)");
  process.exit(1);
}
await migrate(url);
console.log("[stempel] database migrated");
