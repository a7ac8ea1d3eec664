// `npm run worker`: the job workers on their own (wallet pushes), for deployments
// that run the web server with STEMPEL_WORKERS=off. Stops cleanly on SIGTERM.
import { startWorkers } from "@/lib/jobs/worker";
import { logger } from "@/lib/log/logger";

const boss = await startWorkers();
logger.info("job workers running");
const stop = async () => {
  await boss.stop({ graceful: true, timeout: 10_000, wait: true });
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
