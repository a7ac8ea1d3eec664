// Data that belongs to no organization: people's accounts (User), password
// reset tokens, rate-limit counters, the email outbox and Apple's device log.
// These tables have no row-level security by design; this client reaches them
// and nothing else (tenant models are refused at run time), so "global" is a
// decision made here once rather than by every caller.
import { db } from "@/lib/db/client";
import { TENANT_MODELS, TenancyViolation } from "./tenant-db";

type GlobalModel = "user" | "passwordResetToken" | "rateLimitBucket" | "outboxEmail" | "walletDeviceLog";
type Client = ReturnType<typeof db>;

export type GlobalDb = Pick<Client, GlobalModel | "$transaction" | "$queryRaw">;

export function globalDb(): GlobalDb {
  const client = db();
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && TENANT_MODELS.has(prop)) {
        throw new TenancyViolation(`${prop} is tenant data: use tenantDb(ctx)`);
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as GlobalDb;
}

/** Liveness of the database for /api/health. */
export async function pingDatabase(): Promise<void> {
  await db().$queryRaw`SELECT 1`;
}
