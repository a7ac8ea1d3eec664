// Creating a tenant is the one write that has no organization to pin yet: the
// id is chosen here, pinned, and the organization row (with its first member)
// is inserted under that pin, so row-level security checks it like any other
// write. The same transaction may create global rows (the owner's account).
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";

/** A new organization id, in the cuid-like shape the rest of the code expects. */
export const newOrganizationId = () => `c${randomBytes(12).toString("hex")}`;

export function withNewOrganization<T>(fn: (tx: Tx, orgId: string) => Promise<T>): Promise<T> {
  const orgId = newOrganizationId();
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.org_id', ${orgId}, true)`;
    return fn(tx, orgId);
  });
}
