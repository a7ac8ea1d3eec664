// A misbehaving service for fault tests (issue 18 § Faults): a TCP front on a
// fixed local port that, depending on its mode, refuses connections, accepts and
// never answers, resets mid-answer, answers garbage — or passes the bytes through
// to the healthy stand-in behind it (`target`), so one URL in the app's
// configuration serves the whole outage-and-recovery story. It works below HTTP,
// so it also fronts TLS (APNs over HTTP/2) and SMTP.
import net from "node:net";

export type BadMode =
  /** Not listening: connection refused. */
  | "refuse"
  /** Accepts, reads, never answers (until the client gives up). */
  | "hang"
  /** A 200 with an HTML page (a captive portal, a proxy's error page). */
  | "html"
  /** A 200 with JSON cut off halfway (complete by Content-Length, unparseable). */
  | "truncated"
  /** A status the client did not expect (a load balancer's 502 page). */
  | "status"
  /** Starts a 200 answer and resets the connection mid-body. */
  | "reset"
  /** Passes every byte to and from `target` (the service is healthy again). */
  | "through";

export const FAULTS: BadMode[] = ["refuse", "hang", "html", "truncated", "status", "reset"];

const http = (status: string, type: string, body: string, length = Buffer.byteLength(body)) =>
  `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n${body}`;

const ANSWERS: Partial<Record<BadMode, string>> = {
  html: http("200 OK", "text/html; charset=utf-8", "<!doctype html><html><body><h1>Welkom op het gastnetwerk</h1></body></html>"),
  truncated: http("200 OK", "application/json", '{"id":"tr_cut","status":"pa'),
  status: http("502 Bad Gateway", "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"),
};
const RESET_START = http("200 OK", "application/json", '{"id":"tr_reset","sta', 400);

export type BadServer = {
  port: number;
  mode: BadMode;
  /** Connections accepted so far (each attempt of the client). */
  connections: number;
  /** Sockets held open right now (a hanging service holding our connections). */
  held: () => number;
  setMode: (mode: BadMode) => Promise<void>;
  /** `url` with its port replaced by this server's (the stand-in's URL, routed through here). */
  front: (url: string) => string;
  close: () => Promise<void>;
};

/** Starts in `mode` on a free port; `target` is the healthy service's port ("through"). */
export async function startBadServer(opts: { mode?: BadMode; target?: number } = {}): Promise<BadServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    bs.connections++;
    serve(socket, bs.mode);
  });

  function serve(socket: net.Socket, mode: BadMode) {
    if (mode === "hang") return socket.resume();
    if (mode === "through") {
      if (!opts.target) return socket.destroy();
      const upstream = net.connect(opts.target, "127.0.0.1");
      upstream.on("error", () => socket.destroy());
      socket.on("close", () => upstream.destroy());
      upstream.on("close", () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
      return;
    }
    // Answer once the client spoke (HTTP, TLS), or after a moment if it waits for us first (SMTP's greeting).
    let answered = false;
    const answer = () => {
      if (answered || socket.destroyed) return;
      answered = true;
      if (mode === "reset") {
        socket.write(RESET_START, () => setTimeout(() => socket.resetAndDestroy(), 20));
      } else {
        socket.end(ANSWERS[mode] ?? "");
      }
    };
    socket.once("data", answer);
    socket.resume();
    setTimeout(answer, 50);
  }

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });

  const bs: BadServer = {
    port: 0,
    mode: opts.mode ?? "through",
    connections: 0,
    held: () => sockets.size,
    // Sockets already open stay as they are (a hung connection does not heal when the service does);
    // only "refuse" drops them, as a server that went away does.
    async setMode(mode) {
      if (mode === "refuse" && server.listening) await stopListening();
      if (mode !== "refuse" && !server.listening) await listen(bs.port);
      bs.mode = mode;
    },
    front: (url) => {
      const u = new URL(url);
      u.port = String(bs.port);
      return u.toString().replace(/\/$/, url.endsWith("/") ? "/" : "");
    },
    close: async () => {
      if (server.listening) await stopListening();
      for (const s of sockets) s.destroy();
    },
  };
  bs.port = await listen(0);
  if (bs.mode === "refuse") await stopListening();
  return bs;
}
