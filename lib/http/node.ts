// The production server's fast path (./fast-path.ts) → endpoints: node's
// IncomingMessage becomes an HttpRequest, the HttpResult is written to the
// ServerResponse with the headers Next would have added.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRequest } from "./request";
import { readJson } from "./request";
import { encode, type HttpResult } from "./result";

export function nodeRequest(req: IncomingMessage): HttpRequest {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const header = (name: string) => {
    const v = req.headers[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
  };
  return {
    method: req.method ?? "GET",
    path: q < 0 ? target : target.slice(0, q),
    query: new URLSearchParams(q < 0 ? "" : target.slice(q + 1)),
    header,
    // Not `req` itself: its iterator destroys the request when the reader stops early, and the 413 is still to be answered.
    json: (maxBytes) => readJson(req.iterator({ destroyOnReturn: false }), header("content-length"), maxBytes),
  };
}

/** A body we did not read to its end (too large, or not wanted) is not left on a kept-alive connection: it closes after the answer. */
const unread = (req: IncomingMessage) => !req.complete && (req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0);

export function send(req: IncomingMessage, res: ServerResponse, r: HttpResult, baseHeaders: Record<string, string>) {
  const { bytes, contentType } = encode(r);
  const headers: Record<string, string | number> = { ...baseHeaders, ...r.headers };
  if (contentType) headers["Content-Type"] = contentType;
  if (bytes !== null) headers["Content-Length"] = Buffer.byteLength(bytes);
  if (unread(req)) headers.Connection = "close";
  res.writeHead(r.status, headers);
  res.end(bytes ?? undefined);
}
