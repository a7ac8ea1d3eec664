// Which rewards a card has ready, and how far away the next one is. One answer
// for the web card, both wallet passes, the designer's previews and the
// dashboard, so they never disagree. Pure: safe in the browser too.
import type { CardCounters } from "./ledger";

export type RewardProgram = {
  stampsRequired: number;
  rewardText: string;
  intermediateStamp: number | null;
  intermediateRewardText: string | null;
};

/** A reward waiting at the counter. `name` is null for an intermediate reward whose text the merchant has since removed. */
export type ReadyReward = { kind: "reward" | "intermediate"; name: string | null; count: number };

/** The rewards ready to redeem: the main reward first, then the intermediate one. */
export function readyRewards(card: CardCounters, p: RewardProgram): ReadyReward[] {
  const ready: ReadyReward[] = [];
  if (card.rewardsAvailable > 0) ready.push({ kind: "reward", name: p.rewardText, count: card.rewardsAvailable });
  if (card.intermediateAvailable > 0) ready.push({ kind: "intermediate", name: p.intermediateRewardText, count: card.intermediateAvailable });
  return ready;
}

export type NextReward = { kind: "reward" | "intermediate"; name: string; at: number; remaining: number };

/** The next reward the card is saving towards and the stamps still needed (at least 1). */
export function nextReward(card: Pick<CardCounters, "stampCount">, p: RewardProgram): NextReward {
  const s = card.stampCount;
  if (p.intermediateStamp && p.intermediateRewardText && p.intermediateStamp < p.stampsRequired && s < p.intermediateStamp) {
    return { kind: "intermediate", name: p.intermediateRewardText, at: p.intermediateStamp, remaining: p.intermediateStamp - s };
  }
  return { kind: "reward", name: p.rewardText, at: p.stampsRequired, remaining: Math.max(1, p.stampsRequired - s) };
}
