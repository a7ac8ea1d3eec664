// The two doors to the stamp API and the Apple pass endpoint answer alike: the
// same requests — bad ones above all — go to the exported Next route handler
// (plus the headers next.config.ts and proxy.ts add to Next's responses) and to
// the production server's fast path on a real port, and must get the same
// status, body and client-relevant headers.
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as passRoute from "@/app/api/apple/v1/passes/[passTypeId]/[serial]/route";
import * as actionsRoute from "@/app/api/tablet/actions/route";
import * as unlockRoute from "@/app/api/tablet/unlock/route";
import { ownerDb as db } from "@/lib/db/owner";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { fastPath } from "@/lib/http/fast-path";
import { securityHeaders } from "@/lib/security/headers";
import { appleConfig } from "@/lib/wallet/apple/config";
import nextConfig from "@/next.config";
import { config as proxyConfig, proxy } from "@/proxy";
import { makeMerchant, newCard, tablet } from "./helpers";

type Handler = (req: Request) => Promise<Response>;
type Send = { method?: string; headers?: Record<string, string>; body?: string | (() => ReadableStream<Uint8Array>) };
type Wire = { status: number; body: string; headers: Record<string, string> };

const RELEVANT = [
  "content-type",
  "cache-control",
  "allow",
  "retry-after",
  "last-modified",
  "content-disposition",
  "strict-transport-security",
  ...securityHeaders(true).map((h) => h.key.toLowerCase()),
];
const MB = 1024 * 1024;

let base: string;
let server: http.Server;
const handedToNext: { url?: string; peer?: string | string[] }[] = [];
let auth: string;
let card: Awaited<ReturnType<typeof newCard>>;
let passPath: string;

beforeAll(async () => {
  const m = await makeMerchant("Parity", { customers: 0 });
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 100, maxStampsPerDay: 100 } });
  auth = `Bearer ${(await tablet(m, "1357")).sessionToken}`;
  card = await newCard(m);
  passPath = `/api/apple/v1/passes/${appleConfig().passTypeIdentifier}/${card.serial}`;
  // What scripts/server.ts runs; Next's place is taken by a stub that records what reached it.
  server = http.createServer(
    fastPath((req, res) => {
      handedToNext.push({ url: req.url, peer: req.headers[PEER_HEADER] });
      res.writeHead(418).end();
    }),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function pick(headers: Headers | Record<string, string>): Record<string, string> {
  const h = headers instanceof Headers ? headers : new Headers(headers);
  return Object.fromEntries(RELEVANT.filter((k) => h.has(k)).map((k) => [k, h.get(k)!]));
}

function init({ method = "GET", headers = {}, body }: Send): RequestInit {
  if (typeof body === "function") return { method, headers, body: body(), duplex: "half" } as RequestInit;
  // As a client sends it: a known body goes with its Content-Length.
  return { method, headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) }, body };
}

async function viaFastPath(path: string, send: Send): Promise<Wire> {
  const res = await fetch(base + path, init(send));
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString("latin1"), headers: pick(res.headers) };
}

/** The Next route handler's answer with the headers Next adds to it: next.config.ts's (as `next build` bakes them), then proxy.ts's where its matcher applies. */
async function viaNext(handler: Handler, path: string, send: Send): Promise<Wire> {
  const url = `http://localhost${path}`;
  const res = await handler(new Request(url, init(send)));
  vi.stubEnv("NODE_ENV", "production");
  const rules = await nextConfig.headers!();
  vi.unstubAllEnvs();
  // The rules whose source matches (`/x/:path*` = the prefix /x/, as Next matches them).
  const applies = (source: string) => path.startsWith(source.replace(/:path\*$/, ""));
  const headers = new Headers(rules.filter((r) => applies(r.source)).flatMap((r) => r.headers.map((h): [string, string] => [h.key, h.value])));
  if (new RegExp(`^${proxyConfig.matcher}$`).test(path)) {
    proxy(new NextRequest(url, { headers: send.headers })).headers.forEach((v, k) => !k.startsWith("x-middleware-") && headers.set(k, v));
  }
  res.headers.forEach((v, k) => headers.set(k, v));
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString("latin1"), headers: pick(headers) };
}

/** Both doors, one answer: returns it for the case's own expectations. */
async function same(handler: Handler, path: string, send: Send): Promise<Wire> {
  const [next, fast] = [await viaNext(handler, path, send), await viaFastPath(path, send)];
  expect(fast).toEqual(next);
  return fast;
}

const json = (w: Wire) => JSON.parse(w.body) as Record<string, unknown>;
const stampBody = (key = randomUUID()) => JSON.stringify({ kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key });
const https = { "x-forwarded-proto": "https" };

describe("the same bad request gets the same answer from the Next route and the fast path", () => {
  it("a body over the route's limit: 413 with the standard error, by Content-Length or while streaming (the socket is not cut)", async () => {
    const tooLarge = { error: "PAYLOAD_TOO_LARGE", message: "tooLarge" };
    const declared = await same(actionsRoute.POST, "/api/tablet/actions", {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: "x".repeat(10 * MB),
    });
    expect([declared.status, json(declared)]).toEqual([413, tooLarge]);
    const chunk = new Uint8Array(MB).fill(32);
    const streamed = () => new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(chunk) }); // never ends: only the limit stops it
    const undeclared = await same(actionsRoute.POST, "/api/tablet/actions", { method: "POST", headers: { authorization: auth }, body: streamed });
    expect([undeclared.status, json(undeclared)]).toEqual([413, tooLarge]);
    // A request right after on a fresh connection is served normally.
    expect((await viaFastPath("/api/tablet/actions", { method: "POST", headers: { authorization: auth }, body: stampBody() })).status).toBe(200);
  });

  it("the unlock route (Next only) refuses a 10 MB body with 413 too", async () => {
    const res = await unlockRoute.POST(
      new Request("http://localhost/api/tablet/unlock", init({ method: "POST", body: JSON.stringify({ deviceToken: "x".repeat(10 * MB), pin: "1234" }) })),
    );
    expect([res.status, await res.json()]).toEqual([413, { error: "PAYLOAD_TOO_LARGE", message: "tooLarge" }]);
    const malformed = await unlockRoute.POST(new Request("http://localhost/api/tablet/unlock", init({ method: "POST", body: "{oops" })));
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: "BAD_REQUEST", message: "malformedJson" }]);
  });

  it("malformed JSON or content that is not JSON: 400; JSON of the wrong shape: 422; never a 500", async () => {
    const post = (body: string, contentType = "application/json") =>
      same(actionsRoute.POST, "/api/tablet/actions", { method: "POST", headers: { authorization: auth, "content-type": contentType }, body });
    for (const body of ["{oops", "", "hello"]) {
      const w = await post(body, "text/plain");
      expect([w.status, json(w)]).toEqual([400, { error: "BAD_REQUEST", message: "malformedJson" }]);
    }
    for (const body of ["null", "[]", '{"kind":"stomp"}', JSON.stringify({ kind: "stamp", amount: 1, serial: card.serial })]) {
      const w = await post(body);
      expect(w.status, body).toBe(422);
      expect(json(w)).toMatchObject({ error: "VALIDATION", fieldErrors: expect.any(Object) });
    }
  });

  it("a method the route does not serve: 405 with Allow", async () => {
    const get = await same(actionsRoute.POST, "/api/tablet/actions", { method: "GET", headers: { authorization: auth } });
    expect([get.status, json(get), get.headers.allow]).toEqual([405, { error: "METHOD_NOT_ALLOWED", message: "METHOD_NOT_ALLOWED" }, "POST"]);
    const del = await same(passRoute.GET, passPath, { method: "DELETE", headers: https });
    expect([del.status, del.headers.allow, del.headers["strict-transport-security"]]).toEqual([405, "GET, HEAD", expect.stringContaining("max-age=")]);
  });

  it("a malformed %-escape in the path: 400, not a 500", async () => {
    const bad = passPath.replace(card.serial, "%E0%A4%A");
    const w = await same(passRoute.GET, bad, { headers: { authorization: `ApplePass ${card.authToken}`, ...https } });
    expect([w.status, json(w)]).toEqual([400, { error: "BAD_REQUEST", message: "badPath" }]);
    expect(w.headers["strict-transport-security"]).toContain("max-age="); // proxy.ts covers /api/apple/…, not /api/tablet/
  });
});

describe("good requests too", () => {
  it("a stamp and its replay: same body and headers (no HSTS under /api/tablet/, as proxy.ts leaves it out)", async () => {
    const key = randomUUID();
    const first = await viaFastPath("/api/tablet/actions", { method: "POST", headers: { authorization: auth, ...https }, body: stampBody(key) });
    expect([first.status, json(first)]).toMatchObject([200, { kind: "STAMP", replayed: false }]);
    const replay = await same(actionsRoute.POST, "/api/tablet/actions", { method: "POST", headers: { authorization: auth, ...https }, body: stampBody(key) });
    expect(json(replay)).toEqual({ ...json(first), replayed: true });
    expect(replay.headers).toMatchObject({ "content-type": "application/json", "cache-control": "no-store" });
    expect(replay.headers["strict-transport-security"]).toBeUndefined();
  });

  it("the pass: 200 with the .pkpass, 304 when not modified, 401 without its token", async () => {
    const headers = { authorization: `ApplePass ${card.authToken}`, ...https };
    const [next, fast] = [await viaNext(passRoute.GET, passPath, { headers }), await viaFastPath(passPath, { headers })];
    expect(fast.headers).toEqual(next.headers);
    expect([fast.status, fast.headers["content-type"], fast.body.slice(0, 2)]).toEqual([200, "application/vnd.apple.pkpass", "PK"]);
    expect([next.status, next.body.slice(0, 2)]).toEqual([200, "PK"]);
    const notModified = await same(passRoute.GET, passPath, { headers: { ...headers, "if-modified-since": fast.headers["last-modified"] } });
    expect([notModified.status, notModified.body]).toEqual([304, ""]);
    const unauthorized = await same(passRoute.GET, passPath, { headers: https });
    expect(unauthorized.status).toBe(401);
  });

  it("nothing above reached Next; a malformed escape on a path for Next is answered 400 before it (Next would answer 500)", async () => {
    expect(handedToNext).toEqual([]);
    const w = await viaFastPath("/c/%E0%A4%A", {});
    expect([w.status, json(w)]).toEqual([400, { error: "BAD_REQUEST", message: "badPath" }]);
    expect(w.headers["x-content-type-options"]).toBe("nosniff");
    // What Next gets carries the socket's address for rate limits, not the one a client claims.
    await viaFastPath("/c/abc", { headers: { [PEER_HEADER]: "198.51.100.66" } });
    expect(handedToNext).toEqual([{ url: "/c/abc", peer: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/) }]);
  });
});
