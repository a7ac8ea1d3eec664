// A local server that speaks APNs (HTTP/2 over TLS), for tests, benchmarks and
// the development default. It checks what Apple checks — path and device token,
// apns-topic, apns-push-type, and either the TLS client certificate (issued by
// the configured CA, with UID = topic) or a provider token (ES256 JWT from the
// configured key) — and answers like Apple: 200, 400 BadDeviceToken, 403,
// 410 Unregistered, 413, 429, 5xx. Tests steer it: mark tokens unregistered,
// make the next answers fail, or take it down and bring it back.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import fs from "node:fs";
import http2 from "node:http2";
import type { TLSSocket } from "node:tls";
import type { DevCertificates } from "@/lib/wallet/apple/dev-certificates";
import { listenDownable, Received } from "./stand-in";

export type ReceivedPush = { token: string; topic: string; pushType: string; auth: "certificate" | "token"; at: number };

export type LocalApnsOptions = {
  topic: string;
  serverCert: string;
  serverKey: string;
  /** CA that issued acceptable client certificates. */
  clientCa: string;
  /** Public (or private) key of the provider token, with its key id and team. */
  tokenKey?: string;
  keyId?: string;
  teamId?: string;
  port?: number;
  /** Keep no list of pushes (benchmarks): only count them. */
  countOnly?: boolean;
  /** Also append each accepted push as a JSON line to this file (the browser tests read it: LOCAL_APNS_LOG). */
  logFile?: string;
};

export type LocalApns = {
  url: string;
  port: number;
  pushes: ReceivedPush[];
  count: () => number;
  unregistered: Set<string>;
  badTokens: Set<string>;
  /** Answers each push this many milliseconds late (tests: a slow APNs, a long batch). */
  delayMs: number;
  /** The next `times` pushes get `status` (e.g. 429, 500, 503). */
  failNext: (status: number, times: number) => void;
  /** Stop answering (connections refused) or come back on the same port. */
  setDown: (down: boolean) => Promise<void>;
  waitForPush: (token: string, timeoutMs?: number) => Promise<ReceivedPush>;
  close: () => Promise<void>;
};

const REASONS: Record<number, string> = { 429: "TooManyRequests", 500: "InternalServerError", 503: "ServiceUnavailable" };
const PUSH_TYPES = new Set(["alert", "background", "voip", "complication", "fileprovider", "mdm", "liveactivity"]);

function verifyJwt(jwt: string, key: KeyObject, keyId?: string, teamId?: string): boolean {
  const [h, b, s] = jwt.split(".");
  if (!h || !b || !s) return false;
  try {
    const head = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string; kid?: string };
    const body = JSON.parse(Buffer.from(b, "base64url").toString()) as { iss?: string; iat?: number };
    if (head.alg !== "ES256" || (keyId && head.kid !== keyId) || (teamId && body.iss !== teamId)) return false;
    if (!body.iat || Math.abs(Date.now() / 1000 - body.iat) > 3600) return false;
    return verify("sha256", Buffer.from(`${h}.${b}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"));
  } catch {
    return false;
  }
}

export async function startLocalApns(opts: LocalApnsOptions): Promise<LocalApns> {
  const accepted = new Received<ReceivedPush>();
  let received = 0;
  const unregistered = new Set<string>();
  const badTokens = new Set<string>();
  const failures: number[] = [];
  const tokenKey = opts.tokenKey ? createPublicKey(opts.tokenKey) : null;
  const goodJwts = new Set<string>();

  const server = http2.createSecureServer({
    cert: opts.serverCert,
    key: opts.serverKey,
    ca: opts.clientCa,
    requestCert: true,
    rejectUnauthorized: false,
    settings: { maxConcurrentStreams: 1000 },
  });

  server.on("stream", (stream, headers) => {
    const answer = (status: number, reason?: string) => {
      if (stream.destroyed) return;
      stream.respond({ ":status": status, "apns-id": crypto.randomUUID(), ...(reason ? { "content-type": "application/json" } : {}) });
      stream.end(reason ? JSON.stringify(status === 410 ? { reason, timestamp: Date.now() } : { reason }) : undefined);
    };
    let size = 0;
    stream.on("data", (c: Buffer) => (size += c.length));
    stream.on("error", () => {});
    stream.on("end", () => {
      if (headers[":method"] !== "POST") return answer(405, "MethodNotAllowed");
      const m = /^\/3\/device\/([^/]+)$/.exec(String(headers[":path"] ?? ""));
      if (!m) return answer(404, "BadPath");
      const token = m[1];
      const topic = String(headers["apns-topic"] ?? "");
      if (!topic) return answer(400, "MissingTopic");
      if (topic !== opts.topic) return answer(400, "TopicDisallowed");
      const pushType = String(headers["apns-push-type"] ?? "");
      if (!PUSH_TYPES.has(pushType)) return answer(400, "InvalidPushType");
      let auth: ReceivedPush["auth"];
      const bearer = /^bearer (.+)$/i.exec(String(headers.authorization ?? ""))?.[1];
      if (bearer) {
        if (!tokenKey) return answer(403, "InvalidProviderToken");
        if (!goodJwts.has(bearer)) {
          if (!verifyJwt(bearer, tokenKey, opts.keyId, opts.teamId)) return answer(403, "InvalidProviderToken");
          goodJwts.add(bearer);
        }
        auth = "token";
      } else {
        const socket = stream.session?.socket as TLSSocket | undefined;
        const uid = socket?.authorized ? socket.getPeerCertificate()?.subject?.UID : undefined;
        if (!uid) return answer(403, "MissingProviderToken");
        if (uid !== topic) return answer(403, "BadCertificateEnvironment");
        auth = "certificate";
      }
      if (size > 4096) return answer(413, "PayloadTooLarge");
      if (!/^[0-9a-fA-F]{16,200}$/.test(token) || badTokens.has(token)) return answer(400, "BadDeviceToken");
      const fail = failures.shift();
      if (fail) return answer(fail, REASONS[fail] ?? "InternalServerError");
      if (unregistered.has(token)) return answer(410, "Unregistered");
      received++;
      if (!opts.countOnly) {
        const push = { token, topic, pushType, auth, at: Date.now() };
        accepted.add(push);
        if (opts.logFile) fs.appendFileSync(opts.logFile, `${JSON.stringify(push)}\n`);
      }
      if (api.delayMs) setTimeout(() => answer(200), api.delayMs);
      else answer(200);
    });
  });

  const { port, stop, setDown } = await listenDownable(server, opts.port);

  const api: LocalApns = {
    url: `https://localhost:${port}`,
    port,
    delayMs: 0,
    pushes: accepted.items,
    count: () => received,
    unregistered,
    badTokens,
    failNext: (status, times) => failures.push(...Array<number>(times).fill(status)),
    setDown,
    waitForPush: (token, timeoutMs = 15_000) => accepted.waitFor((p) => p.token === token, timeoutMs, `no push for ${token}`),
    close: stop,
  };
  return api;
}

/** The local APNs server for the generated development chain of `config` (what `npm start`, tests and benchmarks run). */
export function startLocalApnsFor(
  config: { passTypeIdentifier: string; teamIdentifier: string; dev?: DevCertificates },
  extra: Partial<LocalApnsOptions> = {},
): Promise<LocalApns> {
  const dev = config.dev;
  if (!dev) throw new Error("the local APNs server runs with the development certificates only");
  return startLocalApns({
    topic: config.passTypeIdentifier,
    serverCert: dev.apnsServerCert,
    serverKey: dev.apnsServerKey,
    // Clients send only their leaf certificate; like Apple, we hold the intermediate.
    clientCa: dev.rootCert + dev.wwdrCert,
    tokenKey: dev.apnsTokenKey,
    keyId: dev.apnsTokenKeyId,
    teamId: config.teamIdentifier,
    ...extra,
  });
}

/**
 * Development default: on the generated chain and without APNS_URL, run the
 * local APNs server in this process and point APNS_URL (inherited by the app)
 * at it, so pass updates are pushed end to end on a laptop too.
 */
export async function startDevApnsIfNeeded(log: (msg: string) => void = () => {}): Promise<LocalApns | null> {
  const { appleConfig } = await import("@/lib/wallet/apple/config");
  const config = appleConfig();
  if (!config.development || process.env.APNS_URL) return null;
  const apns = await startLocalApnsFor(config, { logFile: process.env.LOCAL_APNS_LOG });
  process.env.APNS_URL = apns.url;
  log(`Apple Wallet: development certificates (passes install on an iPhone only with real ones); local APNs on ${apns.url}`);
  return apns;
}
