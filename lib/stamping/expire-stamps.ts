// Stamp expiry: for programs with `stampExpiryMonths`, a card whose newest stamp
// is older than that loses its open stamps (rewards already earned are kept).
// Each lapse is an EXPIRE event in the ledger. Safe to run from several
// instances at once and to re-run: locked cards are skipped, and each lapse has
// an idempotency key derived from the card and its last stamp.
import { pool } from "@/lib/db/pool";

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
    const { rowCount } = await pool().query(
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
       UPDATE "Card" c SET "stampCount" = c."stampCount" + ev."stampDelta", "updatedAt" = now()
         FROM ev WHERE c.id = ev."cardId"`,
      [p.id, monthsBefore(now, p.months).toISOString(), now.toISOString()],
    );
    cards += rowCount ?? 0;
  }
  return { cards };
}
