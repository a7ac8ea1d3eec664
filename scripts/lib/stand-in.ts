// What the local stand-ins of external services (APNs, Google Wallet) share: a
// server that can be taken down and brought back on the same port, and a log
// of what it accepted that tests can wait on.
import { EventEmitter } from "node:events";
import type { Server, Socket } from "node:net";

/** Listens on 127.0.0.1:`port` (0: any free port); `setDown(true)` drops every connection and stops listening. */
export async function listenDownable(server: Server, port = 0) {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  const bound = await listen(port);
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return {
    port: bound,
    stop,
    setDown: async (down: boolean) => {
      if (down && server.listening) await stop();
      if (!down && !server.listening) await listen(bound);
    },
  };
}

/** An append-only list of accepted requests; `waitFor` resolves with the first (past or future) that matches. */
export class Received<T> {
  readonly items: T[] = [];
  private readonly events = new EventEmitter().setMaxListeners(0);

  add(item: T): void {
    this.items.push(item);
    this.events.emit("item", item);
  }

  waitFor(match: (item: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const seen = this.items.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => {
        this.events.off("item", on);
        reject(new Error(`${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const on = (item: T) => {
        if (!match(item)) return;
        clearTimeout(timer);
        this.events.off("item", on);
        resolve(item);
      };
      this.events.on("item", on);
    });
  }
}
