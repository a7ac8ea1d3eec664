// Stamp expiry: for programs with `stampExpiryMonths`, a card whose newest stamp
// is older than that loses its open stamps (rewards already earned are kept).
// Each lapse is an EXPIRE event in the ledger, and the card's wallet passes are
// updated (push job in the same transaction). Safe to run from several
// instances at once and to re-run: locked cards are skipped, and each lapse has
// an idempotency key derived from the card and its last stamp.
import type { Row } from "@/lib/db/sql";
import { expiringPrograms } from "@/lib/tenancy/lookups";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { PASS_CHANGED, WALLET_PRESENCE, walletCardChanged, type WalletPresence } from "@/lib/wallet/card-changes";

export async function expireStamps(now = new Date()): Promise<{ cards: number }> {
  let cards = 0;
  // One transaction per program, pinned to its organization: the lapse, its
  // ledger event and its wallet jobs commit together or not at all.
  for (const p of await expiringPrograms()) {
    const lapsed = await withTenantTransaction(p.orgId, async (sql) => {
      const rows = await sql<Pick<Row<"Card">, "id"> & WalletPresence>(
        `WITH prog AS (SELECT "stampExpiryMonths" AS months FROM "CardProgram" WHERE id = $1 AND "organizationId" = $2),
         due AS (
           SELECT c.id, c."organizationId", c."stampCount", c."lastStampAt" FROM "Card" c, prog
            WHERE c."organizationId" = $2 AND c."programId" = $1 AND c."stampCount" > 0 AND c."erasedAt" IS NULL
              AND c."lastStampAt" < ($3::timestamp - make_interval(months => prog.months))
            FOR UPDATE OF c SKIP LOCKED),
         ev AS (
           INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "idempotencyKey", "createdAt")
           SELECT gen_random_uuid()::text, "organizationId", id, 'EXPIRE', -"stampCount", -"stampCount",
                  'expire:' || id || ':' || to_char("lastStampAt", 'YYYYMMDDHH24MISSMS'), $3
             FROM due
           ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING
           RETURNING "cardId", "stampDelta")
         UPDATE "Card" c SET "stampCount" = c."stampCount" + ev."stampDelta", "updatedAt" = now(), ${PASS_CHANGED}
           FROM ev WHERE c.id = ev."cardId" AND c."organizationId" = $2
         RETURNING c.id, ${WALLET_PRESENCE}`,
        [p.programId, p.orgId, now.toISOString()],
      );
      for (const c of rows) await walletCardChanged(sql, p.orgId, c.id, c);
      return rows.length;
    });
    cards += lapsed;
  }
  return { cards };
}
