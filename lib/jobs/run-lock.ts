// One run at a time per key, fenced by the database rather than by timing: a
// session advisory lock, on a connection of the run's own, held while it works.
//
// Why: pg-boss fails a handler that runs longer than its job's expiry
// (JOBS_EXPIRE_SECONDS; its manager races the handler against a timer) and
// retries the job while the first run still works. For a sender that would
// send the same batch twice. A killed worker's connection closes, and its
// lock with it, so the job's next run starts as soon as pg-boss retries it.
import pg from "pg";
import { env } from "@/lib/env";

/** Another run holds the key (retry later), or this run lost its lock (the database restarted): stop before the next step. */
export class RunBusy extends Error {}

/**
 * Runs `fn` holding the lock `key`; refuses with RunBusy if another run holds it.
 * `fn` calls `stillHeld()` before each step that must not run twice: it throws
 * RunBusy once the lock's connection is gone.
 */
export async function withRunLock<T>(key: string, fn: (stillHeld: () => void) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: env().DB_POOL_TIMEOUT_SECONDS * 1000 });
  let lost: Error | null = null;
  client.on("error", (e) => (lost = e));
  client.on("end", () => (lost ??= new Error("connection closed")));
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [`run:${key}`]);
    if (!rows[0].ok) throw new RunBusy(`${key}: another run is working on it`);
    return await fn(() => {
      if (lost) throw new RunBusy(`${key}: lock lost (${lost.message})`);
    });
  } finally {
    // Closing the session releases the lock.
    await client.end().catch(() => undefined);
  }
}
