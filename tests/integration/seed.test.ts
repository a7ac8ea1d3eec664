import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { ownerDb as db } from "@/lib/db/owner";
import { DEMO, seedDemo } from "@/prisma/seed/demo";

const NOW = new Date("2026-11-25T12:00:00Z");

describe("demo seed", () => {
  let orgId: string;
  beforeAll(async () => {
    const r = await seedDemo(db(), { now: NOW });
    expect(r.created).toBe(true);
    orgId = r.organizationId;
  }, 120_000);

  it("creates the demo merchant with its team, locations and card", async () => {
    const org = await db().organization.findUniqueOrThrow({
      where: { id: orgId },
      include: { locations: true, memberships: true, programs: true },
    });
    expect(org.name).toBe("Koffiebar De Hoek");
    expect(org.locations).toHaveLength(2);
    expect(org.memberships.map((m) => m.role).sort()).toEqual(["MANAGER", "OWNER", "STAFF", "STAFF"]);
    expect(org.programs).toEqual([expect.objectContaining({ status: "PUBLISHED", stampsRequired: 10, intermediateStamp: 5 })]);
    expect(await authenticate({ email: DEMO.owner, password: DEMO.password }, { ip: "seed-test" })).not.toBeNull();
  });

  it("has ~300 customers with six months of varied history", async () => {
    expect(await db().customer.count({ where: { organizationId: orgId } })).toBe(DEMO.customers);
    const first = await db().cardEvent.findFirstOrThrow({ where: { organizationId: orgId }, orderBy: { createdAt: "asc" } });
    expect((NOW.getTime() - first.createdAt.getTime()) / 86_400_000).toBeGreaterThan(150);
    const byCard = await db().card.findMany({ where: { organizationId: orgId }, select: { totalStamps: true, lastStampAt: true } });
    const regulars = byCard.filter((c) => c.totalStamps >= 30).length;
    const lapsed = byCard.filter((c) => c.lastStampAt && NOW.getTime() - c.lastStampAt.getTime() > 60 * 86_400_000).length;
    expect(regulars).toBeGreaterThan(20);
    expect(lapsed).toBeGreaterThan(30);
    expect(await db().cardEvent.count({ where: { organizationId: orgId, type: "REDEEM" } })).toBeGreaterThan(50);
  });

  it("keeps every card's counters equal to the sums of its ledger", async () => {
    const mismatches = await db().$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "Card" c
      LEFT JOIN "CardEvent" e ON e."cardId" = c.id
      GROUP BY c.id
      HAVING c."stampCount" <> COALESCE(SUM(e."stampDelta"), 0)
          OR c."rewardsAvailable" <> COALESCE(SUM(e."rewardDelta"), 0)
          OR c."intermediateAvailable" <> COALESCE(SUM(e."intermediateDelta"), 0)
          OR c."totalStamps" <> COALESCE(SUM(e.amount) FILTER (WHERE e.type = 'STAMP'), 0)`;
    expect(mismatches).toEqual([]);
    const negative = await db().card.count({ where: { OR: [{ stampCount: { lt: 0 } }, { rewardsAvailable: { lt: 0 } }, { stampCount: { gte: 10 } }] } });
    expect(negative).toBe(0);
  });

  it("is idempotent", async () => {
    const counts = async () => Promise.all([db().organization.count(), db().user.count(), db().customer.count(), db().cardEvent.count()]);
    const before = await counts();
    expect((await seedDemo(db(), { now: NOW })).created).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

describe("database guards", () => {
  it("refuses negative counters and edits to the ledger, even through the raw client", async () => {
    const card = await db().card.findFirstOrThrow();
    await expect(db().card.update({ where: { id: card.id }, data: { rewardsAvailable: -1 } })).rejects.toThrow();
    const event = await db().cardEvent.findFirstOrThrow();
    await expect(db().cardEvent.update({ where: { id: event.id }, data: { amount: 42 } })).rejects.toThrow(/append-only/);
  });
});
