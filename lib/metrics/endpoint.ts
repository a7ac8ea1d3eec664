// GET /metrics: this process's registry (./metrics.ts) in Prometheus' text
// format, for a scraper holding METRICS_TOKEN (`Authorization: Bearer …`).
// Without METRICS_TOKEN the endpoint does not exist (404), so it is never open
// by accident; a wrong or missing token is a 401 with the standard error.
// Served by the web server's fast path (lib/http/fast-path.ts) and, when
// METRICS_PORT is set, by `npm run worker` on that port (scripts/worker.ts).
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { AppError } from "@/lib/errors/app-error";
import { nodeRequest, send } from "@/lib/http/node";
import { bearer, type HttpRequest } from "@/lib/http/request";
import { errorResult, run, type HttpResult } from "@/lib/http/result";
import { metricsConfig } from "./config";
import { metricsText } from "./metrics";

const digest = (s: string) => createHash("sha256").update(s).digest();

export async function metricsEndpoint(req: HttpRequest): Promise<HttpResult> {
  const { token } = metricsConfig();
  if (!token) throw new AppError("NOT_FOUND");
  if (!timingSafeEqual(digest(bearer(req) ?? ""), digest(token))) {
    return { ...errorResult(new AppError("UNAUTHENTICATED")), headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } };
  }
  const { contentType, body } = await metricsText();
  return { status: 200, headers: { "Content-Type": contentType, "Cache-Control": "no-store" }, body: Buffer.from(body) };
}

/** A server answering only GET /metrics (the worker process, on METRICS_PORT). */
export function startMetricsServer(port: number): http.Server {
  return http
    .createServer((req, res) => {
      const request = nodeRequest(req);
      const answer =
        request.path === "/metrics" && (request.method === "GET" || request.method === "HEAD")
          ? run(() => metricsEndpoint(request))
          : Promise.resolve(errorResult(new AppError("NOT_FOUND")));
      void answer.then((r) => send(req, res, r, {}));
    })
    .listen(port);
}
