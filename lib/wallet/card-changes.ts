// When a card changes (stamp, redeem, undo, expiry, design change) its wallet
// passes must follow: the pass's Last-Modified moves on and a push job is
// queued, in the same transaction as the change. Cards without an installed
// pass cost nothing here.
import type { Row } from "@/lib/db/sql";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";

/**
 * SET clause for "the pass changed": whole seconds (HTTP dates have no more),
 * strictly later than the previous value, so two changes within one second
 * still give two different Last-Modified dates.
 */
export const PASS_CHANGED = `"passUpdatedAt" = GREATEST(date_trunc('second', now() AT TIME ZONE 'UTC'), date_trunc('second', "passUpdatedAt") + interval '1 second')`;

export type WalletPresence = Pick<Row<"Card">, "appleInstalls" | "googleInstalled">;
/** The RETURNING list that gives a WalletPresence. */
export const WALLET_PRESENCE = `"appleInstalls", "googleInstalled"`;

/** Queues the wallet updates of a changed card, inside the transaction that changed it. */
export async function walletCardChanged(sql: TenantSql, orgId: string, cardId: string, wallet: WalletPresence): Promise<void> {
  if (wallet.appleInstalls > 0) await enqueue(QUEUES.appleCard, { orgId, cardId }, cardId, sql);
  if (wallet.googleInstalled) await enqueue(QUEUES.googleCard, { orgId, cardId }, cardId, sql);
}

/** A published design changed: every card of the program gets a new pass (inside the transaction of the change). */
export async function walletProgramChanged(sql: TenantSql, orgId: string, programId: string): Promise<void> {
  await sql(`UPDATE "Card" SET ${PASS_CHANGED} WHERE "organizationId" = $1 AND "programId" = $2 AND "erasedAt" IS NULL`, [orgId, programId]);
  await enqueue(QUEUES.appleProgram, { orgId, programId }, programId, sql);
  await enqueue(QUEUES.googleProgram, { orgId, programId }, programId, sql);
}
