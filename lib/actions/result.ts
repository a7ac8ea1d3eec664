// What every server action returns: data, or message keys the form translates.
import { toAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: string;
      fieldErrors?: Record<string, string[]>;
      retryAfterSeconds?: number;
      /** Set for the refusals a form shows with a way forward (components/billing/plan-limit-notice.tsx). */
      code?: "PLAN_LIMIT" | "READ_ONLY";
    };

/** Message key for an error: validation keys live under "validation", the rest under "errors". */
function messageKey(key: string): string {
  return ["RATE_LIMITED", "INTERNAL", "FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"].includes(key) ? `errors.${key}` : `validation.${key}`;
}

export function failure(error: unknown): ActionResult<never> {
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "action failed");
  // The plan's limits and the read-only dashboard (lib/billing/entitlements.ts): messages under "errors", with an upgrade button.
  if (e.code === "PLAN_LIMIT" || e.code === "READ_ONLY") return { ok: false, error: `errors.${e.messageKey}`, code: e.code };
  // A resource out for the moment (database busy or down, storage full): "errors.busy", "errors.storageFull", …
  if (e.code === "UNAVAILABLE") {
    logger.warn({ error: error instanceof Error ? error.message : String(error), key: e.messageKey }, "action refused: resource unavailable");
    return { ok: false, error: `errors.${e.messageKey}`, retryAfterSeconds: e.retryAfterSeconds };
  }
  return { ok: false, error: messageKey(e.messageKey), fieldErrors: e.fieldErrors, retryAfterSeconds: e.retryAfterSeconds };
}

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    return failure(error);
  }
}
