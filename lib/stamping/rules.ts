// Stamp rules for one tap, as a pure function of the facts the transaction read
// under the card's row lock. They let normal service through — one +N for a
// group order, a second +1 for a second coffee — and catch a card stamped far
// more than any visit or day explains:
//  - per visit: the stamps this card received in the last `visitMinutes`
//    minutes, plus this tap's, at most `maxStampsPerVisit`;
//  - per day: the stamps of the merchant's local day, plus this tap's, at most
//    `maxStampsPerDay`.
// Both count by when the server received each stamp. A manager's PIN overrides.

export type StampRules = { visitMinutes: number; maxStampsPerVisit: number; maxStampsPerDay: number };

/** A stamp still in the visit window: when it was received, and how many it gave. */
export type WindowStamp = { at: Date; amount: number };

export type Blocked = { rule: "maxPerVisit"; limit: number; minutes: number; retryAt?: Date } | { rule: "maxPerDay"; limit: number; stampsToday: number };

export function checkStamp(input: { amount: number; now: Date; inWindow: WindowStamp[]; stampsToday: number; rules: StampRules }): Blocked | null {
  const { amount, inWindow, stampsToday, rules } = input;
  // The day first: when it is full, no wait within the visit helps.
  if (stampsToday + amount > rules.maxStampsPerDay) return { rule: "maxPerDay", limit: rules.maxStampsPerDay, stampsToday };
  const inVisit = inWindow.reduce((sum, s) => sum + s.amount, 0);
  if (inVisit + amount <= rules.maxStampsPerVisit) return null;
  const blocked = { rule: "maxPerVisit" as const, limit: rules.maxStampsPerVisit, minutes: rules.visitMinutes };
  const retryAt = nextRoom(inWindow, inVisit, rules);
  return retryAt ? { ...blocked, retryAt } : blocked;
}

/**
 * When enough stamps have left the visit window for one more stamp (each leaves
 * `visitMinutes` after it was received); none when one more fits already.
 */
function nextRoom(inWindow: WindowStamp[], inVisit: number, rules: StampRules): Date | undefined {
  const mustLeave = inVisit + 1 - rules.maxStampsPerVisit;
  if (mustLeave <= 0) return undefined;
  let left = 0;
  for (const s of [...inWindow].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    left += s.amount;
    if (left >= mustLeave) return new Date(s.at.getTime() + rules.visitMinutes * 60_000);
  }
  return undefined;
}
