// Issue 10 §2: row-level security's pin costs the stamp path no round trip.
// One stamp, as the tablet sends it through the production listener, talks to
// PostgreSQL twice: the opening (begin, pin by the session lookup, lock the
// card, read the rule facts) and the write (ledger + counters + COMMIT).
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fastPath } from "@/lib/http/fast-path";
import { makeMerchant, newCard, tablet } from "./helpers";

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer(fastPath((_req, res) => res.writeHead(404).end()));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it("a stamp is two round trips to the database", async () => {
  const m = await makeMerchant("Rondjes", { customers: 0 });
  const t = await tablet(m, "4711");
  const [card, warm] = [await newCard(m, "Teller"), await newCard(m, "Opwarmer")];
  const send = (key: string, serial = card.serial) =>
    fetch(`${base}/api/tablet/actions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${t.sessionToken}` },
      body: JSON.stringify({ kind: "stamp", amount: 1, serial, idempotencyKey: key }),
    });
  expect((await send(randomUUID(), warm.serial)).status).toBe(200); // warm: pool connection open

  const original = pg.Client.prototype.query;
  const sent: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string })?.text;
    sent.push(String(text).replace(/\s+/g, " ").slice(0, 60));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const res = await send(randomUUID());
    expect(res.status).toBe(200);
  } finally {
    pg.Client.prototype.query = original;
  }
  expect(sent, sent.join("\n")).toHaveLength(2);
});
