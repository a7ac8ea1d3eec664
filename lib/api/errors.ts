// The API's one error shape: { "error": { "code", "message", "details" } },
// from whatever an endpoint throws (AppError, a zod error, a refused stamp
// rule). Messages in English, or Dutch for `Accept-Language: nl`; `code` is
// what a program should look at.
import en from "@/lib/i18n/messages/en/apiKeys.json";
import nl from "@/lib/i18n/messages/nl/apiKeys.json";
import limitsEn from "@/lib/i18n/messages/en/billing-limits.json";
import limitsNl from "@/lib/i18n/messages/nl/billing-limits.json";
import { toAppError } from "@/lib/errors/app-error";
import type { HttpResult, Json } from "@/lib/http/result";
import { logger } from "@/lib/log/logger";
import { RuleBlocked } from "@/lib/stamping/card-action";

export const ERROR_CODES = [
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "rule_blocked",
  "idempotency_key_reused",
  "rate_limited",
  "payload_too_large",
  "plan_limit",
  "read_only",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const BY_APP_CODE: Record<string, ErrorCode> = {
  BAD_REQUEST: "bad_request",
  VALIDATION: "validation_failed",
  UNAUTHENTICATED: "unauthorized",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  METHOD_NOT_ALLOWED: "method_not_allowed",
  CONFLICT: "conflict",
  RATE_LIMITED: "rate_limited",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  PLAN_LIMIT: "plan_limit",
  READ_ONLY: "read_only",
  INTERNAL: "internal_error",
};

type Catalog = typeof en.apiErrors;
const CATALOGS: Record<"en" | "nl", Catalog> = { en: en.apiErrors, nl: nl.apiErrors };

/** The plan's limits and the read-only account (lib/billing/entitlements.ts), in the billing-limits catalog. */
function billingMessage(locale: "en" | "nl", key: string): string | null {
  const found = key.split(".").reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], (locale === "nl" ? limitsNl : limitsEn).api);
  return typeof found === "string" ? found : null;
}

export const apiLocale = (acceptLanguage: string | null): "en" | "nl" => (/^\s*nl\b/i.test(acceptLanguage ?? "") ? "nl" : "en");

export function apiError(error: unknown, locale: "en" | "nl"): HttpResult & { body: Json } {
  const messages = CATALOGS[locale];
  if (error instanceof RuleBlocked) {
    const { rule, ...facts } = error.blocked;
    return {
      status: 409,
      body: {
        error: {
          code: "rule_blocked",
          message: messages.reasons[`rule_${rule}` as keyof Catalog["reasons"]] ?? messages.codes.rule_blocked,
          details: { rule, ...facts },
        },
      },
    };
  }
  const e = toAppError(error);
  if (e.code === "INTERNAL") logger.error({ err: error }, "api request failed");
  const code: ErrorCode = e.messageKey === "idempotencyKeyBodyChanged" ? "idempotency_key_reused" : BY_APP_CODE[e.code];
  const reason = e.messageKey !== e.code ? e.messageKey : null;
  const message =
    (reason && messages.reasons[reason as keyof Catalog["reasons"]]) ||
    (e.code === "PLAN_LIMIT" || e.code === "READ_ONLY" ? billingMessage(locale, e.messageKey) : null) ||
    messages.codes[code as keyof Catalog["codes"]];
  const details: Record<string, Json> = {};
  if (reason) details.reason = reason;
  if (e.fieldErrors) details.fields = e.fieldErrors;
  return {
    status: e.status,
    body: { error: { code, message, details } },
    headers: e.retryAfterSeconds ? { "Retry-After": String(e.retryAfterSeconds) } : undefined,
  };
}
