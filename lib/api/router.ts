// /api/v1: one dispatcher for every route of the table (./routes.ts), served by
// the Next catch-all route handler (app/api/v1/[...path]/route.ts) and by the
// production server's fast path (lib/http/fast-path.ts), like the tablet's
// stamp endpoint. Order: route and method, the key (401, then the per-key rate
// limit 429, then its scope 403), the input (404 for a bad path parameter, 422
// for a bad query or body, 400 for a body that is not JSON), the handler.
// Every answer has an X-Request-Id and, once the key is known, RateLimit-* headers.
import { requestIdOf } from "@/lib/log/request-id";
import { assertWritable } from "@/lib/billing/entitlements";
import { originOf, withAuditOrigin } from "@/lib/audit/audit";
import { AppError } from "@/lib/errors/app-error";
import type { HttpRequest } from "@/lib/http/request";
import type { HttpResult, Json } from "@/lib/http/result";
import { authenticate, keyHashOf, presentedKey, RATE_WINDOW_SECONDS, type RateState } from "./auth";
import { apiError, apiLocale } from "./errors";
import { idempotencyKeyOf, requestHash } from "./idempotency";
import { API_ROUTES, BASE, pathPattern, type ApiRoute } from "./routes";

const COMPILED = API_ROUTES.map((route) => ({ route, pattern: pathPattern(route.path) }));
const DEFAULT_MAX_BYTES = 16 * 1024;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new AppError("BAD_REQUEST", "badPath");
  }
}

/** The route for a path below /api/v1 and a method (HEAD as GET); 404 or 405 with Allow. */
export function matchRoute(method: string, path: string): { route: ApiRoute; raw: Record<string, string> } | { allow: string } | null {
  const sub = path.slice(BASE.length) || "/";
  const found = COMPILED.flatMap(({ route, pattern }) => {
    const m = pattern.exec(sub);
    return m ? [{ route, raw: m.groups ?? {} }] : [];
  });
  if (!found.length) return null;
  const hit = found.find((f) => f.route.method === method || (method === "HEAD" && f.route.method === "GET"));
  if (hit) return hit;
  const methods = found.map((f) => f.route.method);
  return { allow: (methods.includes("GET") ? [...methods, "HEAD"] : methods).join(", ") };
}

/** A POST without a body (Content-Length: 0) is an empty object: every field of a card action has a default. */
const noBody = (req: HttpRequest) => req.header("content-length") === "0";

type Matched = ReturnType<typeof matchRoute>;

async function handle(req: HttpRequest, rate: { state?: RateState }, matched: Matched): Promise<HttpResult> {
  if (!matched) throw new AppError("NOT_FOUND");
  if ("allow" in matched)
    return { ...apiError(new AppError("METHOD_NOT_ALLOWED"), apiLocale(req.header("accept-language"))), headers: { Allow: matched.allow } };
  const { route, raw } = matched;
  if (route.kind === "public") return { status: 200, ...(await route.handler()) } as HttpResult;

  // The key first: a caller without one learns nothing about the input.
  const presented = route.kind === "card" ? presentedKey(req) : null;
  const principal = route.kind === "card" ? null : await authenticate(req, route.scope, rate);
  // A read-only account (trial over, payment lapsed) reads but does not write; card actions follow the stamping grace instead.
  if (principal && route.method !== "GET") assertWritable(principal.account);

  const decoded = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decode(v)]));
  const params = route.params ? route.params.safeParse(decoded) : { success: true as const, data: {} };
  if (!params.success) throw new AppError("NOT_FOUND", route.path.startsWith("/cards/") ? "cardNotFound" : "NOT_FOUND");
  const query = route.query ? route.query.parse(Object.fromEntries(req.query)) : {};
  const rawBody: unknown = route.body ? (noBody(req) ? {} : await req.json(route.maxBytes ?? DEFAULT_MAX_BYTES)) : undefined;
  const body = route.body ? route.body.parse(rawBody) : undefined;
  const idempotencyKey = route.idempotent ? idempotencyKeyOf(req) : null;
  const hash = idempotencyKey ? requestHash(route.operationId, params.data, rawBody) : null;
  const base = { params: params.data, query, body, idempotencyKey, requestHash: hash } as never;

  // Audit entries recorded by the handler name the key and the caller's address (lib/audit).
  const origin = { ...originOf((n) => req.header(n)), apiKeyId: principal?.apiKeyId ?? null };
  const answer = await withAuditOrigin(origin, () =>
    route.kind === "card"
      ? route.handler({ ...(base as object), presented: presented!, rate } as never)
      : route.kind === "correct"
        ? route.handler({ ...(base as object), principal: principal!, keyHash: keyHashOf(req) } as never)
        : route.handler({ ...(base as object), principal: principal! } as never),
  );
  return { status: answer.status ?? 200, body: answer.body as Json };
}

function rateHeaders(state: RateState | undefined): Record<string, string> {
  if (!state) return {};
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
    "RateLimit-Policy": `${state.limit};w=${RATE_WINDOW_SECONDS}`,
  };
}

/** Answers one request to /api/v1/…; never throws. `matched`: the route as the caller matched it already (the production fast path, for its metrics label). */
export async function dispatchApi(req: HttpRequest, matched: Matched = matchRoute(req.method, req.path)): Promise<HttpResult> {
  const requestId = requestIdOf(req.header("x-request-id"));
  const rate: { state?: RateState } = {};
  let result: HttpResult;
  try {
    result = await handle(req, rate, matched);
  } catch (error) {
    result = apiError(error, apiLocale(req.header("accept-language")));
  }
  return { ...result, headers: { "Cache-Control": "no-store", "X-Request-Id": requestId, ...rateHeaders(rate.state), ...result.headers } };
}
