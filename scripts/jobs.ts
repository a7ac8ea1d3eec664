// `npm run jobs`: periodic maintenance, once. Schedule it (cron, a platform
// scheduler) daily in production; `npm start` also runs it every 6 hours.
import { closeDatabase } from "@/lib/db/close";
import { expireStamps } from "@/lib/stamping/expire-stamps";

const { cards } = await expireStamps();
console.log(`[jobs] stamps lapsed on ${cards} card(s)`);
await closeDatabase();
