// A plain `pg` pool for the few hot paths where Prisma's per-query overhead
// matters (stamping). Like lib/db/client.ts it is lib-only; tenant queries go
// through lib/tenancy/tenant-sql.ts, which pins the organization for RLS.
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

// Prisma stores DateTime as UTC in `timestamp` columns; read them as UTC too,
// whatever the process time zone.
const TIMESTAMP_OID = 1114;
function getTypeParser(oid: number, format?: "text" | "binary") {
  if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
  return pg.types.getTypeParser(oid, format);
}

// And send Dates as UTC: a `$n::timestamp` parameter drops the offset, so in a
// process running in another time zone a Date would shift by that offset.
pg.defaults.parseInputDatesAsUTC = true;

const g = globalThis as unknown as { stempelPool?: pg.Pool; stempelPoolUrl?: string };

export function pool(): pg.Pool {
  const url = env().DATABASE_URL;
  if (!g.stempelPool || g.stempelPoolUrl !== url) {
    // connectionTimeoutMillis: with every connection busy, a request waits at most DB_POOL_TIMEOUT_SECONDS and is then
    // answered 503 (lib/errors/app-error.ts) instead of hanging (pg waits forever by default).
    const { DB_POOL_SIZE, DB_POOL_TIMEOUT_SECONDS } = env();
    g.stempelPool = new pg.Pool({
      connectionString: url,
      max: DB_POOL_SIZE,
      connectionTimeoutMillis: DB_POOL_TIMEOUT_SECONDS * 1000,
      types: { getTypeParser },
    });
    g.stempelPoolUrl = url;
    // An idle connection dropped by the server (restart, failover) must not crash the app.
    g.stempelPool.on("error", (err) => logger.warn({ error: err.message }, "idle database connection closed"));
  }
  return g.stempelPool;
}

export async function closePool() {
  await g.stempelPool?.end();
  g.stempelPool = undefined;
}
