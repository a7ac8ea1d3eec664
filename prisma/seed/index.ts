// `npm run db:seed`: seeds the demo merchant into DATABASE_URL. Refuses a
// non-local database unless SEED_ALLOW_REMOTE=1, so production is never seeded by accident.
import { ownerDb as db } from "@/lib/db/owner";
import { seedDemo } from "./demo";

const url = new URL(process.env.DATABASE_URL ?? "postgresql://missing");
if (!["localhost", "127.0.0.1", "::1"].includes(url.hostname) && process.env.SEED_ALLOW_REMOTE !== "1") {
  console.error(`Refusing to seed ${url.hostname}: set SEED_ALLOW_REMOTE=1 if you really mean it.`);
  process.exit(1);
}
const result = await seedDemo(db());
console.log(result.created ? "Demo data seeded." : "Demo data already present; nothing changed.");
await db().$disconnect();
