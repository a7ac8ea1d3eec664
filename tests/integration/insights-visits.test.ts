// Visits (the Visit table) are kept by the CardEvent trigger of migration
// 20261126020000_insights, in the ledger's own transaction. Checked here through
// the real stamp path (applyCardAction as the app role, row-level security on):
// a stamp makes a visit on the local day, a second stamp that day adds to it, an
// undo takes it back (and a day left without stamps is no visit), an offline tap
// counts on the day it was tapped, local days follow Europe/Amsterdam across DST,
// and under concurrent stamping the visits equal what the ledger says. Each
// customer's first visit ever carries the flag Visit.first (migration
// 20261126040000_insights_speed): an earlier day (offline tap, backfill) moves
// it there, an undo that empties the first day moves it on, also when two
// transactions add days of one customer at once.
import { randomUUID } from "node:crypto";
import pg from "pg";
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
/** Customers of `orgId` whose first-visit flags are not exactly one, on their earliest day. */
async function wrongFirsts(orgId: string) {
  return db().$queryRawUnsafe<{ customerId: string; days: string[]; flagged: string[] }[]>(
    `SELECT "customerId", array_agg(to_char(day, 'YYYY-MM-DD') ORDER BY day) AS days,
            coalesce(array_agg(to_char(day, 'YYYY-MM-DD') ORDER BY day) FILTER (WHERE first), '{}') AS flagged
       FROM "Visit" WHERE "organizationId" = $1 GROUP BY 1
     HAVING count(*) FILTER (WHERE first) <> 1 OR NOT bool_or(first AND day = (SELECT min(w.day) FROM "Visit" w WHERE w."organizationId" = $1 AND w."customerId" = "Visit"."customerId"))`,
    orgId,
  );
}
const flaggedDays = async (customerId: string) => (await visitsOf(customerId)).filter((v) => v.first).map((v) => v.day.toISOString().slice(0, 10));

/** A second card of the same customer, on another program of `m` (made once). */
let lunchProgram: string | null = null;
async function secondCard(customerId: string) {
  const { seedProgram } = await import("@/prisma/seed/factories");
  const { issueCard } = await import("@/lib/cards/issue-card");
  const { tenantDb } = await import("@/lib/tenancy/tenant-db");
  lunchProgram ??= (await seedProgram(db(), m.org.id, { name: "Lunchkaart", intermediateStamp: null, intermediateRewardText: null })).id;
  const programId = lunchProgram;
  return tenantDb({ orgId: m.org.id }).$transaction((tx) => issueCard(tx, { orgId: m.org.id, programId, programVersion: 1, customerId, idempotencyKey: null }));
}

/** A STAMP row at `at` as the app role writes it (row-level security on), in the open transaction of `client`. */
const insertStamp = (client: pg.Client, cardId: string, at: string) =>
  client.query(
    `INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "createdAt") VALUES ($1, $2, $3, 'STAMP', 1, 1, $4::timestamp)`,
    [randomUUID(), m.org.id, cardId, at],
  );
async function appClient() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT set_config('app.org_id', $1, true)", [m.org.id]);
  return client;
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
    expect(await wrongFirsts(m.org.id)).toEqual([]);
  });

  it("flags the customer's first visit ever, and moves the flag for an earlier day and for an undo of the first day", async () => {
    const card = await newCard(m, "Eerste keer");
    const at = (day: string) => new Date(`${day}T10:00:00Z`);
    const add = (day: string, cardId = card.id) =>
      db().cardEvent.create({ data: { organizationId: m.org.id, cardId, type: "STAMP", amount: 1, stampDelta: 1, createdAt: at(day) } });
    await add("2026-06-10");
    expect(await flaggedDays(card.customerId)).toEqual(["2026-06-10"]);
    await add("2026-06-12");
    await add("2026-06-10"); // a second stamp on the first day: still one flag
    expect(await flaggedDays(card.customerId)).toEqual(["2026-06-10"]);
    // A backfill (or an offline tap) on an earlier day, on the customer's other card: the flag moves there.
    const lunchCard = await secondCard(card.customerId);
    const early = await add("2026-06-05", lunchCard.id);
    expect(await flaggedDays(card.customerId)).toEqual(["2026-06-05"]);
    // Undone: 5 June is no visit any more, and 10 June is the first again.
    await db().cardEvent.create({
      data: { organizationId: m.org.id, cardId: lunchCard.id, type: "UNDO", amount: 1, stampDelta: -1, reversesId: early.id, createdAt: at("2026-06-05") },
    });
    expect((await visitsOf(card.customerId)).map((v) => [v.day.toISOString().slice(0, 10), v.first])).toEqual([
      ["2026-06-10", true],
      ["2026-06-12", false],
    ]);
    // One statement with several days of several customers (a backfill): each customer's earliest.
    const other = await newCard(m, "Ook nieuw");
    await db().cardEvent.createMany({
      data: [
        { organizationId: m.org.id, cardId: other.id, type: "STAMP", amount: 1, stampDelta: 1, createdAt: at("2026-07-02") },
        { organizationId: m.org.id, cardId: other.id, type: "STAMP", amount: 1, stampDelta: 1, createdAt: at("2026-07-01") },
        { organizationId: m.org.id, cardId: card.id, type: "STAMP", amount: 1, stampDelta: 1, createdAt: at("2026-06-01") },
      ],
    });
    expect(await flaggedDays(other.customerId)).toEqual(["2026-07-01"]);
    expect(await flaggedDays(card.customerId)).toEqual(["2026-06-01"]);
    expect(await wrongFirsts(m.org.id)).toEqual([]);
  });

  it("flags the earliest day when two transactions add days of one customer at once", async () => {
    for (const [firstIn, secondIn] of [
      ["2026-08-20T10:00:00", "2026-08-01T10:00:00"], // the later day commits first
      ["2026-08-01T10:00:00", "2026-08-20T10:00:00"], // the earlier day commits first
    ]) {
      const card = await newCard(m, "Tegelijk");
      const lunchCard = await secondCard(card.customerId);
      const [a, b] = [await appClient(), await appClient()];
      try {
        await insertStamp(a, card.id, firstIn);
        // b's trigger waits for a's customer lock: it must then see a's day.
        const pending = insertStamp(b, lunchCard.id, secondIn);
        await new Promise((r) => setTimeout(r, 200));
        await a.query("COMMIT");
        await pending;
        await b.query("COMMIT");
      } finally {
        await Promise.all([a.end(), b.end()]);
      }
      expect(await flaggedDays(card.customerId)).toEqual(["2026-08-01"]);
    }
    expect(await wrongFirsts(m.org.id)).toEqual([]);
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
