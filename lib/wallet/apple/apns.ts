// APNs client for pass updates: one HTTP/2 connection, many concurrent streams.
// A pass push is an empty JSON payload to /3/device/<pushToken> with
// apns-topic = the pass type identifier; the device then asks our web service
// what changed. Auth: the Pass Type ID certificate as TLS client certificate
// (Apple's documented way), or a .p8 token (JWT, ES256).
import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import http2 from "node:http2";
import { inLanes } from "@/lib/lanes";
import type { ApnsAuth } from "./config";

export type PushOutcome = { token: string; status: number; reason?: string };
export type ApnsOptions = { url: string; topic: string; auth: ApnsAuth; ca?: string; timeoutMs?: number; maxInFlight?: number };

const b64url = (v: string | Buffer) => Buffer.from(v).toString("base64url");

/** An APNs provider token: a JWT signed ES256 with the .p8 key. */
export function providerToken(key: KeyObject, keyId: string, teamId: string, iat = Math.floor(Date.now() / 1000)): string {
  const head = b64url(JSON.stringify({ alg: "ES256", kid: keyId }));
  const body = b64url(JSON.stringify({ iss: teamId, iat }));
  const signature = sign("sha256", Buffer.from(`${head}.${body}`), { key, dsaEncoding: "ieee-p1363" });
  return `${head}.${body}.${b64url(signature)}`;
}

export class ApnsClient {
  private session: http2.ClientHttp2Session | null = null;
  private jwt: { value: string; at: number } | null = null;
  private readonly tokenKey: KeyObject | null;

  constructor(private readonly opts: ApnsOptions) {
    this.tokenKey = opts.auth.kind === "token" ? createPrivateKey(opts.auth.key) : null;
  }

  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const { auth, ca } = this.opts;
    const session = http2.connect(this.opts.url, {
      ...(ca ? { ca } : {}),
      ...(auth.kind === "certificate" ? { cert: auth.cert, key: auth.key, passphrase: auth.passphrase } : {}),
    });
    session.on("error", () => {}); // surfaced per stream
    const forget = () => {
      if (this.session === session) this.session = null;
    };
    session.on("close", forget);
    session.on("goaway", forget);
    this.session = session;
    return session;
  }

  /** Provider token, renewed every 50 minutes (Apple refuses older than 60, and more often than 20). */
  private bearer(): string | null {
    const { auth } = this.opts;
    if (auth.kind !== "token") return null;
    const now = Math.floor(Date.now() / 1000);
    if (this.jwt && now - this.jwt.at < 50 * 60) return this.jwt.value;
    this.jwt = { value: providerToken(this.tokenKey!, auth.keyId, auth.teamId, now), at: now };
    return this.jwt.value;
  }

  /** One push; network trouble is status 0 (retryable), never a throw. */
  push(token: string): Promise<PushOutcome> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (o: PushOutcome) => {
        if (!done) {
          done = true;
          resolve(o);
        }
      };
      let stream: http2.ClientHttp2Stream;
      let session: http2.ClientHttp2Session;
      try {
        const bearer = this.bearer();
        session = this.connect();
        stream = session.request({
          ":method": "POST",
          ":path": `/3/device/${token}`,
          "apns-topic": this.opts.topic,
          "apns-push-type": "background",
          "apns-priority": "5",
          "content-type": "application/json",
          ...(bearer ? { authorization: `bearer ${bearer}` } : {}),
        });
      } catch (e) {
        finish({ token, status: 0, reason: (e as Error).message });
        return;
      }
      let status = 0;
      const chunks: Buffer[] = [];
      stream.setTimeout(this.opts.timeoutMs ?? 15_000, () => {
        stream.close(http2.constants.NGHTTP2_CANCEL);
        // A connection that does not answer (never connected, or stuck) is not reused: the next push dials again.
        this.drop(session);
        finish({ token, status: 0, reason: "timeout" });
      });
      stream.on("response", (h) => (status = Number(h[":status"])));
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        let reason: string | undefined;
        try {
          reason = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as { reason?: string }).reason : undefined;
        } catch {
          /* not JSON */
        }
        finish({ token, status, reason });
      });
      stream.on("error", (e) => finish({ token, status: 0, reason: e.message }));
      stream.end("{}");
    });
  }

  /** Many pushes over the one connection, at most `maxInFlight` streams at a time. */
  async pushMany(tokens: string[]): Promise<PushOutcome[]> {
    const out: PushOutcome[] = new Array(tokens.length);
    await inLanes(tokens, this.opts.maxInFlight ?? 500, async (token, i) => {
      out[i] = await this.push(token);
    });
    return out;
  }

  private drop(session: http2.ClientHttp2Session): void {
    if (this.session === session) this.session = null;
    session.destroy();
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }
}

/** Whether an outcome should be tried again later (Apple busy or unreachable). */
export const retryable = (o: PushOutcome) => o.status === 0 || o.status === 429 || o.status >= 500 || o.status === 403;
