// STUB (replaced by the referrals helper): bonus stamps promised by campaigns and referrals.
/** Gives every bonus that came due (a campaign bonus at the next visit, a referral after the friend's first stamp); idempotent. */
export async function grantDueBonuses(_orgId: string, _now = new Date()): Promise<{ granted: number }> {
  return { granted: 0 };
}
