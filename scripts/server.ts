// The production server: Next.js for everything, plus a fast path for the two
// endpoints under load: stamping (rush hour) and fetching the latest Apple
// pass (every device at once after a push). Same handler
// function, same validation, same auth, same security headers — minus Next's
// per-request routing cost. `npm start`, `npm run serve`, the e2e server and
// bench:stamp all run it. (Plain `next start` also works: the same endpoint is a
// normal route handler too, just slower under load.)
import http from "node:http";
import path from "node:path";
import next from "next";
import { startWorkers } from "@/lib/jobs/worker";
import { securityHeaders } from "@/lib/security/headers";
import { cardActionEndpoint } from "@/lib/stamping/action-endpoint";
import { runService, serviceBody } from "@/lib/http/service-response";
import { latestPass } from "@/lib/wallet/apple/web-service";

const port = Number(process.env.PORT ?? 3000);
const MAX_BODY = 16 * 1024;
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, "..") });
const handle = app.getRequestHandler();
const baseHeaders = Object.fromEntries(securityHeaders(true).map((h) => [h.key, h.value]));

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function fastStamp(req: http.IncomingMessage, res: http.ServerResponse) {
  const body = await readBody(req);
  const r = body === null ? { status: 413, body: { error: "VALIDATION", message: "tooLong" } } : await cardActionEndpoint(req.headers.authorization ?? null, body);
  res.writeHead(r.status, { ...baseHeaders, ...("headers" in r ? r.headers : {}), "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify(r.body));
}

await app.prepare();
// Job workers (wallet pushes) in this process, unless they run elsewhere (`npm run worker`).
const workers = process.env.STEMPEL_WORKERS === "off" ? null : await startWorkers();
// After a push, every device holding a pass fetches it at once: the second hot endpoint.
const PASS_PATH = /^\/api\/apple\/v1\/passes\/([^/?]+)\/([^/?]+)$/;
const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return ""; // malformed escapes: fails validation below (4xx), never a 500
  }
};
async function fastPass(req: http.IncomingMessage, res: http.ServerResponse, passTypeId: string, serial: string) {
  const r = await runService(() => latestPass(decode(passTypeId), decode(serial), req.headers.authorization ?? null, req.headers["if-modified-since"] ?? null));
  const { body, contentType } = serviceBody(r);
  res.writeHead(r.status, { ...baseHeaders, ...r.headers, ...(contentType ? { "Content-Type": contentType } : {}) });
  res.end(body);
}

const failed = (res: http.ServerResponse) => () => {
  if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
  res.end('{"error":"INTERNAL"}');
};
const server = http.createServer((req, res) => {
  if (req.method === "POST" && req.url === "/api/tablet/actions") {
    fastStamp(req, res).catch(failed(res));
    return;
  }
  const pass = req.method === "GET" ? PASS_PATH.exec(req.url ?? "") : null;
  if (pass) {
    fastPass(req, res, pass[1], pass[2]).catch(failed(res));
    return;
  }
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, () => console.log(`▲ Stempel ready on http://localhost:${port}`));
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.close();
  // Let running jobs finish and pg-boss close its connections before the database may go away.
  await workers?.stop({ graceful: true, timeout: 5000, wait: true }).catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
