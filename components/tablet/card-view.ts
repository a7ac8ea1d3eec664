// What the card panel shows, as pure functions of the card and a tap: which
// rewards can be redeemed (one button each), how far the card is from each
// reward, the card as it will be once a queued tap is sent, and the one line
// of feedback after a tap (a message key of the "tablet" namespace + values).
import { applyDeltas, redeemDeltas, stampDeltas, type CardCounters } from "@/lib/cards/ledger";
import type { TabletCard } from "@/lib/validation/tablet";
import type { Tap } from "./use-tablet-api";

export type RewardKind = "intermediate" | "reward";
export type Message = { key: string; values: Record<string, string | number> };

type Program = TabletCard["program"];

/** A reward's name; a program without a text for its intermediate reward gets `fallback`. */
export function rewardName(program: Program, kind: RewardKind, fallback: string): string {
  return kind === "reward" ? program.rewardText : (program.intermediateRewardText ?? fallback);
}

/** The intermediate stamp, when the program has one (as the ledger counts it: below the goal). */
function intermediateAt(program: Program): number | null {
  const at = program.intermediateStamp;
  return at && at < program.stampsRequired ? at : null;
}

/**
 * The rewards waiting on this card, the smaller (intermediate) one first: one
 * redeem button each, with how many. By the counters, not the program: an
 * intermediate reward earned before the program dropped it can still be redeemed.
 */
export function availableRewards(card: TabletCard, fallback: string): { kind: RewardKind; name: string; count: number }[] {
  const list = [
    { kind: "intermediate" as const, count: card.intermediateAvailable },
    { kind: "reward" as const, count: card.rewardsAvailable },
  ];
  return list.filter((r) => r.count > 0).map((r) => ({ ...r, name: rewardName(card.program, r.kind, fallback) }));
}

/** Stamps to go until each reward still ahead on this round of the card (the intermediate one is nearer). */
export function rewardProgress(card: TabletCard, fallback: string): { kind: RewardKind; name: string; left: number }[] {
  const at = intermediateAt(card.program);
  const goals = [
    ...(at && card.stampCount < at ? [{ kind: "intermediate" as const, left: at - card.stampCount }] : []),
    { kind: "reward" as const, left: card.program.stampsRequired - card.stampCount },
  ];
  return goals.map((g) => ({ ...g, name: rewardName(card.program, g.kind, fallback) }));
}

/** The card as it will be once a queued (offline) tap is sent: a redeem takes the reward it names. */
export function offlineCard(card: TabletCard, tap: Tap): TabletCard {
  const d = tap.kind === "stamp" ? stampDeltas(card, tap.amount, card.program) : tap.kind === "redeem" ? redeemDeltas(card, tap.reward ?? "reward") : null;
  return d ? { ...card, ...applyDeltas(card, d) } : card;
}

/** The label of a tap (the offline queue's list and the "saved without internet" line), as a message. */
export function tapLabel(card: TabletCard, tap: Tap, fallback: string): Message {
  if (tap.kind === "stamp") return { key: "tap.stamp", values: { amount: tap.amount } };
  if (tap.kind === "redeem") return { key: "tap.redeem", values: { reward: rewardName(card.program, tap.reward ?? "reward", fallback) } };
  return { key: "tap.undo", values: {} };
}

/**
 * The line after a tap went through, from the card before and the counters the
 * server answered: "+1 → 5/8" (and the reward it completed), "Gratis koekje
 * ingewisseld", or what an undo took back (read from how the counters moved).
 */
export function doneMessage(before: TabletCard, tap: Tap, after: CardCounters, fallback: string): Message {
  const total = before.program.stampsRequired;
  const name = (kind: RewardKind) => rewardName(before.program, kind, fallback);
  const count = { count: after.stampCount, total };
  const ds = after.stampCount - before.stampCount;
  const dr = after.rewardsAvailable - before.rewardsAvailable;
  const di = after.intermediateAvailable - before.intermediateAvailable;
  if (tap.kind === "stamp") {
    const earned = [...(di > 0 ? [name("intermediate")] : []), ...(dr > 0 ? [name("reward")] : [])];
    if (earned.length) return { key: "done.stampEarned", values: { amount: tap.amount, ...count, reward: earned.join(" + ") } };
    return { key: "done.stamp", values: { amount: tap.amount, ...count } };
  }
  if (tap.kind === "redeem") return { key: "done.redeem", values: { reward: name(tap.reward ?? "reward") } };
  // Undo: a redeem taken back returns one reward and leaves the stamps; a stamp taken back lowers them.
  if (ds === 0 && dr + di === 1 && dr >= 0 && di >= 0) return { key: "done.undoRedeem", values: { reward: name(dr ? "reward" : "intermediate") } };
  const stamps = -(ds + dr * total);
  if (stamps > 0 && dr <= 0 && di <= 0) return { key: "done.undoStamp", values: { amount: stamps, ...count } };
  return { key: "done.undo", values: count };
}
