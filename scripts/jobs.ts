// `npm run jobs`: periodic maintenance, once. Schedule it (cron, a platform
// scheduler) hourly in production (insights scores are then at most an hour old); `npm start` also runs it every 6 hours.
import { closeDatabase } from "@/lib/db/close";
import { refreshDueInsights } from "@/lib/insights/refresh-insights";
import { expireStamps } from "@/lib/stamping/expire-stamps";

const { cards } = await expireStamps();
console.log(`[jobs] stamps lapsed on ${cards} card(s)`);
const { merchants } = await refreshDueInsights();
console.log(`[jobs] insights refreshed for ${merchants} merchant(s)`);
await closeDatabase();
