// The database owner's connection: migrations, the demo seed, and tests that
// set up or inspect rows across organizations. The app itself never uses it —
// it logs in as a role held to row-level security (lib/db/client.ts).
// DATABASE_OWNER_URL names the owner; without it the owner is DATABASE_URL's role.
import { env } from "@/lib/env";
import { createPrismaClient, type Db } from "./client";

export function ownerUrl(): string {
  const e = env();
  return e.DATABASE_OWNER_URL ?? e.DATABASE_URL;
}

const g = globalThis as unknown as { stempelOwner?: Db; stempelOwnerUrl?: string };

export function ownerDb(): Db {
  const url = ownerUrl();
  if (!g.stempelOwner || g.stempelOwnerUrl !== url) {
    g.stempelOwner = createPrismaClient(url, 4);
    g.stempelOwnerUrl = url;
  }
  return g.stempelOwner;
}

/** A plain client on any URL (benchmarks' unpinned baselines). */
export const plainClient = (url: string, max = 10) => createPrismaClient(url, max);

export async function closeOwnerDb(): Promise<void> {
  await g.stempelOwner?.$disconnect();
  g.stempelOwner = undefined;
}
