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
  // The database cannot be reached right now (restart, failover): try again shortly (with the same idempotency key:
  // a connection lost during COMMIT may have committed).
  | "UNAVAILABLE"
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
  UNAVAILABLE: 503,
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

/**
 * Errors that mean the database is not there (refused, connection reset or
 * closed, shutting down or starting up), from pg (`code`) or Prisma's pg adapter (P1001, P1017, and the
 * driver's error under `meta.driverAdapterError.cause`). Looked up by shape, so
 * this file imports no database module.
 */
const DATABASE_DOWN = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006", "P1001", "P1017"]);
const DATABASE_DOWN_MESSAGE = /^(Connection terminated|Client has encountered a connection error and is not queryable)/;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown };
  if (typeof e.code === "string" && DATABASE_DOWN.has(e.code)) return true;
  if (typeof e.originalCode === "string" && DATABASE_DOWN.has(e.originalCode)) return true;
  if (typeof e.message === "string" && DATABASE_DOWN_MESSAGE.test(e.message)) return true;
  const inner = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((x) => isDatabaseUnavailable(x, depth + 1));
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // 503 with Retry-After: the tablet's queue (and any client) tries again with the same idempotency key.
  if (isDatabaseUnavailable(error)) return new AppError("UNAVAILABLE", "UNAVAILABLE", undefined, 2);
  // Every database connection busy for DB_POOL_TIMEOUT_SECONDS (pg and Prisma's pg adapter say so in these words).
  // Prisma's P2028: an interactive transaction found no free connection within its maxWait (the same timeout).
  if ((error instanceof Error && error.message === "timeout exceeded when trying to connect") || (error as { code?: string } | null)?.code === "P2028")
    return new AppError("UNAVAILABLE", "busy", undefined, 2);
  // The upload storage is full (disk or quota): nothing was saved, the same upload works once there is space.
  if (["ENOSPC", "EDQUOT"].includes((error as { code?: string } | null)?.code ?? "")) return new AppError("UNAVAILABLE", "storageFull");
  if (error instanceof z.ZodError) return fromZod(error);
  // A request body that is not JSON is bad input, not a server fault.
  if (error instanceof SyntaxError) return new AppError("VALIDATION", "invalid");
  return new AppError("INTERNAL");
}
