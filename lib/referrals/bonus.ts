// Bonus stamps the merchant promised (issue 15): for a referral, to both the
// referrer and the friend after the friend's first stamped visit; for a
// campaign or automation message with a bonus, at the recipient's next stamped
// visit after the message and before its bonusUntil. `grantDueBonuses` runs
// from the message scheduler (lib/messages/scheduler.ts) every minute.
//
// A bonus is a BONUS CardEvent: its deltas go through the stamp arithmetic
// (lib/cards/ledger.ts), so a bonus can complete a reward, and the counters move
// with it under the card's row lock, in the same transaction; the wallets follow
// like after a stamp (lib/wallet/card-changes.ts). It is not a visit: the Visit
// trigger counts only STAMP events, and the insights read Visit/STAMP only.
//
// Idempotent under concurrency: each grant first claims its row (Referral
// PENDING → REWARDED, Delivery bonusGrantedAt null → now) with a guarded UPDATE
// in the grant's transaction, so a second sweep running at the same moment
// waits for the first and then finds nothing to claim; the events' idempotency
// keys (referral:<id>:referrer|friend, delivery:<id>:bonus) back that up.
import { randomUUID } from "node:crypto";
import { applyDeltas, stampDeltas } from "@/lib/cards/ledger";
import { lockCard } from "@/lib/customers/correct";
import { withTenantTransaction, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { PASS_CHANGED, walletCardChanged } from "@/lib/wallet/card-changes";

/** Most grants of each kind per organization per sweep (the next minute takes the rest). */
const BATCH = 500;

/**
 * Adds `stamps` bonus stamps to a card (following a merge to the surviving card).
 * Returns the card that got them, or null (erased card, or this key was already granted).
 */
export async function addBonus(sql: TenantSql, orgId: string, cardId: string, stamps: number, key: string, note: string, now: Date): Promise<string | null> {
  if (stamps < 1) return null;
  let card = await lockCard(sql, orgId, cardId);
  if (card?.mergedIntoId) card = await lockCard(sql, orgId, card.mergedIntoId);
  if (!card || card.erasedAt || card.mergedIntoId) return null;
  const deltas = stampDeltas(card, stamps, card);
  const next = applyDeltas(card, deltas);
  const inserted = await sql(
    `INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "rewardDelta", "intermediateDelta", "idempotencyKey", note, "createdAt")
     VALUES ($1, $2, $3, 'BONUS', $4, $5, $6, $7, $8, $9, $10::timestamp)
     ON CONFLICT ("organizationId", "idempotencyKey") DO NOTHING RETURNING id`,
    [randomUUID(), orgId, card.id, stamps, deltas.stampDelta, deltas.rewardDelta, deltas.intermediateDelta, key, note, now.toISOString()],
  );
  if (!inserted.length) return null;
  await sql(
    `UPDATE "Card" SET "stampCount" = $3, "rewardsAvailable" = $4, "intermediateAvailable" = $5,
            "totalStamps" = "totalStamps" + $6, "updatedAt" = now(), ${PASS_CHANGED}
      WHERE "organizationId" = $1 AND id = $2`,
    [orgId, card.id, next.stampCount, next.rewardsAvailable, next.intermediateAvailable, stamps],
  );
  await walletCardChanged(sql, orgId, card.id, card);
  return card.id;
}

type DueReferral = { id: string };

/** PENDING referrals whose friend has had a stamped visit. */
async function dueReferrals(orgId: string): Promise<DueReferral[]> {
  return withTenantTransaction(orgId, (sql) =>
    sql<DueReferral>(
      `SELECT r.id FROM "Referral" r
        WHERE r."organizationId" = $1 AND r.status = 'PENDING'
          AND EXISTS (SELECT 1 FROM "Visit" v WHERE v."organizationId" = r."organizationId" AND v."customerId" = r."friendCustomerId" AND v.stamps > 0)
        ORDER BY r."createdAt" LIMIT ${BATCH}`,
      [orgId],
    ),
  );
}

/** Rewards one referral (or blocks it: the referrer reached the month's limit meanwhile). True when bonuses were given. */
async function rewardReferral(orgId: string, referralId: string, now: Date): Promise<boolean> {
  return withTenantTransaction(orgId, async (sql) => {
    // The claim: a sweep racing this one waits here, then finds it no longer PENDING.
    const [r] = await sql<{
      referrerCustomerId: string;
      referrerCardId: string;
      friendCardId: string;
      referralBonusStamps: number;
      referralFriendBonusStamps: number;
      referralMonthlyLimit: number;
    }>(
      `UPDATE "Referral" r SET status = 'REWARDED', "rewardedAt" = $3::timestamp
         FROM "CardProgram" p
        WHERE r."organizationId" = $1 AND r.id = $2 AND r.status = 'PENDING' AND p.id = r."programId" AND p."organizationId" = r."organizationId"
        RETURNING r."referrerCustomerId", r."referrerCardId", r."friendCardId", p."referralBonusStamps", p."referralFriendBonusStamps", p."referralMonthlyLimit"`,
      [orgId, referralId, now.toISOString()],
    );
    if (!r) return false;
    // Rewarded this month, this one included: over the limit → no bonus after all.
    const rewarded = await referralsThisMonthRewarded(sql, orgId, r.referrerCustomerId, now);
    if (rewarded > r.referralMonthlyLimit) {
      await sql(`UPDATE "Referral" SET status = 'BLOCKED', "blockedReason" = 'MONTHLY_LIMIT', "rewardedAt" = NULL WHERE "organizationId" = $1 AND id = $2`, [
        orgId,
        referralId,
      ]);
      return false;
    }
    await addBonus(sql, orgId, r.referrerCardId, r.referralBonusStamps, `referral:${referralId}:referrer`, `referral:${referralId}`, now);
    await addBonus(sql, orgId, r.friendCardId, r.referralFriendBonusStamps, `referral:${referralId}:friend`, `referral:${referralId}`, now);
    return true;
  });
}

/** REWARDED referrals of this referrer rewarded in `now`'s calendar month (org time zone). */
async function referralsThisMonthRewarded(sql: TenantSql, orgId: string, referrerCustomerId: string, now: Date): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Referral" r JOIN "Organization" o ON o.id = r."organizationId"
      WHERE r."organizationId" = $1 AND r."referrerCustomerId" = $2 AND r.status = 'REWARDED'
        AND r."rewardedAt" >= ((date_trunc('month', ($3::timestamptz) AT TIME ZONE o.timezone) AT TIME ZONE o.timezone) AT TIME ZONE 'UTC')`,
    [orgId, referrerCustomerId, now.toISOString()],
  );
  return row?.n ?? 0;
}

type DueDelivery = { id: string; cardId: string; bonusStamps: number };

/**
 * Delivered messages with an unclaimed bonus whose customer has since had a stamp
 * (after the message, on or before bonusUntil): the card of the first such stamp.
 */
async function dueDeliveries(orgId: string, now: Date): Promise<DueDelivery[]> {
  return withTenantTransaction(orgId, (sql) =>
    sql<DueDelivery>(
      `SELECT d.id, d."bonusStamps", s."cardId"
         FROM "Delivery" d
         CROSS JOIN LATERAL (
           SELECT e."cardId" FROM "Card" c
             JOIN "CardEvent" e ON e."organizationId" = c."organizationId" AND e."cardId" = c.id
            WHERE c."organizationId" = d."organizationId" AND c."customerId" = d."customerId" AND c."erasedAt" IS NULL
              AND e.type = 'STAMP' AND e."createdAt" > d."createdAt" AND (d."bonusUntil" IS NULL OR e."createdAt" <= d."bonusUntil")
              AND NOT EXISTS (SELECT 1 FROM "CardEvent" u WHERE u."reversesId" = e.id)
            ORDER BY e."createdAt" LIMIT 1) s
        WHERE d."organizationId" = $1 AND d."bonusStamps" > 0 AND d."bonusGrantedAt" IS NULL AND d.status IN ('DELIVERED', 'SILENT')
          AND d."createdAt" <= $2::timestamp
        ORDER BY d."createdAt" LIMIT ${BATCH}`,
      [orgId, now.toISOString()],
    ),
  );
}

async function grantDelivery(orgId: string, d: DueDelivery, now: Date): Promise<boolean> {
  return withTenantTransaction(orgId, async (sql) => {
    const claimed = await sql(
      `UPDATE "Delivery" SET "bonusGrantedAt" = $3::timestamp WHERE "organizationId" = $1 AND id = $2 AND "bonusGrantedAt" IS NULL RETURNING id`,
      [orgId, d.id, now.toISOString()],
    );
    if (!claimed.length) return false;
    return (await addBonus(sql, orgId, d.cardId, d.bonusStamps, `delivery:${d.id}:bonus`, `delivery:${d.id}`, now)) !== null;
  });
}

/** Gives every bonus that came due (a campaign bonus at the next visit, a referral after the friend's first stamp); idempotent. */
export async function grantDueBonuses(orgId: string, now = new Date()): Promise<{ granted: number }> {
  let granted = 0;
  for (const r of await dueReferrals(orgId)) if (await rewardReferral(orgId, r.id, now)) granted++;
  for (const d of await dueDeliveries(orgId, now)) if (await grantDelivery(orgId, d, now)) granted++;
  return { granted };
}
