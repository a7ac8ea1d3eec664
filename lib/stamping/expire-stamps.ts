// Stamp expiry: for programs with `stampExpiryMonths`, a card whose newest stamp
// is older than that loses its open stamps (rewards already earned are kept).
// Each lapse is an EXPIRE event in the ledger, and the card's wallet passes are
// updated (push job in the same transaction). Safe to run from several
// instances at once and to re-run: locked cards are skipped, and each lapse has
// an idempotency key derived from the card and its last stamp.
import { pool } from "@/lib/db/pool";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { PASS_CHANGED, WALLET_PRESENCE, walletCardChanged, type WalletPresence } from "@/lib/wallet/card-changes";

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export async function expireStamps(now = new Date()): Promise<{ cards: number }> {
  const { rows: programs } = await pool().query<{ id: string; months: number }>(
    `SELECT id, "stampExpiryMonths" AS months FROM "CardProgram" WHERE "stampExpiryMonths" IS NOT NULL AND status <> 'DRAFT'`,
  );
  let cards = 0;
  for (const p of programs) {
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ id: string; organizationId: string } & WalletPresence>(
        `WITH due AS (
           SELECT id, "organizationId", "stampCount", "lastStampAt" FROM "Card"
            WHERE "programId" = $1 AND "stampCount" > 0 AND "erasedAt" IS NULL AND "lastStampAt" < $2
            FOR UPDATE SKIP LOCKED),
         ev AS (
           INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "idempotencyKey", "createdAt")
           SELECT gen_random_uuid()::text, "organizationId", id, 'EXPIRE', -"stampCount", -"stampCount",
                  'expire:' || id || ':' || to_char("lastStampAt", 'YYYYMMDDHH24MISSMS'), $3
             FROM due
           ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING
           RETURNING "cardId", "stampDelta")
         UPDATE "Card" c SET "stampCount" = c."stampCount" + ev."stampDelta", "updatedAt" = now(), ${PASS_CHANGED}
           FROM ev WHERE c.id = ev."cardId"
         RETURNING c.id, c."organizationId", ${WALLET_PRESENCE}`,
        [p.id, monthsBefore(now, p.months).toISOString(), now.toISOString()],
      );
      const sql = async (text: string, params?: unknown[]) => (await client.query(text, params)).rows;
      for (const c of rows) await walletCardChanged(sql as TenantSql, c.organizationId, c.id, c);
      await client.query("COMMIT");
      cards += rows.length;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }
  return { cards };
}
