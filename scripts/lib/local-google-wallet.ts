// A local server that speaks the Google Wallet REST API (loyaltyClass,
// loyaltyObject, addMessage) and Google's OAuth token endpoint, for tests and
// local runs. The token endpoint checks the service account's signed assertion
// (RS256 with its public key, issuer, scope, audience, expiry); every API call
// needs a bearer token it issued. Classes and objects are stored; insert of an
// existing id answers 409, unknown ids 404, ids of another issuer 403, more
// than 3 notifying messages per object per 24 h 429 — like Google. Tests can
// make the next answers fail or take it down.
import { createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";
import http from "node:http";
import { GOOGLE_TOKEN_URL } from "@/lib/wallet/google/config";
import { listenDownable, Received } from "./stand-in";

type Resource = Record<string, unknown> & { id: string };
export type WalletCall = {
  method: string;
  kind: "loyaltyClass" | "loyaltyObject";
  id: string;
  action: "insert" | "patch" | "update" | "get" | "addMessage";
  at: number;
};

export type LocalGoogleWallet = {
  apiUrl: string;
  tokenUrl: string;
  classes: Map<string, Resource>;
  objects: Map<string, Resource & { messages?: { id: string; header: string; body: string; messageType: string }[] }>;
  calls: WalletCall[];
  tokensIssued: () => number;
  failNext: (status: number, times: number) => void;
  setDown: (down: boolean) => Promise<void>;
  /** Resolves when a call matching `match` has been answered 200 (or already was). */
  waitFor: (match: (c: WalletCall) => boolean, timeoutMs?: number) => Promise<WalletCall>;
  close: () => Promise<void>;
};

export type LocalGoogleWalletOptions = { issuerId: string; serviceAccountEmail: string; publicKey: string; port?: number };

const SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer";

function verifyAssertion(jwt: string, key: KeyObject, email: string): boolean {
  const [h, b, s] = jwt.split(".");
  if (!h || !b || !s) return false;
  try {
    const head = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string };
    const claims = JSON.parse(Buffer.from(b, "base64url").toString()) as { iss?: string; scope?: string; aud?: string; exp?: number; iat?: number };
    const now = Date.now() / 1000;
    if (head.alg !== "RS256" || claims.iss !== email || claims.aud !== GOOGLE_TOKEN_URL) return false;
    if (!claims.scope?.split(" ").includes(SCOPE) || !claims.exp || claims.exp < now || (claims.iat ?? 0) > now + 60) return false;
    return verify("RSA-SHA256", Buffer.from(`${h}.${b}`), key, Buffer.from(s, "base64url"));
  } catch {
    return false;
  }
}

export async function startLocalGoogleWallet(opts: LocalGoogleWalletOptions): Promise<LocalGoogleWallet> {
  const key = createPublicKey(opts.publicKey);
  const tokens = new Map<string, number>();
  const classes = new Map<string, Resource>();
  const objects: LocalGoogleWallet["objects"] = new Map();
  const calls = new Received<WalletCall>();
  const failures: number[] = [];
  const notified = new Map<string, number[]>();

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, message: string) => send(res, status, { error: { code: status, message } });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString();
      const url = new URL(req.url ?? "/", "http://local");
      if (req.method === "POST" && url.pathname === "/token") {
        const form = new URLSearchParams(raw);
        if (
          form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer" ||
          !verifyAssertion(form.get("assertion") ?? "", key, opts.serviceAccountEmail)
        ) {
          return send(res, 400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
        }
        const token = `ya29.local-${randomBytes(16).toString("hex")}`;
        tokens.set(token, Date.now() + 3600_000);
        return send(res, 200, { access_token: token, expires_in: 3600, token_type: "Bearer" });
      }
      const m = /^\/walletobjects\/v1\/(loyaltyClass|loyaltyObject)(?:\/([^/]+))?(\/addMessage)?$/.exec(url.pathname);
      if (!m) return error(res, 404, "Not found");
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || (tokens.get(bearer) ?? 0) < Date.now()) return error(res, 401, "Request had invalid authentication credentials.");
      const fail = failures.shift();
      if (fail) return error(res, fail, fail === 429 ? "Rate limit exceeded" : "Backend Error");
      const kind = m[1] as WalletCall["kind"];
      const store = kind === "loyaltyClass" ? classes : objects;
      let body: Resource | null = null;
      if (raw) {
        try {
          body = JSON.parse(raw) as Resource;
        } catch {
          return error(res, 400, "Invalid JSON payload received.");
        }
      }
      const id = m[2] ? decodeURIComponent(m[2]) : body?.id;
      if (!id) return error(res, 400, "Resource id is required");
      if (!id.startsWith(`${opts.issuerId}.`) || !/^\d+\.[A-Za-z0-9._-]+$/.test(id)) return error(res, 403, "The caller does not have permission (issuer)");
      const done = (action: WalletCall["action"], status: number, payload: unknown) => {
        const call = { method: req.method!, kind, id, action, at: Date.now() };
        if (status === 200) calls.add(call);
        send(res, status, payload);
      };
      const existing = store.get(id);
      if (m[3]) {
        if (req.method !== "POST" || kind !== "loyaltyObject") return error(res, 404, "Not found");
        if (!existing) return error(res, 404, `Resource not found: ${id}`);
        const message = (body as unknown as { message?: { id: string; header: string; body: string; messageType?: string } })?.message;
        if (!message?.header || !message.body) return error(res, 400, "message.header and message.body are required");
        const obj0 = existing as { messages?: { id: string }[] };
        // Like Google: a message id the object already has is a conflict (a retried delivery).
        if (message.id && obj0.messages?.some((x) => x.id === message.id)) return error(res, 409, `Message ${message.id} already exists`);
        if (message.messageType === "TEXT_AND_NOTIFY") {
          const recent = (notified.get(id) ?? []).filter((t) => t > Date.now() - 24 * 3600_000);
          if (recent.length >= 3) return error(res, 429, "QuotaExceededException: notifications per pass per 24 hours");
          notified.set(id, [...recent, Date.now()]);
        }
        const obj = existing as LocalGoogleWallet["objects"] extends Map<string, infer V> ? V : never;
        obj.messages = [...(obj.messages ?? []), { id: message.id, header: message.header, body: message.body, messageType: message.messageType ?? "TEXT" }];
        return done("addMessage", 200, { resource: obj });
      }
      if (req.method === "GET") return existing ? done("get", 200, existing) : error(res, 404, `Resource not found: ${id}`);
      if (req.method === "POST" && !m[2]) {
        if (existing) return error(res, 409, `Resource already exists: ${id}`);
        if (kind === "loyaltyObject" && !classes.has(String(body!.classId))) return error(res, 404, `Class not found: ${String(body!.classId)}`);
        store.set(id, body!);
        return done("insert", 200, body);
      }
      if (req.method === "PATCH" || req.method === "PUT") {
        if (!existing) return error(res, 404, `Resource not found: ${id}`);
        const next = req.method === "PATCH" ? { ...existing, ...body!, id } : { ...body!, id };
        store.set(id, next as Resource);
        return done(req.method === "PATCH" ? "patch" : "update", 200, next);
      }
      return error(res, 405, "Method not allowed");
    });
  });
  const { port, stop, setDown } = await listenDownable(server, opts.port);
  const base = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `${base}/walletobjects/v1`,
    tokenUrl: `${base}/token`,
    classes,
    objects,
    calls: calls.items,
    tokensIssued: () => tokens.size,
    failNext: (status, times) => failures.push(...Array<number>(times).fill(status)),
    setDown,
    waitFor: (match, timeoutMs = 15_000) => calls.waitFor(match, timeoutMs, "no matching Google Wallet call"),
    close: stop,
  };
}

/**
 * Local runs: with GOOGLE_WALLET_LOCAL=1 and no Google configuration, generate a
 * service account, start the local server and configure the app to use it.
 */
export async function startDevGoogleWalletIfAsked(log: (msg: string) => void = () => {}): Promise<LocalGoogleWallet | null> {
  if (process.env.GOOGLE_WALLET_LOCAL !== "1" || process.env.GOOGLE_WALLET_ISSUER_ID) return null;
  const { generateServiceAccount } = await import("@/lib/wallet/google/dev-service-account");
  const sa = generateServiceAccount();
  const issuerId = "3388000000022222222";
  const google = await startLocalGoogleWallet({ issuerId, serviceAccountEmail: sa.json.client_email, publicKey: sa.publicKey });
  Object.assign(process.env, {
    GOOGLE_WALLET_ISSUER_ID: issuerId,
    GOOGLE_WALLET_SERVICE_ACCOUNT: JSON.stringify(sa.json),
    GOOGLE_WALLET_API_URL: google.apiUrl,
    GOOGLE_WALLET_TOKEN_URL: google.tokenUrl,
  });
  log(`Google Wallet: local Wallet API on ${google.apiUrl} (GOOGLE_WALLET_LOCAL=1)`);
  return google;
}
