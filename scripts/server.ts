// The production server: Next.js for everything, plus a fast path for the two
// endpoints under load: stamping (rush hour) and fetching the latest Apple
// pass (every device at once after a push). Same endpoint function, body
// limits, error mapping and security headers as their Next route handlers —
// minus Next's per-request routing cost (lib/http/fast-path.ts). `npm start`,
// `npm run serve`, the e2e server and bench:stamp all run it. (Plain
// `next start` also works: the same endpoints are route handlers too, just
// slower under load.)
import http from "node:http";
import path from "node:path";
import next from "next";
import { fastPath } from "@/lib/http/fast-path";
import { startWorkers } from "@/lib/jobs/worker";
import { loadRoutePatterns } from "@/lib/metrics/metrics";

const port = Number(process.env.PORT ?? 3000);
const dir = path.resolve(import.meta.dirname, "..");
const app = next({ dev: false, dir });
const handle = app.getRequestHandler();

await app.prepare();
// The request-duration histogram (GET /metrics) labels requests with Next's route patterns, read from the build.
loadRoutePatterns(dir);
// Job workers (wallet pushes) in this process, unless they run elsewhere (`npm run worker`).
const workers = process.env.STEMPEL_WORKERS === "off" ? null : await startWorkers();
const server = http.createServer(fastPath((req, res) => void handle(req, res)));
server.keepAliveTimeout = 65_000;
server.listen(port, () => console.log(`▲ Stempel ready on http://localhost:${port}`));
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.close();
  // Let running jobs finish and pg-boss close its connections before the database may go away.
  await workers?.stop({ graceful: true, timeout: 5000, wait: true }).catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
