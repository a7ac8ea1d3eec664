// The raw Prisma client. Only lib/ may import it: tenant data goes through
// lib/tenancy/tenant-db.ts, which adds the organization to every query.
// tests/unit/boundaries.test.ts fails if app/ or components/ import this file.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) }),
    // Secrets are never selected unless a query asks for them explicitly.
    omit: { user: { passwordHash: true }, card: { authToken: true }, membership: { pinHash: true } },
  });
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { stempelPrisma?: Client; stempelPrismaUrl?: string };

export function db(): Client {
  const url = env().DATABASE_URL;
  if (!globalForPrisma.stempelPrisma || globalForPrisma.stempelPrismaUrl !== url) {
    globalForPrisma.stempelPrisma = createClient();
    globalForPrisma.stempelPrismaUrl = url;
  }
  return globalForPrisma.stempelPrisma;
}

export type Db = Client;
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
