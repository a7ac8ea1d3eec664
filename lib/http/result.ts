// What every HTTP endpoint returns, free of any web framework: a status, headers,
// and a JSON value, bytes or no body. Next route handlers (./web.ts) and the
// production server's fast path (./node.ts) only translate it, and every thrown
// error becomes one here (errorResult), the single error → HTTP mapping.
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { RuleBlocked } from "@/lib/stamping/card-action";

/** A value as JSON.stringify sends it (dates become ISO strings). */
export type Json = string | number | boolean | null | Date | readonly Json[] | { readonly [key: string]: Json | undefined };

export type HttpResult = { status: number; headers?: Record<string, string>; body?: Json | Uint8Array };

/** 200 with a JSON body. */
export const ok = (body: Json, headers?: Record<string, string>): HttpResult => ({ status: 200, headers, body });

/** 422 validation, 400/401/403/404/405/409/413, 429 with Retry-After, a rule refusal with its details, else a generic 500. */
export function errorResult(error: unknown): HttpResult & { body: Json } {
  if (error instanceof RuleBlocked) return { status: 409, body: { error: "RULE_BLOCKED", message: error.messageKey, ...error.blocked } };
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "request failed");
  return {
    status: e.status,
    body: { error: e.code, message: e.messageKey, fieldErrors: e.fieldErrors },
    headers: e.retryAfterSeconds ? { "Retry-After": String(e.retryAfterSeconds) } : undefined,
  };
}

/** Runs an endpoint; whatever it throws becomes its answer through errorResult. */
export async function run(endpoint: () => Promise<HttpResult>): Promise<HttpResult> {
  try {
    return await endpoint();
  } catch (error) {
    return errorResult(error);
  }
}

/** The bytes to send and their type: JSON for values, nothing for 204/304 or no body. */
export function encode(r: HttpResult): { bytes: Uint8Array | string | null; contentType?: string } {
  if (r.body === undefined || r.status === 204 || r.status === 304) return { bytes: null };
  if (r.body instanceof Uint8Array) return { bytes: r.body };
  return { bytes: JSON.stringify(r.body), contentType: "application/json" };
}
