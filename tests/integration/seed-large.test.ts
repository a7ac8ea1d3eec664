// seed:large at a small size (the benchmarks build it with 100 000 customers):
// it builds a consistent merchant — counters equal the ledger (checked inside the
// seed), visits equal the ledger, the insights data is there and scored — and a
// second run keeps it.
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { seedLarge, type LargeSeedResult } from "@/prisma/seed/large";

let seeded: LargeSeedResult;
const NOW = new Date("2026-11-20T12:00:00Z");

beforeAll(async () => {
  seeded = await seedLarge(db(), { customers: 1500, now: NOW });
}, 120_000);

describe("seed:large", () => {
  it("creates the merchant with its customers, cards and ledger", () => {
    expect(seeded).toMatchObject({ created: true, customers: 1500 });
    expect(seeded.events).toBeGreaterThan(15_000);
  });

  it("has visits equal to the ledger's stamps that stand, per customer and local day", async () => {
    const [diff] = await db().$queryRawUnsafe<{ missing: number; extra: number; visits: number }[]>(
      `WITH ledger AS (
         SELECT k."customerId", ((coalesce(r."createdAt", e."createdAt") AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam')::date AS day,
                sum(CASE WHEN e.type = 'STAMP' THEN e.amount ELSE -r.amount END)::int AS stamps
           FROM "CardEvent" e JOIN "Card" k ON k.id = e."cardId"
           LEFT JOIN "CardEvent" r ON e.type = 'UNDO' AND r.id = e."reversesId" AND r.type = 'STAMP'
          WHERE e."organizationId" = $1 AND (e.type = 'STAMP' OR r.id IS NOT NULL)
          GROUP BY 1, 2 HAVING sum(CASE WHEN e.type = 'STAMP' THEN e.amount ELSE -r.amount END) > 0),
       stored AS (SELECT "customerId", day, stamps FROM "Visit" WHERE "organizationId" = $1)
       SELECT (SELECT count(*)::int FROM (SELECT * FROM ledger EXCEPT SELECT * FROM stored) x) AS missing,
              (SELECT count(*)::int FROM (SELECT * FROM stored EXCEPT SELECT * FROM ledger) x) AS extra,
              (SELECT count(*)::int FROM stored) AS visits`,
      seeded.organizationId,
    );
    expect(diff.visits).toBeGreaterThan(10_000);
    expect(diff).toMatchObject({ missing: 0, extra: 0 });
  });

  it("has survey answers, opened cards, referrals, opening hours and scored customers", async () => {
    const orgId = seeded.organizationId;
    const kinds = await db().surveyAnswer.groupBy({ by: ["kind"], where: { organizationId: orgId }, _count: true });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["NPS", "SATISFACTION"]);
    expect(await db().card.count({ where: { organizationId: orgId, webOpenedAt: { not: null } } })).toBeGreaterThan(100);
    // Wallet installs come only from real registrations, never from the seed.
    expect(await db().card.count({ where: { organizationId: orgId, OR: [{ appleInstalls: { gt: 0 } }, { googleInstalled: true }] } })).toBe(0);
    const referred = await db().customer.count({ where: { organizationId: orgId, referredByCustomerId: { not: null } } });
    expect(referred).toBeGreaterThan(0);
    // Each recommendation is a Referral, rewarded when the friend came in.
    expect(await db().referral.count({ where: { organizationId: orgId } })).toBe(referred);
    expect(await db().referral.count({ where: { organizationId: orgId, status: "REWARDED" } })).toBeGreaterThan(0);
    expect(await db().location.count({ where: { organizationId: orgId, openingHours: { not: undefined } } })).toBe(3);
    expect(await db().customerScore.count({ where: { organizationId: orgId } })).toBe(1500);
    const segments = await db().customerScore.groupBy({ by: ["segment"], where: { organizationId: orgId }, _count: true });
    expect(segments.length).toBeGreaterThan(8);
    const rungs = await db().customerScore.groupBy({ by: ["rung"], where: { organizationId: orgId }, _count: true });
    expect(rungs.map((r) => r.rung)).toEqual(expect.arrayContaining(["NEW", "RETURNING", "REGULAR", "FAN", "DORMANT"]));
  });

  it("keeps a complete merchant on a second run", async () => {
    const again = await seedLarge(db(), { customers: 1500, now: NOW });
    expect(again).toMatchObject({ created: false, organizationId: seeded.organizationId, events: seeded.events });
  });
});
