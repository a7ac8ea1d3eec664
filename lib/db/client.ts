// The raw Prisma client of the app's login role — a role held to row-level
// security, so without an organization pinned it sees no tenant rows at all.
// Only lib/db/ and lib/tenancy/ import it (tests/unit/boundaries.test.ts):
// tenant data goes through lib/tenancy/tenant-db.ts, global tables through
// lib/tenancy/global-db.ts, cross-tenant lookups through lib/tenancy/lookups.ts.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/** The connections of a Prisma client: a pg pool of our own, so /metrics can show its use (lib/metrics). */
export function prismaPool(connectionString: string, max: number): pg.Pool {
  // A free connection is waited for at most DB_POOL_TIMEOUT_SECONDS (then 503), never forever.
  return new pg.Pool({ connectionString, max, connectionTimeoutMillis: env().DB_POOL_TIMEOUT_SECONDS * 1000 });
}

export function createPrismaClient(connectionString: string, max: number, pool = prismaPool(connectionString, max)) {
  return new PrismaClient({
    // $disconnect ends the pool, as it ends the adapter's own.
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // An interactive transaction waits as long for its connection (Prisma's own default is 2 s: 20 invoices issued at
    // once on a busy machine gave up while the pool would still have served them).
    transactionOptions: { maxWait: env().DB_POOL_TIMEOUT_SECONDS * 1000 },
    // Secrets are never selected unless a query asks for them explicitly.
    omit: { user: { passwordHash: true }, card: { authToken: true }, membership: { pinHash: true } },
  });
}

type Client = ReturnType<typeof createPrismaClient>;
const globalForPrisma = globalThis as unknown as { stempelPrisma?: Client; stempelPrismaUrl?: string; stempelPrismaPool?: pg.Pool };

export function db(): Client {
  const url = env().DATABASE_URL;
  // A client whose pool $disconnect ended gets a new one (the adapter would make its own, unseen by /metrics).
  if (!globalForPrisma.stempelPrisma || globalForPrisma.stempelPrismaUrl !== url || globalForPrisma.stempelPrismaPool?.ended) {
    globalForPrisma.stempelPrismaPool = prismaPool(url, env().DB_POOL_SIZE);
    globalForPrisma.stempelPrisma = createPrismaClient(url, env().DB_POOL_SIZE, globalForPrisma.stempelPrismaPool);
    globalForPrisma.stempelPrismaUrl = url;
  }
  return globalForPrisma.stempelPrisma;
}

export type Db = Client;
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
