// The two adapters around HttpResult/HttpRequest — Web Request/Response for the
// Next route handlers, node:http for the server's fast path — see and send the
// same thing, and the one body reader enforces the limit on both.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { nodeRequest, send } from "@/lib/http/node";
import { readJson, type HttpRequest } from "@/lib/http/request";
import { errorResult, run, type HttpResult } from "@/lib/http/result";
import { toResponse, webRequest } from "@/lib/http/web";

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === "string" ? Buffer.from(p) : p;
}
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("readJson", () => {
  it("parses JSON within the limit, also split inside a multi-byte character", async () => {
    const euro = Buffer.from('{"x":"€"}');
    expect(await readJson(chunks(euro.subarray(0, 7), euro.subarray(7)), null, euro.length)).toEqual({ x: "€" });
  });

  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const untouched = { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error("read")) }) };
    const e = await rejection(readJson(untouched, "17", 16));
    expect([e?.code, e?.messageKey]).toEqual(["PAYLOAD_TOO_LARGE", "tooLarge"]);
  });

  it("stops reading an undeclared body as soon as it passes the limit", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(10);
      }
    }
    expect((await rejection(readJson(endless(), null, 25)))?.status).toBe(413);
    expect(pulled).toBe(3);
  });

  it("malformed, empty or absent: 400 malformedJson", async () => {
    for (const body of [chunks("{oops"), chunks(""), null]) {
      const e = await rejection(readJson(body, null, 100));
      expect([e?.status, e?.messageKey]).toEqual([400, "malformedJson"]);
    }
  });
});

// A node:http server that hands each request to a test's handler (the fast path's side).
let base: string;
let server: http.Server;
let onRequest: (req: http.IncomingMessage, res: http.ServerResponse) => void;

beforeAll(async () => {
  server = http.createServer((req, res) => onRequest(req, res));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the request, as endpoints see it", () => {
  it("is the same from a Web Request and from node's IncomingMessage", async () => {
    const see = async (req: HttpRequest) => ({
      method: req.method,
      path: req.path,
      q: req.query.get("q"),
      auth: req.header("Authorization"),
      missing: req.header("x-none"),
      body: await req.json(100),
    });
    const path = "/api/x/a%2Fb%E0?q=caf%C3%A9&r=1";
    const init = { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: '{"a":1}' };
    let fromNode: unknown;
    onRequest = (req, res) => void see(nodeRequest(req)).then((s) => ((fromNode = s), res.end()));
    await (await fetch(base + path, init)).arrayBuffer();
    const fromWeb = await see(webRequest(new Request(`http://localhost${path}`, init)));
    expect(fromWeb).toEqual({ method: "POST", path: "/api/x/a%2Fb%E0", q: "café", auth: "Bearer t", missing: null, body: { a: 1 } });
    expect(fromNode).toEqual(fromWeb);
  });
});

describe("the answer, as clients receive it", () => {
  const results: HttpResult[] = [
    { status: 200, headers: { "Cache-Control": "no-store" }, body: { ok: true, at: new Date(0) } },
    {
      status: 200,
      headers: { "Content-Type": "application/vnd.apple.pkpass", "Last-Modified": "Thu, 01 Jan 2026 00:00:00 GMT" },
      body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff]),
    },
    { status: 201 },
    { status: 204, body: { dropped: true } },
    { status: 304, headers: { "Last-Modified": "Thu, 01 Jan 2026 00:00:00 GMT" } },
    { status: 303, headers: { Location: "https://pay.google.com/x" } },
    errorResult(new AppError("RATE_LIMITED", "pinLocked", undefined, 30)),
  ];
  const wire = async (res: Response) => ({
    status: res.status,
    type: res.headers.get("content-type"),
    headers: Object.fromEntries(["cache-control", "last-modified", "location", "retry-after"].map((k) => [k, res.headers.get(k)])),
    body: [...new Uint8Array(await res.arrayBuffer())],
  });

  it.each(results.map((r) => [r.status, r] as const))("%i is the same from toResponse and from send", async (_status, r) => {
    onRequest = (req, res) => send(req, res, r, { "X-Content-Type-Options": "nosniff" });
    const fromNode = await fetch(base + "/", { redirect: "manual" });
    expect(fromNode.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await wire(fromNode)).toEqual(await wire(toResponse(r)));
  });

  it("node: a body over the limit is answered 413 with the standard error, and the connection closed instead of cut", async () => {
    onRequest = (req, res) => void run(async () => ({ status: 200, body: await nodeRequest(req).json(1024) })).then((r) => send(req, res, r, {}));
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(new Uint8Array(64 * 1024)) });
    const res = await fetch(base + "/", { method: "POST", body: endless, duplex: "half" } as RequestInit);
    expect([res.status, res.headers.get("connection"), await res.json()]).toEqual([413, "close", { error: "PAYLOAD_TOO_LARGE", message: "tooLarge" }]);
    const small = await fetch(base + "/", { method: "POST", body: "[1]" });
    expect([small.status, small.headers.get("connection"), await small.json()]).toEqual([200, "keep-alive", [1]]);
  });
});
