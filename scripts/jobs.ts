// `npm run jobs`: periodic maintenance, once. Schedule it (cron, a platform
// scheduler) hourly in production (insights scores are then at most an hour old); `npm start` also runs it every 6 hours.
import { closeDatabase } from "@/lib/db/close";
import { refreshDueInsights } from "@/lib/insights/refresh-insights";
import { runMessageScheduler } from "@/lib/messages/scheduler";
import { expireStamps } from "@/lib/stamping/expire-stamps";

const { cards } = await expireStamps();
console.log(`[jobs] stamps lapsed on ${cards} card(s)`);
const { merchants } = await refreshDueInsights();
console.log(`[jobs] insights refreshed for ${merchants} merchant(s)`);
const messages = await runMessageScheduler();
console.log(
  `[jobs] messages: ${messages.campaignsStarted} scheduled campaign(s) started, automations queued ${messages.queued} for ${messages.orgs} merchant(s), ${messages.bonuses} bonus(es) given`,
);
await closeDatabase();
