// One error type for the whole app, mapped to HTTP in one place (lib/http/result.ts errorResult).
import { z } from "zod";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  // The plan does not allow one more (lib/billing/entitlements.ts): the message offers an upgrade.
  | "PLAN_LIMIT"
  // The trial ended or payment lapsed: the dashboard is read-only until paid.
  | "READ_ONLY"
  | "INTERNAL";

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  PLAN_LIMIT: 403,
  READ_ONLY: 402,
  INTERNAL: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    /** A message key under "errors" in the message files. */
    readonly messageKey: string = code,
    readonly fieldErrors?: Record<string, string[]>,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${messageKey}`);
  }

  get status() {
    return STATUS[this.code];
  }
}

export function fromZod(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return new AppError("VALIDATION", "VALIDATION", fieldErrors);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return fromZod(error);
  // A request body that is not JSON is bad input, not a server fault.
  if (error instanceof SyntaxError) return new AppError("VALIDATION", "invalid");
  return new AppError("INTERNAL");
}
