// The per-key rate limit, counted in PostgreSQL (RateLimitBucket, the table
// lib/rate-limit uses: every instance shares it) without putting a write on
// the stamp path: each process counts its own requests at once and adds them
// to the key's bucket in one upsert every FLUSH_MS, learning there what the
// other instances counted. A request is judged by the shared count last seen
// plus this process's requests since — exact with one instance; with several,
// each may let through what it received in one FLUSH_MS before it sees the others'.
// (One upsert per request on a key's single row serialized 50 concurrent
// stamps behind its lock and halved the API's throughput: bench/api.ts.)
import { globalDb } from "@/lib/tenancy/global-db";
import { logger } from "@/lib/log/logger";

export const RATE_WINDOW_SECONDS = 60;
const FLUSH_MS = 100;
const WINDOW_MS = RATE_WINDOW_SECONDS * 1000;

type Bucket = { key: string; windowStart: number; shared: number; inFlight: number; pending: number; timer: NodeJS.Timeout | null };
const buckets = new Map<string, Bucket>();

export type Counted = { count: number; retryAfterSeconds: number };

/** Adds `n` to the bucket in PostgreSQL (a new window when the old one is over): the shared count and its window. */
async function add(key: string, n: number): Promise<{ count: number; windowStart: Date }> {
  const [row] = await globalDb().$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart") VALUES (${key}, ${n}, now())
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${RATE_WINDOW_SECONDS})
                     THEN ${n} ELSE "RateLimitBucket"."count" + ${n} END,
      "windowStart" = CASE WHEN "RateLimitBucket"."windowStart" < now() - make_interval(secs => ${RATE_WINDOW_SECONDS})
                     THEN now() ELSE "RateLimitBucket"."windowStart" END
    RETURNING "count" AS count, "windowStart" AS "windowStart"`;
  return row;
}

async function flush(b: Bucket): Promise<void> {
  b.timer = null;
  const n = b.pending;
  if (!n) return;
  b.pending = 0;
  b.inFlight += n;
  try {
    const r = await add(b.key, n);
    b.windowStart = r.windowStart.getTime();
    b.shared = r.count;
  } catch (err) {
    logger.warn({ err }, "api rate limit: flush failed");
  } finally {
    b.inFlight -= n;
  }
}

/** Counts one request of the key with this hash; the count in its window and the seconds until the window ends. */
export function countRequest(keyHash: string, now = Date.now()): Counted {
  const key = `api:key:${keyHash}`;
  let b = buckets.get(key);
  if (!b) {
    // Forget keys idle for a whole window (revoked, or used by another instance now).
    if (buckets.size >= 1000) for (const [k, old] of buckets) if (!old.timer && now >= old.windowStart + 2 * WINDOW_MS) buckets.delete(k);
    b = { key, windowStart: now, shared: 0, inFlight: 0, pending: 0, timer: null };
    buckets.set(key, b);
  }
  if (now >= b.windowStart + WINDOW_MS) {
    // The window is over here; the next upsert starts a new one there too.
    b.windowStart = now;
    b.shared = 0;
  }
  b.pending++;
  if (!b.timer) {
    b.timer = setTimeout(() => void flush(b), FLUSH_MS);
    b.timer.unref();
  }
  return { count: b.shared + b.inFlight + b.pending, retryAfterSeconds: Math.max(1, Math.ceil((b.windowStart + WINDOW_MS - now) / 1000)) };
}
