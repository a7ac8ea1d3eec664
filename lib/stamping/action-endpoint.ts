// POST /api/tablet/actions without any web framework: the Next route handler
// and the server's fast path (scripts/server.ts) both call this, so the hot
// path skips Next's router (measured: ~3 ms of CPU per request on 2 cores).
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { applyCardActionForSession, RuleBlocked } from "./card-action";

export type EndpointResult = { status: number; body: unknown; headers?: Record<string, string> };

export function errorResult(error: unknown): EndpointResult {
  if (error instanceof RuleBlocked) return { status: 409, body: { error: "RULE_BLOCKED", message: error.messageKey, ...error.blocked } };
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "tablet action failed");
  return {
    status: e.status,
    body: { error: e.code, message: e.messageKey, fieldErrors: e.fieldErrors },
    headers: e.retryAfterSeconds ? { "Retry-After": String(e.retryAfterSeconds) } : undefined,
  };
}

export async function cardActionEndpoint(authorization: string | null, rawBody: string): Promise<EndpointResult> {
  try {
    const token = authorization?.replace(/^Bearer\s+/i, "");
    return { status: 200, body: await applyCardActionForSession(token, JSON.parse(rawBody)) };
  } catch (error) {
    return errorResult(error);
  }
}
