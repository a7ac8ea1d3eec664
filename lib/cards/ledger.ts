// Pure ledger arithmetic: what an event does to a card's counters. The same
// functions serve live stamping, the seed and the consistency checks, so the
// counters on Card always equal the sums of CardEvent deltas.

export type CardCounters = { stampCount: number; rewardsAvailable: number; intermediateAvailable: number };
export type ProgramRules = { stampsRequired: number; intermediateStamp: number | null };
export type Deltas = { stampDelta: number; rewardDelta: number; intermediateDelta: number };

export const EMPTY_COUNTERS: CardCounters = { stampCount: 0, rewardsAvailable: 0, intermediateAvailable: 0 };

/** Integers x in (from, to] with x ≡ target (mod m). */
function crossings(from: number, to: number, target: number, m: number): number {
  const count = (n: number) => Math.floor((n - target) / m);
  return count(to) - count(from);
}

/** Adding `amount` stamps: full cards turn into rewards, passing the intermediate stamp earns that reward. */
export function stampDeltas(state: CardCounters, amount: number, rules: ProgramRules): Deltas {
  if (!Number.isInteger(amount) || amount < 1) throw new RangeError("amount must be a positive integer");
  const total = state.stampCount + amount;
  const rewards = Math.floor(total / rules.stampsRequired);
  const intermediate =
    rules.intermediateStamp && rules.intermediateStamp < rules.stampsRequired
      ? crossings(state.stampCount, total, rules.intermediateStamp, rules.stampsRequired)
      : 0;
  return {
    stampDelta: total - rewards * rules.stampsRequired - state.stampCount,
    rewardDelta: rewards,
    intermediateDelta: intermediate,
  };
}

export function redeemDeltas(state: CardCounters, kind: "reward" | "intermediate"): Deltas | null {
  if (kind === "reward") return state.rewardsAvailable > 0 ? { stampDelta: 0, rewardDelta: -1, intermediateDelta: 0 } : null;
  return state.intermediateAvailable > 0 ? { stampDelta: 0, rewardDelta: 0, intermediateDelta: -1 } : null;
}

export function applyDeltas(state: CardCounters, d: Deltas): CardCounters {
  return {
    stampCount: state.stampCount + d.stampDelta,
    rewardsAvailable: state.rewardsAvailable + d.rewardDelta,
    intermediateAvailable: state.intermediateAvailable + d.intermediateDelta,
  };
}

export function isValidCounters(c: CardCounters): boolean {
  return c.stampCount >= 0 && c.rewardsAvailable >= 0 && c.intermediateAvailable >= 0;
}
