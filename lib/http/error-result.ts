// The one mapping from any thrown error to an HTTP status and JSON body, free of
// any web framework: Next route handlers (lib/http/respond.ts) and the stamp
// fast path (scripts/server.ts) both answer with it.
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { RuleBlocked } from "@/lib/stamping/card-action";

export type ErrorResult = { status: number; body: unknown; headers?: Record<string, string> };

/** 422 validation, 401/403/404/409, 429 with Retry-After, a rule refusal with its details, else a generic 500. */
export function errorResult(error: unknown): ErrorResult {
  if (error instanceof RuleBlocked) return { status: 409, body: { error: "RULE_BLOCKED", message: error.messageKey, ...error.blocked } };
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "request failed");
  return {
    status: e.status,
    body: { error: e.code, message: e.messageKey, fieldErrors: e.fieldErrors },
    headers: e.retryAfterSeconds ? { "Retry-After": String(e.retryAfterSeconds) } : undefined,
  };
}
