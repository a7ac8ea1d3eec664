import { describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { expireStamps } from "@/lib/stamping/expire-stamps";
import { makeMerchant } from "./helpers";

describe("stamp expiry", () => {
  it("lapses open stamps on cards idle longer than the program's expiry, once, keeping rewards", async () => {
    const m = await makeMerchant("Expiry Koffie", { customers: 3 });
    await db().cardProgram.update({ where: { id: m.program.id }, data: { stampExpiryMonths: 1 } });
    const [idle, , active] = m.histories.map((h) => h.card);
    const now = new Date();
    await db().card.update({ where: { id: idle.id }, data: { lastStampAt: new Date(now.getTime() - 40 * 86_400_000) } });
    await db().card.update({ where: { id: active.id }, data: { lastStampAt: new Date(now.getTime() - 5 * 86_400_000) } });
    const before = await db().card.findUniqueOrThrow({ where: { id: idle.id } });
    expect(before.stampCount).toBeGreaterThan(0);

    const first = await expireStamps(now);
    const second = await expireStamps(now);
    expect(second.cards).toBe(0);
    expect(first.cards).toBeGreaterThanOrEqual(1);

    const after = await db().card.findUniqueOrThrow({ where: { id: idle.id } });
    expect(after).toMatchObject({ stampCount: 0, rewardsAvailable: before.rewardsAvailable });
    const events = await db().cardEvent.findMany({ where: { cardId: idle.id, type: "EXPIRE" } });
    expect(events).toEqual([expect.objectContaining({ amount: -before.stampCount, stampDelta: -before.stampCount })]);
    expect((await db().card.findUniqueOrThrow({ where: { id: active.id } })).stampCount).toBe(active.stampCount);
    const sums = await db().cardEvent.aggregate({ where: { cardId: idle.id }, _sum: { stampDelta: true } });
    expect(sums._sum.stampDelta).toBe(0);
  });
});
