// The API over real HTTP through the production server's request listener
// (fastPath, lib/http/fast-path.ts: all of /api/v1 is dispatched there), and
// the same requests to the Next route handler: the same answers.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApiKey } from "@/lib/api/keys";
import { API_SCOPES } from "@/lib/api/scopes";
import { fastPath } from "@/lib/http/fast-path";
import { makeMerchant, newCard, type Merchant } from "./helpers";

let server: http.Server;
let base: string;
let m: Merchant;
let key: string;
let nextHandler: (req: Request) => Promise<Response>;

beforeAll(async () => {
  nextHandler = (await import("@/app/api/v1/[...path]/route")).GET;
  server = http.createServer(fastPath((_req, res) => void res.writeHead(404).end()));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  m = await makeMerchant("Snelle Koffie");
  key = (await createApiKey(m.ctx(), { name: "HTTP", scopes: [...API_SCOPES] })).key;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function both(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init = () => ({
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-request-id": "parity-0001", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const fast = await fetch(`${base}/api/v1${path}`, init());
  const next = await nextHandler(new Request(`http://localhost/api/v1${path}`, init()));
  const read = async (r: Response) => ({
    status: r.status,
    body: await r.text(),
    requestId: r.headers.get("x-request-id"),
    limit: r.headers.get("ratelimit-limit"),
  });
  return { fast: await read(fast), next: await read(next), fastHeaders: fast.headers };
}

it("answers on the fast path as the Next route does, with the security headers", async () => {
  const card = await newCard(m, "Parity");
  for (const [method, path, body] of [
    ["GET", `/cards/${card.serial}`, undefined],
    ["GET", "/nope", undefined],
    ["PUT", "/customers", undefined],
    ["POST", `/cards/${card.serial}/stamp`, "{broken"],
    ["POST", `/cards/${card.serial}/stamp`, { amount: 0 }],
    ["GET", "/customers/%E0%A4%A", undefined],
  ] as const) {
    const r = await both(method, path, body);
    expect([method, path, r.fast.status, r.fast.body, r.fast.requestId]).toEqual([method, path, r.next.status, r.next.body, r.next.requestId]);
  }
  const r = await both("POST", `/cards/${card.serial}/stamp`, { amount: 1 }, { "idempotency-key": "parity-stamp" });
  expect(r.fast.status).toBe(201);
  expect(JSON.parse(r.next.body)).toMatchObject({ replayed: true, eventId: JSON.parse(r.fast.body).eventId });
  expect(r.fastHeaders.get("x-content-type-options")).toBe("nosniff");
  expect(r.fastHeaders.get("cache-control")).toBe("no-store");
  expect(r.fast.limit).toBe("600");
});
