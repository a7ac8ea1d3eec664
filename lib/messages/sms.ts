// The SMS channel (docs/messages/channels.md): the last resort for a customer
// with no wallet pass and no email, only a phone number. One interface, one
// driver: Twilio's Programmable Messaging REST API (POST
// {base}/2010-04-01/Accounts/{sid}/Messages.json, form-encoded, HTTP Basic
// auth). Off unless SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM are all set;
// SMS_PROVIDER_URL points it at the local stand-in (scripts/lib/local-sms.ts).
//
// Errors tell the job what to do: `SmsRefused` (a 4xx: bad number, wrong
// credentials, unsubscribed handset) is permanent, retrying will not help;
// `SmsUnavailable` (5xx, 429, network, timeout) is retried with backoff.
import { envVar, serviceTimeoutMs } from "@/lib/env";
import { normalizePhone } from "@/lib/validation/enrollment";
import { smsParts, TEXT_LIMITS } from "@/lib/validation/messages";

export type SmsConfig = { url: string; accountSid: string; authToken: string; from: string };

export interface SmsDriver {
  /** Sends `text` to `to` (E.164); resolves with the provider's message id. */
  send(to: string, text: string): Promise<{ id: string }>;
}

/** The provider refused the message itself: not retried. */
export class SmsRefused extends Error {
  readonly permanent = true;
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** The provider is busy or unreachable: the job is retried with backoff. */
export class SmsUnavailable extends Error {}

const TIMEOUT_MS = 10_000;

/** The SMS configuration, or null when SMS is off. Throws when only part of it is set (start-up check). */
export function smsConfig(): SmsConfig | null {
  // Each variable on its own: a problem elsewhere in the environment is reported once, by checkEnvironment.
  const [SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM] = [envVar("SMS_ACCOUNT_SID"), envVar("SMS_AUTH_TOKEN"), envVar("SMS_FROM")];
  const SMS_PROVIDER_URL = envVar("SMS_PROVIDER_URL");
  const set = [SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM].filter(Boolean).length;
  if (set === 0) return null;
  if (set < 3) throw new Error("SMS: set SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM together (or none of them to leave SMS off)");
  return { url: SMS_PROVIDER_URL.replace(/\/$/, ""), accountSid: SMS_ACCOUNT_SID!, authToken: SMS_AUTH_TOKEN!, from: SMS_FROM! };
}

/** Whether an SMS provider is configured (SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM); off otherwise. */
export function smsConfigured(): boolean {
  try {
    return smsConfig() !== null;
  } catch {
    return false;
  }
}

/** The text as sent: at most TEXT_LIMITS.smsParts parts, cut off with "…" ("..." in a GSM text) beyond that. */
export function fitSms(text: string): string {
  if (smsParts(text).parts <= TEXT_LIMITS.smsParts) return text;
  const ellipsis = smsParts(text).unicode ? "…" : "...";
  const chars = [...text];
  let keep = Math.min(chars.length, TEXT_LIMITS.smsParts * 153);
  while (keep > 0 && smsParts(chars.slice(0, keep).join("") + ellipsis).parts > TEXT_LIMITS.smsParts) keep--;
  return chars.slice(0, keep).join("") + ellipsis;
}

type TwilioError = { code?: number; message?: string; status?: number };

/** Twilio's Programmable Messaging API (or anything that speaks it). */
export function twilioDriver(config: SmsConfig, fetchImpl: typeof fetch = fetch): SmsDriver {
  const endpoint = `${config.url}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return {
    async send(to, text) {
      let res: Response;
      try {
        res = await fetchImpl(endpoint, {
          method: "POST",
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ To: to, From: config.from, Body: text }).toString(),
          signal: AbortSignal.timeout(serviceTimeoutMs(TIMEOUT_MS)),
        });
      } catch (e) {
        throw new SmsUnavailable(`SMS provider unreachable: ${e instanceof Error ? e.message : String(e)}`);
      }
      const body = (await res.json().catch(() => ({}))) as TwilioError & { sid?: string };
      if (res.ok && typeof body.sid === "string") return { id: body.sid };
      const what = `SMS provider answered ${res.status}${body.code ? ` (${body.code})` : ""}: ${body.message ?? res.statusText}`;
      if (res.status === 429 || res.status >= 500 || res.ok) throw new SmsUnavailable(what);
      throw new SmsRefused(res.status, body.code ?? null, what);
    },
  };
}

/** Sends one SMS; resolves with the provider's message id, throws on refusal (SmsRefused) or when it may work later (SmsUnavailable). */
export async function sendSms(to: string, text: string): Promise<{ id: string }> {
  const config = smsConfig();
  if (!config) throw new SmsRefused(0, null, "SMS is not configured");
  const number = normalizePhone(to);
  if (!number) throw new SmsRefused(0, null, "not a phone number in E.164 form");
  return twilioDriver(config).send(number, fitSms(text));
}
