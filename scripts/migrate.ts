// `npm run db:migrate`: the database setup a release needs, run as the owner
// (DATABASE_OWNER_URL, else DATABASE_URL): Prisma migrations, the job queue's
// schema (pg-boss), and the app's login role named in DATABASE_URL.
import { migrate } from "./lib/migrate";

const appUrl = process.env.DATABASE_URL;
const ownerUrl = process.env.DATABASE_OWNER_URL ?? appUrl;
if (!appUrl || !ownerUrl) {
  console.error("DATABASE_URL is not set (see README → Configuration)");
  process.exit(1);
}
await migrate(ownerUrl, appUrl);
console.log("[stempel] database migrated");
