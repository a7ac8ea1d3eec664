// Fixed-window rate limiting in PostgreSQL, so every app instance shares the
// same counters. One atomic upsert per check.
import { globalDb } from "@/lib/tenancy/global-db";
import { AppError } from "@/lib/errors/app-error";

export type Limit = { name: string; max: number; windowSeconds: number };

export const LIMITS = {
  signInPerIp: { name: "signin:ip", max: 20, windowSeconds: 15 * 60 },
  signInPerEmail: { name: "signin:email", max: 8, windowSeconds: 15 * 60 },
  resetPerIp: { name: "reset:ip", max: 10, windowSeconds: 60 * 60 },
  resetPerEmail: { name: "reset:email", max: 3, windowSeconds: 60 * 60 },
  signUpPerIp: { name: "signup:ip", max: 10, windowSeconds: 60 * 60 },
  // POST /v1/log needs no credential (Apple's protocol): bounded per request and per source.
  deviceLogPerIp: { name: "applelog:ip", max: 60, windowSeconds: 60 * 60 },
  // Each "Add to Google Wallet" writes to Google's API: a card gets 20 an hour.
  googleSavePerCard: { name: "googlesave:card", max: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

export type RateResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function hit(limit: Limit, subject: string): Promise<RateResult> {
  const key = `${limit.name}:${subject.toLowerCase()}`;
  const rows = await globalDb().$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart")
    VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${limit.windowSeconds})
                     THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${limit.windowSeconds})
                     THEN now() ELSE "RateLimitBucket"."windowStart" END
    RETURNING "count" AS count, "windowStart" AS window_start`;
  const { count, window_start } = rows[0];
  const retryAfterSeconds = Math.max(1, Math.ceil(limit.windowSeconds - (Date.now() - window_start.getTime()) / 1000));
  return { allowed: count <= limit.max, count, retryAfterSeconds };
}

/** Counts one attempt against every limit; throws RATE_LIMITED if any is exceeded. */
export async function enforce(...checks: [Limit, string][]): Promise<void> {
  const results = await Promise.all(checks.map(([limit, subject]) => hit(limit, subject)));
  const blocked = results.filter((r) => !r.allowed);
  if (blocked.length) {
    throw new AppError("RATE_LIMITED", "RATE_LIMITED", undefined, Math.max(...blocked.map((r) => r.retryAfterSeconds)));
  }
}

export async function reset(limit: Limit, subject: string): Promise<void> {
  await globalDb().rateLimitBucket.deleteMany({ where: { key: `${limit.name}:${subject.toLowerCase()}` } });
}
