// A stand-in for a merchant's webhook endpoint (Make.com, Zapier, their own
// server) for tests and `npm start`: records every request and answers as told
// — 200, 500, hang (no answer: the sender's timeout), or a redirect (e.g. to
// 127.0.0.1, which the sender must refuse to follow).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { path: string; headers: Record<string, string>; body: string; at: number };
export type Behaviour = { kind: "ok" } | { kind: "status"; status: number } | { kind: "hang" } | { kind: "redirect"; location: string; status?: number };

export type LocalWebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** How the next requests are answered (default: 200 with a short body). */
  respond: (behaviour: Behaviour) => void;
  /** Resolves when `n` requests have arrived. */
  waitFor: (n: number, timeoutMs?: number) => Promise<ReceivedWebhook[]>;
  close: () => Promise<void>;
};

export async function startLocalWebhookReceiver(host = "127.0.0.1"): Promise<LocalWebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let behaviour: Behaviour = { kind: "ok" };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ path: req.url ?? "/", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const b = behaviour;
      if (b.kind === "hang") return void hanging.add(res);
      if (b.kind === "redirect") return void res.writeHead(b.status ?? 307, { location: b.location }).end();
      const status = b.kind === "status" ? b.status : 200;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ received: true, status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/hook`,
    received,
    respond: (b) => {
      behaviour = b;
    },
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} webhook requests, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received.slice(0, n);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
