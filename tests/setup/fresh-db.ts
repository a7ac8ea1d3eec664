// Runs before each integration test file: a fresh migrated database of its own,
// so files run in parallel without seeing each other's rows.
import { afterAll, inject } from "vitest";
import { createTestDatabase } from "@/scripts/lib/test-database";

const database = await createTestDatabase({ adminUrl: inject("pgAdminUrl"), template: inject("pgTemplate") });
process.env.DATABASE_URL = database.url;
process.env.DATABASE_OWNER_URL = database.ownerUrl;
process.env.DB_POOL_SIZE = "4";
process.env.APPLE_DEV_CERT_DIR = inject("appleDevCertDir");
// Signs form tokens and keys PIN hashes in tests (production sets its own).
process.env.NEXTAUTH_SECRET ??= "integration-secret-0123456789abcdef";

afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  const { closePool } = await import("@/lib/db/pool");
  const { closeOwnerDb } = await import("@/lib/db/owner");
  await Promise.all([db().$disconnect(), closePool(), closeOwnerDb()]);
  await database.drop();
});
