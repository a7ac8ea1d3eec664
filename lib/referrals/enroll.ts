// A friend signing up through a customer's share link (/join/<program>?s=referral&ref=<code>).
// The friend always gets their card, with source REFERRAL and referredByCustomerId;
// a Referral row records the link, in the enrollment's own transaction, PENDING
// or BLOCKED with why (the friend is never told: enrollment must not reveal who
// is a customer). The bonus comes after the friend's first stamped visit
// (bonus.ts). Referrals switched off for the program: a plain sign-up, no row.
import type { TenantDb, TenantTx } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";

export const BLOCK_REASONS = ["SELF", "SAME_CONTACT", "SAME_DEVICE", "NOT_NEW", "MONTHLY_LIMIT"] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

export type Referrer = {
  cardId: string;
  customerId: string;
  email: string | null;
  phone: string | null;
  enrollDeviceHash: string | null;
  monthlyLimit: number;
};

/** The card behind a share code in this program (not erased, not merged away), or null. */
export async function findReferrer(
  t: TenantDb,
  program: { id: string; referralEnabled: boolean; referralMonthlyLimit: number },
  code: string | null,
): Promise<Referrer | null> {
  if (!code || !program.referralEnabled) return null;
  const card = await t.card.findFirst({
    where: { referralCode: code, programId: program.id, erasedAt: null, mergedIntoId: null },
    select: { id: true, customer: { select: { id: true, email: true, phone: true, enrollDeviceHash: true } } },
  });
  if (!card) return null;
  const c = card.customer;
  return {
    cardId: card.id,
    customerId: c.id,
    email: c.email,
    phone: c.phone,
    enrollDeviceHash: c.enrollDeviceHash,
    monthlyLimit: program.referralMonthlyLimit,
  };
}

export type Friend = {
  /** As typed on the form (the stored ones may be left off as duplicates). */
  email: string | null;
  phone: string | null;
  deviceHash: string | null;
  /** Enrollment found another customer with this email or phone. */
  possibleDuplicateOfId: string | null;
};

/** The rules that need no lock: same contact, same browser, not new to the merchant. Null: none applies. */
export async function contactVerdict(t: TenantDb, referrer: Referrer, friend: Friend): Promise<BlockReason | null> {
  if ((friend.email && friend.email === referrer.email) || (friend.phone && friend.phone === referrer.phone)) return "SAME_CONTACT";
  if (friend.deviceHash && friend.deviceHash === referrer.enrollDeviceHash) return "SAME_DEVICE";
  if (friend.possibleDuplicateOfId) return "NOT_NEW";
  if (friend.deviceHash && (await t.customer.findFirst({ where: { enrollDeviceHash: friend.deviceHash }, select: { id: true } }))) return "NOT_NEW";
  return null;
}

/**
 * SQL: the start of the calendar month of `$at` in the organization's time zone,
 * as a UTC timestamp (the columns' convention). `$at` is an ISO string.
 */
export const MONTH_START = (at: string) => `((date_trunc('month', (${at}::timestamptz) AT TIME ZONE o.timezone) AT TIME ZONE o.timezone) AT TIME ZONE 'UTC')`;

/** The referrer's referrals with one of `statuses` since the start of `now`'s month (the org's time zone). */
export async function referralsThisMonth(sql: TenantSql, orgId: string, referrerCustomerId: string, statuses: string[], now: Date): Promise<number> {
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Referral" r JOIN "Organization" o ON o.id = r."organizationId"
      WHERE r."organizationId" = $1 AND r."referrerCustomerId" = $2 AND r.status::text = ANY($3::text[])
        AND r."createdAt" >= ${MONTH_START("$4")} AND r."createdAt" <= $5::timestamp`,
    [orgId, referrerCustomerId, statuses, now.toISOString(), now.toISOString()],
  );
  return row?.n ?? 0;
}

/** Writes the Referral row inside the enrollment's transaction (the monthly limit is counted there). */
export async function recordReferral(
  tx: TenantTx,
  sql: TenantSql,
  a: { orgId: string; programId: string; referrer: Referrer; friendCustomerId: string; friendCardId: string; verdict: BlockReason | null; now: Date },
): Promise<void> {
  // Serializes sign-ups through one referrer's link, so the monthly count is exact.
  await sql(`SELECT 1 FROM "Customer" WHERE "organizationId" = $1 AND id = $2 FOR UPDATE`, [a.orgId, a.referrer.customerId]);
  let reason = a.verdict;
  if (!reason && (await referralsThisMonth(sql, a.orgId, a.referrer.customerId, ["PENDING", "REWARDED"], a.now)) >= a.referrer.monthlyLimit)
    reason = "MONTHLY_LIMIT";
  await tx.referral.create({
    data: {
      organizationId: a.orgId,
      programId: a.programId,
      referrerCustomerId: a.referrer.customerId,
      referrerCardId: a.referrer.cardId,
      friendCustomerId: a.friendCustomerId,
      friendCardId: a.friendCardId,
      status: reason ? "BLOCKED" : "PENDING",
      blockedReason: reason,
      createdAt: a.now,
    },
  });
}
