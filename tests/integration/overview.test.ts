// Issue 12 §4: dashboard numbers say their period and count what stands —
// undone stamps and redeems do not count, and the two rewards are apart.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { getOverview } from "@/lib/dashboard/get-overview";
import { makeMerchant, newCard, type Merchant } from "./helpers";

let m: Merchant;
const DAY = 86_400_000;

/** A ledger row as live stamping writes it (counters are not what this test is about). */
async function event(
  cardId: string,
  type: "STAMP" | "REDEEM" | "UNDO",
  at: Date,
  extra: Partial<{ amount: number; rewardDelta: number; intermediateDelta: number; reversesId: string }> = {},
) {
  return db().cardEvent.create({ data: { id: randomUUID(), organizationId: m.org.id, cardId, type, amount: extra.amount ?? 1, createdAt: at, ...extra } });
}

beforeAll(async () => {
  m = await makeMerchant("Tellerij", { customers: 0 });
});

describe("dashboard overview", () => {
  it("counts the last 7 days' standing stamps and each reward apart", async () => {
    const card = await newCard(m, "Telt");
    const now = new Date();
    await event(card.id, "STAMP", new Date(now.getTime() - 1 * DAY), { amount: 2 });
    const undone = await event(card.id, "STAMP", new Date(now.getTime() - 2 * DAY), { amount: 1 });
    await event(card.id, "UNDO", new Date(now.getTime() - 2 * DAY + 60_000), { amount: -1, reversesId: undone.id });
    await event(card.id, "STAMP", new Date(now.getTime() - 9 * DAY), { amount: 5 }); // outside the week
    await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { rewardDelta: -1 });
    await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { intermediateDelta: -1 });
    await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { intermediateDelta: -1 });
    const undoneRedeem = await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { rewardDelta: -1 });
    await event(card.id, "UNDO", new Date(now.getTime() - DAY + 1000), { amount: -1, reversesId: undoneRedeem.id, rewardDelta: 1 });
    await event(card.id, "REDEEM", new Date(now.getTime() - 30 * DAY), { rewardDelta: -1 }); // outside the week

    const o = await getOverview(m.ctx(), now);
    expect(o.periodDays).toBe(7);
    expect(o.stamps).toBe(2);
    expect(o.redeemed).toEqual({ main: 1, intermediate: 2 });
  });
});
