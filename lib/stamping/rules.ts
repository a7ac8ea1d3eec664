// Fraud rules for one card action, as a pure function of the facts the
// transaction read under the card's row lock.

export type StampRules = { minMinutesBetweenStamps: number; maxStampsPerDay: number; maxStampsPerAction: number };

export type Blocked =
  { rule: "maxPerAction"; limit: number } | { rule: "minInterval"; retryAt: Date } | { rule: "maxPerDay"; limit: number; stampsToday: number };

export function checkStamp(input: { amount: number; now: Date; lastStampAt: Date | null; stampsToday: number; rules: StampRules }): Blocked | null {
  const { amount, now, lastStampAt, stampsToday, rules } = input;
  if (amount > rules.maxStampsPerAction) return { rule: "maxPerAction", limit: rules.maxStampsPerAction };
  if (lastStampAt && rules.minMinutesBetweenStamps > 0) {
    const retryAt = new Date(lastStampAt.getTime() + rules.minMinutesBetweenStamps * 60_000);
    if (now < retryAt) return { rule: "minInterval", retryAt };
  }
  if (stampsToday + amount > rules.maxStampsPerDay) return { rule: "maxPerDay", limit: rules.maxStampsPerDay, stampsToday };
  return null;
}
