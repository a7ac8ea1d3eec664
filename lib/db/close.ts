// For scripts that exit: closes every database connection this process opened.
import { db } from "./client";
import { closeOwnerDb } from "./owner";
import { closePool } from "./pool";

export async function closeDatabase(): Promise<void> {
  const g = globalThis as unknown as { stempelPrisma?: unknown };
  await Promise.all([g.stempelPrisma ? db().$disconnect() : null, closePool(), closeOwnerDb()]);
}
