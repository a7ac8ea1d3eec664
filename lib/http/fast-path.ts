// The two endpoints under load — stamping (rush hour) and fetching the latest
// Apple pass (every device at once after a push) — defined once and served two
// ways: by the production server straight from node:http (fastPath, used by
// scripts/server.ts: no Next routing cost, ~3 ms of CPU per request on 2 cores)
// and by their Next route handlers (onNext: `next dev`, plain `next start`).
// Both run dispatch, so limits, errors and headers cannot drift apart
// (tests/integration/http-parity.test.ts sends the same requests to both).
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { dispatchApi, matchRoute } from "@/lib/api/router";
import { BASE } from "@/lib/api/routes";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { withRequestId } from "@/lib/log/request-context";
import { requestIdOf } from "@/lib/log/request-id";
import { metricsEndpoint } from "@/lib/metrics/endpoint";
import { observeRequest, routeLabel } from "@/lib/metrics/metrics";
import { HSTS, isHttps, securityHeaders } from "@/lib/security/headers";
import { applyCardAction } from "@/lib/stamping/card-action";
import { latestPass } from "@/lib/wallet/apple/web-service";
import { nodeRequest, send } from "./node";
import { bearer, type HttpRequest } from "./request";
import { errorResult, ok, run, type HttpResult } from "./result";
import { toResponse, webRequest } from "./web";

export type FastRoute = {
  method: "GET" | "POST";
  /** Its named groups are the path parameters. */
  path: RegExp;
  /** Whether Next's proxy.ts adds HSTS (over https) to this path: its matcher skips /api/tablet/. */
  hsts: boolean;
  endpoint: (req: HttpRequest, params: Record<string, string>) => Promise<HttpResult>;
};

export const tabletActions: FastRoute = {
  method: "POST",
  path: /^\/api\/tablet\/actions$/,
  hsts: false,
  // Counted in the stamp outcome metric by applyCardActionAs (as API v1's card actions are).
  endpoint: async (req) => ok(await applyCardAction(bearer(req), await req.json(16 * 1024))),
};

export const applePass: FastRoute = {
  method: "GET",
  path: /^\/api\/apple\/v1\/passes\/(?<passTypeId>[^/]+)\/(?<serial>[^/]+)$/,
  hsts: true,
  endpoint: (req, p) => latestPass(p.passTypeId, p.serial, req.header("authorization"), req.header("if-modified-since")),
};

/** Prometheus metrics (lib/metrics): 404 unless METRICS_TOKEN is set, then the token as Bearer. */
export const metricsRoute: FastRoute = {
  method: "GET",
  path: /^\/metrics$/,
  hsts: false,
  endpoint: (req) => metricsEndpoint(req),
};

const ROUTES = [tabletActions, applePass, metricsRoute];
/** Their label in the request-duration histogram: the pattern, as Next names its routes. */
const LABEL = new Map<FastRoute, string>([
  [tabletActions, "/api/tablet/actions"],
  [applePass, "/api/apple/v1/passes/[passTypeId]/[serial]"],
  [metricsRoute, "/metrics"],
]);

/** decodeURIComponent, but a malformed escape is the client's error (400), not a 500. */
export function decodePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new AppError("BAD_REQUEST", "badPath");
  }
}

/** Path parameters, then the method (HEAD as GET, like Next), then the endpoint; the answer is never stored (it depends on credentials). */
export async function dispatch(route: FastRoute, req: HttpRequest): Promise<HttpResult> {
  const result = await run(async () => {
    const groups = route.path.exec(req.path)?.groups ?? {};
    const params = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decodePath(v)]));
    if (req.method === route.method || (req.method === "HEAD" && route.method === "GET")) return route.endpoint(req, params);
    const refused = errorResult(new AppError("METHOD_NOT_ALLOWED"));
    return { ...refused, headers: { Allow: route.method === "GET" ? "GET, HEAD" : route.method } };
  });
  return { ...result, headers: { "Cache-Control": "no-store", ...result.headers } };
}

/** The route as a Next route handler (the params Next matched are read from the path again, as on the fast path). */
export const onNext = (route: FastRoute) => async (req: Request, _context?: unknown) => toResponse(await dispatch(route, webRequest(req)));

// next.config.ts's headers for every path (`next build` bakes them in with NODE_ENV=production).
const SECURITY = Object.fromEntries(securityHeaders(true).map((h) => [h.key, h.value]));

function answer(req: IncomingMessage, res: ServerResponse, request: HttpRequest, r: HttpResult, hsts: boolean) {
  // As proxy.ts decides it: https as the TLS-terminating proxy in front reports it (this server speaks plain http).
  const https = hsts && isHttps(request.header("x-forwarded-proto"), "http:");
  send(req, res, r, https ? { ...SECURITY, "Strict-Transport-Security": HSTS } : SECURITY);
}

/**
 * The server's request listener: the fast routes are answered here, everything
 * else is handed to `next` — except a path with a malformed %-escape, which Next
 * would answer with a 500.
 */
export function fastPath(next: RequestListener): RequestListener {
  return (req, res) => {
    // Every request has an id (the caller's valid X-Request-Id, else a new one): echoed, and on every log line and job of it.
    const requestId = requestIdOf(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const timed = res as Timed;
    timed[STARTED] = performance.now();
    res.on("finish", observe);
    withRequestId(requestId, () => serve(req, timed, next));
  };
}

const STARTED = Symbol("started");
const ROUTE = Symbol("route");
type Timed = ServerResponse & { [STARTED]: number; [ROUTE]?: string };

/** The request-duration histogram (lib/metrics), when the answer is sent: by route pattern, never the raw URL. */
function observe(this: Timed) {
  const req = this.req;
  const route = this[ROUTE] ?? routeLabel((req.url ?? "/").split("?", 1)[0]);
  observeRequest(route, req.method ?? "GET", this.statusCode, (performance.now() - this[STARTED]) / 1000);
}

function serve(req: IncomingMessage, res: Timed, next: RequestListener) {
  // The client's address for rate limits (lib/auth/client-ip.ts): the socket's peer, never what a client sent.
  if (req.socket.remoteAddress) req.headers[PEER_HEADER] = req.socket.remoteAddress;
  else delete req.headers[PEER_HEADER];
  const request = nodeRequest(req);
  // The public API (lib/api/router.ts): one dispatcher for all of /api/v1, as its Next catch-all route does.
  if (request.path.startsWith("/api/v1/")) {
    const matched = matchRoute(request.method, request.path);
    res[ROUTE] = matched && "route" in matched ? BASE + matched.route.path : "/api/v1/*";
    dispatchApi(request, matched)
      .then((r) => answer(req, res, request, r, true))
      .catch((error: unknown) => {
        logger.error({ err: error }, "api fast path failed");
        res.destroy();
      });
    return;
  }
  const route = ROUTES.find((r) => r.path.test(request.path));
  if (route) {
    res[ROUTE] = LABEL.get(route);
    dispatch(route, request)
      .then((r) => answer(req, res, request, r, route.hsts))
      .catch((error: unknown) => {
        logger.error({ err: error }, "fast path failed");
        res.destroy();
      });
    return;
  }
  try {
    decodePath(request.path);
  } catch (error) {
    answer(req, res, request, errorResult(error), false);
    return;
  }
  next(req, res);
}
