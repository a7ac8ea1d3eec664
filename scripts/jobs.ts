// `npm run jobs`: periodic maintenance, once. Schedule it (cron, a platform
// scheduler) daily in production; `npm start` also runs it every 6 hours.
import { db } from "@/lib/db/client";
import { closePool } from "@/lib/db/pool";
import { expireStamps } from "@/lib/stamping/expire-stamps";

const { cards } = await expireStamps();
console.log(`[jobs] stamps lapsed on ${cards} card(s)`);
await Promise.all([db().$disconnect(), closePool()]);
