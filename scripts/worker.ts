// `npm run worker`: the job workers on their own (wallet pushes), for deployments
// that run the web server with STEMPEL_WORKERS=off. Stops cleanly on SIGTERM.
// With METRICS_PORT set it serves its own GET /metrics there (METRICS_TOKEN).
// Runs at a lower CPU priority (WORKER_NICE, lib/jobs/priority.ts).
import { lowerWorkerPriority } from "@/lib/jobs/priority";
import { startWorkers } from "@/lib/jobs/worker";
import { logger } from "@/lib/log/logger";
import { metricsConfig } from "@/lib/metrics/config";
import { startMetricsServer } from "@/lib/metrics/endpoint";

const { port: metricsPort } = metricsConfig();
const nice = lowerWorkerPriority();
const boss = await startWorkers();
const metrics = metricsPort ? startMetricsServer(metricsPort) : null;
logger.info({ metricsPort, nice }, "job workers running");
const stop = async () => {
  metrics?.close();
  await boss.stop({ graceful: true, timeout: 10_000, wait: true });
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
