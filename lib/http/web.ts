// Next route handlers → endpoints: the Web Request becomes an HttpRequest, the
// HttpResult a Response. Next adds the security headers (next.config.ts, proxy.ts).
import type { HttpRequest } from "./request";
import { readJson } from "./request";
import { encode, run, type HttpResult } from "./result";

export function webRequest(req: Request): HttpRequest {
  const url = new URL(req.url);
  return {
    method: req.method,
    path: url.pathname,
    query: url.searchParams,
    header: (name) => req.headers.get(name),
    // Node's web streams are async-iterable; TypeScript's DOM types do not say so yet.
    json: (maxBytes) => readJson(req.body as AsyncIterable<Uint8Array> | null, req.headers.get("content-length"), maxBytes),
  };
}

export function toResponse(r: HttpResult): Response {
  const { bytes, contentType } = encode(r);
  const headers = new Headers(r.headers);
  if (contentType) headers.set("Content-Type", contentType);
  return new Response(typeof bytes === "string" || bytes === null ? bytes : new Uint8Array(bytes), { status: r.status, headers });
}

/** A route handler for `endpoint`, with the params Next matched; whatever it throws is answered through errorResult. */
export function route<P = unknown>(endpoint: (req: HttpRequest, params: P) => Promise<HttpResult>) {
  return async (req: Request, ctx?: { params: Promise<P> }) => toResponse(await run(async () => endpoint(webRequest(req), (await ctx?.params) as P)));
}
