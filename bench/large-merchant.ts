// The database the large-merchant benchmarks (customers, insights) run on:
// BENCH_DATABASE_URL + BENCH_DATABASE_OWNER_URL (seeded once, reused), or a
// fresh throwaway embedded one. Then Koffiebar Groot (npm run seed:large) in it.
import { createTestDatabase, startTestServer } from "../scripts/lib/test-database";

export async function largeMerchantDatabase(log: (m: string) => void) {
  process.env.NEXTAUTH_SECRET ??= "bench-secret-0123456789abcdef0123456789";
  let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
  if (process.env.BENCH_DATABASE_URL && process.env.BENCH_DATABASE_OWNER_URL) {
    process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
    process.env.DATABASE_OWNER_URL = process.env.BENCH_DATABASE_OWNER_URL;
  } else {
    server = await startTestServer();
    const database = await createTestDatabase(server, "bench");
    process.env.DATABASE_URL = database.url;
    process.env.DATABASE_OWNER_URL = database.ownerUrl;
  }
  const { ownerDb } = await import("@/lib/db/owner");
  const { seedLarge } = await import("@/prisma/seed/large");
  log("seeding Koffiebar Groot (100 000 customers, ~2 000 000 events; several minutes the first time)…");
  const seeded = await seedLarge(ownerDb(), { log: (m) => log(`  ${m}`) });
  log(
    `${seeded.created ? "seeded" : "reused"}: ${seeded.customers} customers, ${seeded.cards} cards, ${seeded.events} events (${seeded.seconds.toFixed(0)} s)`,
  );
  return { seeded, stop: async () => server?.stop() };
}
