// Fixed-window rate limiting in PostgreSQL, so every app instance shares the
// same counters. One atomic upsert per check.
import { globalDb } from "@/lib/tenancy/global-db";
import { rateSubject } from "@/lib/auth/client-ip";
import { AppError } from "@/lib/errors/app-error";

export type Limit = { name: string; max: number; windowSeconds: number };

export const LIMITS = {
  // Sign-in (lib/auth/authenticate.ts): every attempt per address; failed ones per address +
  // account (a success clears it); failed ones per account only slow down, never block, so a
  // stranger cannot lock the owner out.
  signInPerIp: { name: "signin:ip", max: 20, windowSeconds: 15 * 60 },
  signInFailuresPerIpEmail: { name: "signin:ip+email", max: 5, windowSeconds: 15 * 60 },
  signInFailuresPerEmail: { name: "signin:email", max: 8, windowSeconds: 15 * 60 },
  resetPerIp: { name: "reset:ip", max: 10, windowSeconds: 60 * 60 },
  resetPerEmail: { name: "reset:email", max: 3, windowSeconds: 60 * 60 },
  signUpPerIp: { name: "signup:ip", max: 10, windowSeconds: 60 * 60 },
  // POST /v1/log needs no credential (Apple's protocol): bounded per request and per source.
  deviceLogPerIp: { name: "applelog:ip", max: 60, windowSeconds: 60 * 60 },
  // Invitation emails carry merchant-chosen text to any address: bounded per invitation and per merchant.
  inviteSendsPerInvitation: { name: "invite:invitation", max: 3, windowSeconds: 60 * 60 },
  inviteSendsPerOrg: { name: "invite:org", max: 30, windowSeconds: 24 * 60 * 60 },
  // Each "Add to Google Wallet" writes to Google's API: a card gets 20 an hour.
  googleSavePerCard: { name: "googlesave:card", max: 20, windowSeconds: 60 * 60 },
  // Setting a tablet PIN (lib/stamping/devices.ts): per person setting it and whose, and per person overall.
  setPinPerMember: { name: "setpin:member", max: 5, windowSeconds: 15 * 60 },
  setPinPerUser: { name: "setpin:user", max: 30, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

export type RateResult = { allowed: boolean; count: number; retryAfterSeconds: number };

const keyOf = (limit: Limit, subject: string) =>
  // Per-address limits count an IPv6 client by its /64 (see lib/auth/client-ip.ts).
  `${limit.name}:${(limit.name.endsWith(":ip") ? rateSubject(subject) : subject).toLowerCase()}`;

export async function hit(limit: Limit, subject: string): Promise<RateResult> {
  const key = keyOf(limit, subject);
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

/** The current count without adding to it (0 once the window has passed). */
export async function peek(limit: Limit, subject: string): Promise<number> {
  const row = await globalDb().rateLimitBucket.findUnique({ where: { key: keyOf(limit, subject) } });
  if (!row || row.windowStart.getTime() < Date.now() - limit.windowSeconds * 1000) return 0;
  return row.count;
}

export async function reset(limit: Limit, subject: string): Promise<void> {
  await globalDb().rateLimitBucket.deleteMany({ where: { key: keyOf(limit, subject) } });
}
