// The Google Wallet REST API (loyaltyClass / loyaltyObject) with an OAuth token
// from google-auth-library (service-account JWT flow, scope
// wallet_object.issuer, refreshed by the library). The token URL is
// configuration: the library's transporter is pointed at it.
import { Gaxios, type GaxiosOptionsPrepared } from "gaxios";
import { JWT } from "google-auth-library";
import { logger } from "@/lib/log/logger";
import { countDelivery } from "@/lib/metrics/metrics";
import { serviceTimeoutMs } from "@/lib/env";
import { GOOGLE_TOKEN_URL, type GoogleConfig } from "./config";

export const WALLET_SCOPE = "https://www.googleapis.com/auth/wallet_object.issuer";

/** Google busy or unreachable: the job is retried with backoff. */
export class GoogleUnavailable extends Error {}
/** Google refused the request itself (4xx other than 404/409/429): logged, not retried. */
export class GoogleRefused extends Error {
  /** Retrying will not help: the job is completed with an error log instead. */
  readonly permanent = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Kind = "loyaltyClass" | "loyaltyObject";
type Resource = { id: string } & Record<string, unknown>;

export class WalletApi {
  private readonly auth: JWT;

  constructor(private readonly config: GoogleConfig) {
    // The token request gets the same timeout as the API calls (gaxios has none by default: a hanging token endpoint held the job forever).
    const transporter = new Gaxios({ timeout: serviceTimeoutMs() });
    if (config.tokenUrl !== GOOGLE_TOKEN_URL) {
      transporter.interceptors.request.add({
        resolved: async (opts: GaxiosOptionsPrepared) => (String(opts.url) === GOOGLE_TOKEN_URL ? { ...opts, url: new URL(config.tokenUrl) } : opts),
      });
    }
    this.auth = new JWT({
      email: config.serviceAccount.client_email,
      key: config.serviceAccount.private_key,
      keyId: config.serviceAccount.private_key_id,
      scopes: [WALLET_SCOPE],
      transporter,
    });
  }

  private async call(method: "GET" | "POST" | "PATCH" | "PUT", path: string, body?: unknown): Promise<{ status: number; data: unknown }> {
    let token: string | null | undefined;
    try {
      token = (await this.auth.getAccessToken()).token;
    } catch (e) {
      throw new GoogleUnavailable(`OAuth token: ${(e as Error).message}`);
    }
    let res: Response;
    try {
      res = await fetch(`${this.config.apiUrl}/${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(serviceTimeoutMs()),
      });
    } catch (e) {
      countDelivery("google", "unreachable");
      throw new GoogleUnavailable(`${method} ${path}: ${(e as Error).message}`);
    }
    // 404/409 are steps of an upsert (patch → insert → patch), not failures.
    countDelivery(
      "google",
      res.ok ? "ok" : res.status === 404 || res.status === 409 ? "upsert_step" : res.status === 429 || res.status >= 500 ? "unavailable" : "refused",
    );
    logger.debug({ method, path, status: res.status }, "Google Wallet API called");
    const data = await res.json().catch(() => undefined);
    if (res.status === 429 || res.status >= 500) throw new GoogleUnavailable(`${method} ${path}: ${res.status}`);
    // Google answers every success with its JSON resource: a 2xx without one (a proxy's page, a body cut off) did not reach it.
    if (res.ok && (data === null || typeof data !== "object")) throw new GoogleUnavailable(`${method} ${path}: ${res.status} without a JSON body`);
    if (res.status === 401) {
      // A revoked or expired token: drop it so the retry fetches a new one.
      this.auth.credentials = {};
      throw new GoogleUnavailable(`${method} ${path}: 401`);
    }
    return { status: res.status, data };
  }

  private refused(what: string, r: { status: number; data: unknown }): never {
    throw new GoogleRefused(r.status, `${what}: ${r.status} ${JSON.stringify(r.data)?.slice(0, 300)}`);
  }

  /** Patch, or insert when Google does not know it yet (409 on insert: someone else did — patch again). */
  async upsert(kind: Kind, resource: Resource): Promise<"patched" | "inserted"> {
    const path = `${kind}/${encodeURIComponent(resource.id)}`;
    const patched = await this.call("PATCH", path, resource);
    if (patched.status === 200) return "patched";
    if (patched.status !== 404) this.refused(`patch ${kind}`, patched);
    const inserted = await this.call("POST", kind, resource);
    if (inserted.status === 200) return "inserted";
    if (inserted.status === 409) {
      const again = await this.call("PATCH", path, resource);
      if (again.status === 200) return "patched";
      this.refused(`patch ${kind}`, again);
    }
    this.refused(`insert ${kind}`, inserted);
  }

  async get(kind: Kind, id: string): Promise<Record<string, unknown> | null> {
    const r = await this.call("GET", `${kind}/${encodeURIComponent(id)}`);
    if (r.status === 404) return null;
    if (r.status !== 200) this.refused(`get ${kind}`, r);
    return r.data as Record<string, unknown>;
  }

  /** Adds a message to an object; `notify` shows it as a notification (Google allows 3 a day per pass). */
  async addMessage(objectId: string, message: { id: string; header: string; body: string }, notify: boolean): Promise<"sent" | "quota"> {
    const r = await this.call("POST", `loyaltyObject/${encodeURIComponent(objectId)}/addMessage`, {
      message: { ...message, messageType: notify ? "TEXT_AND_NOTIFY" : "TEXT" },
    }).catch((e: unknown) => {
      if (e instanceof GoogleUnavailable && notify && /: 429$/.test(e.message)) return { status: 429, data: null };
      throw e;
    });
    if (r.status === 200) return "sent";
    if (r.status === 429) return "quota";
    this.refused("addMessage", r);
  }
}

const g = globalThis as unknown as { stempelGoogle?: { config: GoogleConfig; api: WalletApi } };

/** One client (one cached token) per configuration. */
export function walletApi(config: GoogleConfig): WalletApi {
  if (g.stempelGoogle?.config !== config) g.stempelGoogle = { config, api: new WalletApi(config) };
  return g.stempelGoogle.api;
}
