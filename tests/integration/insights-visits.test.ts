// Visits (the Visit table) are kept by the CardEvent trigger of migration
// 20261126020000_insights, in the ledger's own transaction. Checked here through
// the real stamp path (applyCardAction as the app role, row-level security on):
// a stamp makes a visit on the local day, a second stamp that day adds to it, an
// undo takes it back (and a day left without stamps is no visit), an offline tap
// counts on the day it was tapped, local days follow Europe/Amsterdam across DST,
// and under concurrent stamping the visits equal what the ledger says.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { refreshInsights } from "@/lib/insights/refresh-insights";
import { applyCardAction } from "@/lib/stamping/card-action";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";

let m: Merchant;
let other: Merchant;
let t: Awaited<ReturnType<typeof tablet>>;

beforeAll(async () => {
  m = await makeMerchant("Visits A", { customers: 1 });
  other = await makeMerchant("Visits B", { customers: 1 });
  t = await tablet(m, "2468");
  // No visit or daily limits in the way of these tests.
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 30, maxStampsPerDay: 30, visitMinutes: 1 } });
});

const stamp = (serial: string, amount = 1, occurredAt?: Date) =>
  applyCardAction(t.sessionToken, { kind: "stamp", amount, serial, idempotencyKey: randomUUID(), occurredAt });
const undo = (serial: string) => applyCardAction(t.sessionToken, { kind: "undo", serial, idempotencyKey: randomUUID() });
const visitsOf = (customerId: string) =>
  db().visit.findMany({ where: { organizationId: m.org.id, customerId }, orderBy: { day: "asc" }, omit: { organizationId: true, customerId: true } });
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());

/** What the ledger says: per customer and local day, the stamps that stand. */
async function visitsFromLedger(orgId: string) {
  return db().$queryRawUnsafe<{ customerId: string; day: string; stamps: number }[]>(
    `SELECT k."customerId", to_char(((coalesce(r."createdAt", e."createdAt") AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam')::date, 'YYYY-MM-DD') AS day,
            sum(CASE WHEN e.type = 'STAMP' THEN e.amount ELSE -r.amount END)::int AS stamps
       FROM "CardEvent" e JOIN "Card" k ON k.id = e."cardId"
       LEFT JOIN "CardEvent" r ON e.type = 'UNDO' AND r.id = e."reversesId" AND r.type = 'STAMP'
      WHERE e."organizationId" = $1 AND (e.type = 'STAMP' OR r.id IS NOT NULL)
      GROUP BY 1, 2 HAVING sum(CASE WHEN e.type = 'STAMP' THEN e.amount ELSE -r.amount END) > 0 ORDER BY 1, 2`,
    orgId,
  );
}
async function visitsStored(orgId: string) {
  return db().$queryRawUnsafe<{ customerId: string; day: string; stamps: number }[]>(
    `SELECT "customerId", to_char(day, 'YYYY-MM-DD') AS day, stamps FROM "Visit" WHERE "organizationId" = $1 ORDER BY 1, 2`,
    orgId,
  );
}

describe("the Visit trigger", () => {
  it("makes a visit on the first stamp of the local day and adds later stamps to it", async () => {
    const card = await newCard(m, "Eerste bezoek");
    await stamp(card.serial, 2);
    await stamp(card.serial, 1);
    const visits = await visitsOf(card.customerId);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ stamps: 3, locationId: m.location.id, membershipId: t.memberId, spendCents: 0 });
    expect(visits[0].day.toISOString().slice(0, 10)).toBe(today());
  });

  it("takes an undone stamp off its day, and a day left without stamps is no visit", async () => {
    const card = await newCard(m, "Ongedaan");
    await stamp(card.serial, 2);
    await stamp(card.serial, 1);
    await undo(card.serial);
    expect((await visitsOf(card.customerId)).map((v) => v.stamps)).toEqual([2]);
    await undo(card.serial);
    expect(await visitsOf(card.customerId)).toEqual([]);
  });

  it("counts an offline tap on the day it was tapped, and records the spend", async () => {
    const card = await newCard(m, "Offline");
    // The server keeps a tap's own time up to 24 hours back (MAX_OFFLINE_AGE_MS): this one is 20 hours old.
    const tapped = new Date(Date.now() - 20 * 3600_000);
    await applyCardAction(t.sessionToken, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: randomUUID(), occurredAt: tapped, spendCents: 350 });
    const [visit] = await visitsOf(card.customerId);
    expect(visit.day.toISOString().slice(0, 10)).toBe(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(tapped));
    expect(visit.spendCents).toBe(350);
  });

  it("puts stamps on the Amsterdam day and hour across both DST switches", async () => {
    const card = await newCard(m, "Zomertijd");
    const cardId = card.id;
    // 2026-03-29: clocks go 02:00 → 03:00 (UTC+1 → UTC+2). 2026-10-25: 03:00 → 02:00.
    const events = [
      ["2026-03-28T23:30:00Z", "2026-03-29", 0], // 00:30 local, still UTC+1
      ["2026-03-29T22:30:00Z", "2026-03-30", 0], // 00:30 local the next day, now UTC+2
      ["2026-10-24T21:59:00Z", "2026-10-24", 23], // 23:59 local, UTC+2
      ["2026-10-25T22:59:00Z", "2026-10-25", 23], // 23:59 local, UTC+1 after the switch
    ] as const;
    await db().cardEvent.createMany({
      data: events.map(([at]) => ({ organizationId: m.org.id, cardId, type: "STAMP" as const, amount: 1, stampDelta: 1, createdAt: new Date(at) })),
    });
    const visits = await visitsOf(card.customerId);
    expect(visits.map((v) => [v.day.toISOString().slice(0, 10), v.hour])).toEqual(events.map(([, day, hour]) => [day, hour]));
  });

  it("keeps the day's first stamp as the visit's time, place and staff, whatever order the taps arrive in", async () => {
    const card = await newCard(m, "Volgorde");
    const second = await db().location.create({ data: { organizationId: m.org.id, name: "Tweede zaak" } });
    const at = (h: number) => new Date(Date.UTC(2026, 5, 10, h, 0, 0));
    await db().cardEvent.create({
      data: { organizationId: m.org.id, cardId: card.id, type: "STAMP", amount: 1, stampDelta: 1, createdAt: at(12), locationId: m.location.id },
    });
    await db().cardEvent.create({
      data: { organizationId: m.org.id, cardId: card.id, type: "STAMP", amount: 1, stampDelta: 1, createdAt: at(8), locationId: second.id },
    });
    const [visit] = await visitsOf(card.customerId);
    expect(visit).toMatchObject({ stamps: 2, hour: 10, locationId: second.id, firstAt: at(8) });
  });

  it("equals the ledger under concurrent stamping and undos on many cards", async () => {
    const cards = await Promise.all(Array.from({ length: 6 }, (_, i) => newCard(m, `Druk ${i}`)));
    const tablets = [t, await tablet(m, "1357"), await tablet(m, "9753")];
    await Promise.all(
      tablets.flatMap((tab, ti) =>
        cards.map(async (card, ci) => {
          for (let k = 0; k < 4; k++) {
            await applyCardAction(tab.sessionToken, { kind: "stamp", amount: 1 + ((ci + k + ti) % 2), serial: card.serial, idempotencyKey: randomUUID() });
          }
          if ((ci + ti) % 3 === 0) await applyCardAction(tab.sessionToken, { kind: "undo", serial: card.serial, idempotencyKey: randomUUID() });
        }),
      ),
    );
    const expected = await visitsFromLedger(m.org.id);
    expect(expected.length).toBeGreaterThan(6);
    expect(await visitsStored(m.org.id)).toEqual(expected);
  });

  it("scores while stamps come in: no stamp waits for it, and the next refresh counts every visit", async () => {
    const cards = await Promise.all(Array.from({ length: 4 }, (_, i) => newCard(m, `Tijdens ${i}`)));
    const stamping = Promise.all(cards.map((c) => stamp(c.serial, 1)));
    await Promise.all([refreshInsights(m.org.id), refreshInsights(m.org.id), stamping]);
    await refreshInsights(m.org.id);
    const [wrong] = await db().$queryRawUnsafe<{ n: number; scored: number }[]>(
      `SELECT count(*) FILTER (WHERE s.visits IS DISTINCT FROM (SELECT count(*) FROM "Visit" v WHERE v."organizationId" = c."organizationId" AND v."customerId" = c.id))::int AS n,
              count(s."customerId")::int AS scored
         FROM "Customer" c LEFT JOIN "CustomerScore" s ON s."organizationId" = c."organizationId" AND s."customerId" = c.id
        WHERE c."organizationId" = $1`,
      m.org.id,
    );
    expect(wrong.n).toBe(0);
    expect(wrong.scored).toBe(await db().customer.count({ where: { organizationId: m.org.id } }));
  });

  it("keeps each merchant's visits apart", async () => {
    const mine = await visitsStored(m.org.id);
    const theirs = await visitsStored(other.org.id);
    const customersOf = async (orgId: string) =>
      new Set((await db().customer.findMany({ where: { organizationId: orgId }, select: { id: true } })).map((c) => c.id));
    const mineIds = await customersOf(m.org.id);
    expect(mine.every((v) => mineIds.has(v.customerId))).toBe(true);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.some((v) => mineIds.has(v.customerId))).toBe(false);
    expect(await visitsStored(other.org.id)).toEqual(await visitsFromLedger(other.org.id));
  });
});
