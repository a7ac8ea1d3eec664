// Issue 14, Inzichten → Personeel: the per-staff summary and the four signals
// (lib/insights/staff-signals.ts), each on a small ledger built by hand and
// checked on both sides of its edge; Europe/Amsterdam with both DST switches;
// and another merchant's rows never counted. Each signal has its own month,
// so the ledgers do not mix.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import type { CardEventType } from "@/lib/generated/prisma/enums";
import { resolvePeriod } from "@/lib/insights/period";
import { fewCardsSignal, outsideHoursSignal, staffSummary, twoLocationsSignal, undoOverrideSignal } from "@/lib/insights/staff-signals";
import { addMember, appError, makeMerchant, newCard, type Merchant } from "./helpers";

const TZ = "Europe/Amsterdam";
/** (a) [2025-12-22, 2026-01-21) */
const JANUARY = resolvePeriod("month", TZ, new Date("2026-01-20T12:00:00Z"));
/** (b) [2026-03-12, 2026-04-11): 2026-03-28 is a Saturday (CET), 2026-03-29 a Sunday, the day clocks go forward. */
const SPRING = resolvePeriod("month", TZ, new Date("2026-04-10T10:00:00Z"));
/** (b) [2026-10-07, 2026-11-06): 2026-10-25 is a Sunday, the day clocks go back. */
const AUTUMN = resolvePeriod("month", TZ, new Date("2026-11-05T12:00:00Z"));
/** (c) [2026-06-21, 2026-07-21) */
const JULY = resolvePeriod("month", TZ, new Date("2026-07-20T12:00:00Z"));
/** (d) and the summary: [2026-08-03, 2026-09-02) */
const AUGUST = resolvePeriod("month", TZ, new Date("2026-09-01T12:00:00Z"));

type Card = { id: string };
type Ev = {
  id?: string;
  card: Card;
  at: string;
  type?: CardEventType;
  amount?: number;
  /** Tablet member (actorMembershipId) … */
  member?: string;
  /** … or the signed-in user (actorUserId), whose membership names the staff member. */
  user?: string;
  location?: string | null;
  overriddenBy?: string;
  reverses?: string;
};

async function ledger(m: Merchant, events: Ev[]) {
  await db().cardEvent.createMany({
    data: events.map((e) => {
      const type = e.type ?? "STAMP";
      const amount = e.amount ?? 1;
      return {
        id: e.id ?? randomUUID(),
        organizationId: m.org.id,
        cardId: e.card.id,
        type,
        amount,
        stampDelta: type === "STAMP" ? amount : type === "UNDO" ? -amount : 0,
        rewardDelta: type === "REDEEM" ? -amount : 0,
        actorMembershipId: e.member ?? null,
        actorUserId: e.user ?? null,
        locationId: e.location === undefined ? m.location.id : e.location,
        overriddenByUserId: e.overriddenBy ?? null,
        reversesId: e.reverses ?? null,
        createdAt: new Date(e.at),
      };
    }),
  });
}

/** A tablet-only staff member (no account): named by displayName. */
const tabletMember = (m: Merchant, name: string) => db().membership.create({ data: { organizationId: m.org.id, displayName: name, role: "STAFF" } });

/** A staff member with an account: events carry their user id, named by User.name. */
async function accountMember(m: Merchant) {
  const user = await addMember(m.org.id, "STAFF");
  const membership = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: user.id } });
  return { user, membership };
}

const cards = (m: Merchant, n: number, prefix: string) => Promise.all(Array.from({ length: n }, (_, i) => newCard(m, `${prefix} ${i + 1}`)));
/** `n` stamps spread over `count` days from `day` (one per hour from 09:00 UTC), on `card`. */
const spread = (card: Card, n: number, day: string, extra: Partial<Ev>): Ev[] =>
  Array.from({ length: n }, (_, i) => ({ card, at: new Date(Date.parse(`${day}T09:00:00Z`) + i * 3_600_000).toISOString(), ...extra }));

let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  a = await makeMerchant("Personeelbar", { customers: 0 });
  b = await makeMerchant("Buurbar", { customers: 0 });
});

describe("(a) many stamps on few cards", () => {
  let staff: Record<"anna" | "bas" | "cor" | "dirk", string>;
  let top: Card[];
  beforeAll(async () => {
    staff = {
      anna: (await tabletMember(a, "Anna")).id,
      bas: (await tabletMember(a, "Bas")).id,
      cor: (await tabletMember(a, "Cor")).id,
      dirk: (await tabletMember(a, "Dirk")).id,
    };
    const c = await cards(a, 16, "Vaste");
    top = c.slice(0, 3);
    const events: Ev[] = [];
    const give = (member: string, card: Card, amount: number, day: string) => events.push({ card, amount, member, at: `${day}T10:00:00Z` });
    // Anna: 50 stamps; her top 3 cards hold 5 + 4 + 4 = 13 = 26% (> 25%, ≥ 10) → flagged.
    give(staff.anna, top[0], 5, "2026-01-02");
    give(staff.anna, top[1], 4, "2026-01-03");
    give(staff.anna, top[2], 2, "2026-01-04");
    give(staff.anna, top[2], 2, "2026-01-05");
    c.slice(3).forEach((card, i) => give(staff.anna, card, i < 12 ? 3 : 1, "2026-01-06")); // 12 × 3 + 1 = 37
    // Bas: 50 stamps; top 3 = 4 + 4 + 4 = 12 = 24% → not flagged (nobody else gets more than 4).
    c.slice(0, 12).forEach((card) => give(staff.bas, card, 4, "2026-01-07")); // 48
    give(staff.bas, c[12], 2, "2026-01-08"); // 50
    // Cor: all 9 of his stamps on 3 cards (100%) but fewer than 10 → not flagged.
    give(staff.cor, c[0], 3, "2026-01-09");
    give(staff.cor, c[1], 3, "2026-01-09");
    give(staff.cor, c[2], 3, "2026-01-09");
    // Dirk: 10 stamps on 3 cards (4 + 3 + 3) → flagged.
    give(staff.dirk, c[3], 4, "2026-01-10");
    give(staff.dirk, c[4], 3, "2026-01-10");
    give(staff.dirk, c[5], 3, "2026-01-10");
    // Before the period (2025-12-21 23:30 local): Cor's tenth stamp does not count.
    events.push({ card: c[0], amount: 1, member: staff.cor, at: "2025-12-21T22:30:00Z" });
    await ledger(a, events);
    // Merchant B, same days: a barista with 40 stamps on one card (B's own flag, never A's).
    const bCard = await newCard(b, "Buur");
    const bStaff = await tabletMember(b, "Buurman");
    await ledger(b, [{ card: bCard, amount: 40, member: bStaff.id, at: "2026-01-02T10:00:00Z", location: b.location.id }]);
  });

  it("flags above 25% with at least 10 stamps, not at 24% or with 9 stamps", async () => {
    const flags = await fewCardsSignal(a.ctx(), JANUARY);
    expect(flags.map((f) => [f.staff.name, f.stamps, f.topStamps])).toEqual([
      ["Dirk", 10, 10],
      ["Anna", 50, 13],
    ]);
    expect(flags[1].share).toBeCloseTo(0.26);
    // The rows behind Anna's flag: her stamps on those three cards, newest first.
    const anna = flags[1];
    expect(anna.rows.map((r) => [r.serial, r.amount, r.staff, r.location, r.type])).toEqual([
      [await serial(top[2]), 2, "Anna", a.location.name, "STAMP"],
      [await serial(top[2]), 2, "Anna", a.location.name, "STAMP"],
      [await serial(top[1]), 4, "Anna", a.location.name, "STAMP"],
      [await serial(top[0]), 5, "Anna", a.location.name, "STAMP"],
    ]);
    expect(anna.rows[0].customerName).toBe("Vaste 3");
    expect(anna.rows[0].at).toEqual(new Date("2026-01-05T10:00:00Z"));
  });

  it("counts only the merchant's own ledger", async () => {
    const flags = await fewCardsSignal(b.ctx(), JANUARY);
    expect(flags.map((f) => [f.staff.name, f.stamps, f.topStamps])).toEqual([["Buurman", 40, 40]]);
  });
});

const serial = async (card: Card) => (await db().card.findUniqueOrThrow({ where: { id: card.id } })).serial;

describe("(b) stamps outside opening hours", () => {
  let open: { id: string; name: string };
  let noHours: { id: string; name: string };
  let flagged: Record<string, string>;
  beforeAll(async () => {
    // Open Saturday and Sunday 07:30–18:00 only (the shape the location form writes).
    open = await db().location.create({
      data: { organizationId: a.org.id, name: "Open Plein", openingHours: { sat: [["07:30", "18:00"]], sun: [["07:30", "18:00"]] } },
    });
    noHours = await db().location.create({ data: { organizationId: a.org.id, name: "Zonder Uren" } });
    await db().location.create({ data: { organizationId: a.org.id, name: "Leeg Schema", openingHours: {} } });
    const staff = await tabletMember(a, "Eva");
    const [card] = await cards(a, 1, "Laat");
    const at = (iso: string, location = open.id): Ev => ({ id: randomUUID(), card, at: iso, member: staff.id, location });
    const events = {
      // Saturday 28 March, CET (UTC+1)
      satOpens: at("2026-03-28T06:30:00Z"), // 07:30 inside
      satEarly: at("2026-03-28T06:29:59Z"), // 07:29 outside
      satClose: at("2026-03-28T17:00:59Z"), // 18:00 inside (by the minute)
      satLate: at("2026-03-28T17:01:00Z"), // 18:01 outside
      // Sunday 29 March: clocks go forward at 02:00, so UTC+2 from then on.
      sunClose: at("2026-03-29T16:00:30Z"), // 18:00 CEST inside
      sunLate: at("2026-03-29T16:01:00Z"), // 18:01 CEST outside (17:01 had we kept CET)
      // Monday 30 March: no hours that day, so closed.
      monday: at("2026-03-30T10:00:00Z"),
      // A location without hours is not checked, even at 03:00.
      night: at("2026-03-29T01:00:00Z", noHours.id),
      // Sunday 25 October: clocks go back at 03:00, UTC+1 from then on.
      octInside: at("2026-10-25T16:30:00Z"), // 17:30 CET inside (18:30 had we kept CEST)
      octLate: at("2026-10-25T17:01:00Z"), // 18:01 CET outside
    };
    await ledger(a, Object.values(events));
    flagged = Object.fromEntries(Object.entries(events).map(([k, e]) => [e.id!, k]));
    // B: a stamp at 03:00 at its own location with hours.
    const bOpen = await db().location.create({ data: { organizationId: b.org.id, name: "Buur Plein", openingHours: { sun: [["07:30", "18:00"]] } } });
    await ledger(b, [{ card: await newCard(b, "Buur laat"), at: "2026-03-29T01:00:00Z", location: bOpen.id, member: (await tabletMember(b, "Nacht")).id }]);
  });

  it("flags stamps before opening, after closing and on closed days, by the local minute across the spring DST switch", async () => {
    const r = await outsideHoursSignal(a.ctx(), SPRING);
    expect(r.flags).toHaveLength(1);
    expect(r.flags[0].location.name).toBe("Open Plein");
    expect(r.flags[0].count).toBe(4);
    expect(r.flags[0].rows.map((row) => flagged[row.id])).toEqual(["monday", "sunLate", "satLate", "satEarly"]);
    expect(r.flags[0].rows[0]).toMatchObject({ staff: "Eva", customerName: "Laat 1", type: "STAMP", location: "Open Plein" });
    // Checked: the one location with hours; the others (no hours, or an empty schedule) are named as skipped.
    expect(r.checked).toBe(1);
    expect(r.skipped.map((l) => l.name)).toEqual(expect.arrayContaining(["Zonder Uren", "Leeg Schema", a.location.name]));
    expect(r.skipped.map((l) => l.name)).not.toContain("Open Plein");
  });

  it("reads the autumn DST switch in local time too", async () => {
    const r = await outsideHoursSignal(a.ctx(), AUTUMN);
    expect(r.flags.flatMap((f) => f.rows.map((row) => flagged[row.id]))).toEqual(["octLate"]);
  });

  it("never shows another merchant's stamps or locations", async () => {
    const r = await outsideHoursSignal(a.ctx(), SPRING);
    expect([...r.skipped, ...r.flags.map((f) => f.location)].map((l) => l.name)).not.toContain("Buur Plein");
    const rb = await outsideHoursSignal(b.ctx(), SPRING);
    expect(rb.flags.map((f) => [f.location.name, f.count])).toEqual([["Buur Plein", 1]]);
  });
});

describe("(c) one card at two locations within 30 minutes", () => {
  let cardIds: Record<string, string>;
  beforeAll(async () => {
    const second = await db().location.create({ data: { organizationId: a.org.id, name: "Tweede Zaak" } });
    const staff = await tabletMember(a, "Femke");
    const [k29, k31, same, k30] = await cards(a, 4, "Reiziger");
    cardIds = { [k29.id]: "29", [k31.id]: "31", [same.id]: "same", [k30.id]: "30" };
    const s = (card: Card, at: string, location: string) => ({ card, at, location, member: staff.id });
    await ledger(a, [
      s(k29, "2026-07-01T09:00:00Z", a.location.id),
      s(k29, "2026-07-01T09:29:00Z", second.id), // 29 minutes later elsewhere → flagged
      s(k31, "2026-07-02T09:00:00Z", a.location.id),
      s(k31, "2026-07-02T09:31:00Z", second.id), // 31 minutes → not
      s(same, "2026-07-03T09:00:00Z", a.location.id),
      s(same, "2026-07-03T09:05:00Z", a.location.id), // same location → not
      s(k30, "2026-07-04T09:00:00Z", second.id),
      s(k30, "2026-07-04T09:10:00Z", second.id),
      s(k30, "2026-07-04T09:40:00Z", a.location.id), // exactly 30 minutes after the previous one → flagged
    ]);
    const bSecond = await db().location.create({ data: { organizationId: b.org.id, name: "Buur Twee" } });
    const bCard = await newCard(b, "Buur reiziger");
    await ledger(b, [
      { card: bCard, at: "2026-07-01T09:00:00Z", location: b.location.id },
      { card: bCard, at: "2026-07-01T09:01:00Z", location: bSecond.id },
    ]);
  });

  it("flags 29 and 30 minutes apart, not 31, nor twice at one location", async () => {
    const r = await twoLocationsSignal(a.ctx(), JULY);
    expect(r.total).toBe(2);
    expect(r.flags.map((f) => cardIds[f.cardId])).toEqual(["30", "29"]);
    const f29 = r.flags[1];
    expect(f29.customerName).toBe("Reiziger 1");
    expect(f29.rows.map((row) => [row.location, row.at.toISOString()])).toEqual([
      ["Tweede Zaak", "2026-07-01T09:29:00.000Z"],
      [a.location.name, "2026-07-01T09:00:00.000Z"],
    ]);
    expect(f29.rows[0]).toMatchObject({ staff: "Femke", serial: f29.serial, amount: 1, type: "STAMP" });
  });

  it("never pairs another merchant's stamps", async () => {
    expect((await twoLocationsSignal(a.ctx(), JULY)).flags.map((f) => f.customerName)).not.toContain("Buur reiziger");
    expect((await twoLocationsSignal(b.ctx(), JULY)).flags.map((f) => f.customerName)).toEqual(["Buur reiziger"]);
  });
});

describe("(d) undos and overrides, and the per-staff summary", () => {
  let ids: Record<"vera" | "xander" | "wim" | "yara", string>;
  let vera: Awaited<ReturnType<typeof accountMember>>;
  beforeAll(async () => {
    // Team: 100 stamps and redeems, 10 undos (10%) and 3 overrides (3%).
    vera = await accountMember(a);
    ids = {
      vera: vera.membership.id, // acts as a signed-in user: 15 actions, 3 undos = 20% = exactly 2 × the team → not flagged
      xander: (await tabletMember(a, "Xander")).id, // 14 actions, 3 undos = 21.4% → flagged; 3 overridden of 14 (vs 3%) → flagged
      wim: (await tabletMember(a, "Wim")).id, // 5 actions, 2 undos = 40% but only 2 → not flagged
      yara: (await tabletMember(a, "Yara")).id, // 66 actions (one a redeem), 2 undos
    };
    const [card, other] = await cards(a, 2, "Vaak");
    const owner = a.owner.id;
    const events: Ev[] = [];
    const actor = (who: keyof typeof ids) => (who === "vera" ? { user: vera.user.id } : { member: ids[who] });
    const act = (who: keyof typeof ids, n: number, day: string, extra: Partial<Ev> = {}) => {
      const made = spread(card, n, day, { ...actor(who), ...extra }).map((e) => ({ ...e, id: randomUUID() }));
      events.push(...made);
      return made;
    };
    const undo = (who: keyof typeof ids, stamps: Ev[]) =>
      stamps.forEach((s) => events.push({ card, at: new Date(Date.parse(s.at) + 60_000).toISOString(), type: "UNDO", reverses: s.id, ...actor(who) }));
    undo("vera", act("vera", 15, "2026-08-10").slice(0, 3));
    const x = act("xander", 11, "2026-08-11");
    act("xander", 3, "2026-08-12", { overriddenBy: owner });
    undo("xander", x.slice(0, 3));
    undo("wim", act("wim", 5, "2026-08-13").slice(0, 2));
    undo("yara", act("yara", 65, "2026-08-14").slice(0, 2));
    events.push({ card: other, at: "2026-08-20T10:00:00Z", type: "REDEEM", amount: 1, ...actor("yara") });
    // Without a staff member (an integration): in the summary, never in the team's share.
    events.push({ card: other, at: "2026-08-21T10:00:00Z", amount: 2, location: null });
    events.push({ card: other, at: "2026-08-21T11:00:00Z", type: "UNDO", location: null });
    await ledger(a, events);
    // B: one barista who undoes everything, in the same days.
    const bStaff = await tabletMember(b, "Onhandig");
    const bCard = await newCard(b, "Buur vaak");
    const bStamps = spread(bCard, 4, "2026-08-10", { member: bStaff.id, location: b.location.id }).map((e) => ({ ...e, id: randomUUID() }));
    await ledger(b, [
      ...bStamps,
      ...bStamps.map((s) => ({
        card: bCard,
        at: new Date(Date.parse(s.at) + 60_000).toISOString(),
        type: "UNDO" as const,
        reverses: s.id,
        member: bStaff.id,
        location: b.location.id,
      })),
    ]);
  });

  it("flags a share above twice the team's with at least 3 events, not at exactly twice or with 2", async () => {
    const r = await undoOverrideSignal(a.ctx(), AUGUST);
    expect(r.team.undo).toBeCloseTo(10 / 100);
    expect(r.team.override).toBeCloseTo(3 / 100);
    expect(r.flags.map((f) => [f.staff.name, f.kind, f.count, f.actions])).toEqual([
      ["Xander", "UNDO", 3, 14],
      ["Xander", "OVERRIDE", 3, 14],
    ]);
    expect(r.flags[0].share).toBeCloseTo(3 / 14);
    expect(r.flags[0].rows.map((row) => row.type)).toEqual(["UNDO", "UNDO", "UNDO"]);
    expect(r.flags[1].rows.map((row) => [row.type, row.staff])).toEqual([
      ["STAMP", "Xander"],
      ["STAMP", "Xander"],
      ["STAMP", "Xander"],
    ]);
  });

  it("summarises stamps, redeems, undos and overrides per staff member (a signed-in user by their membership)", async () => {
    const rows = await staffSummary(a.ctx(), AUGUST);
    const by = Object.fromEntries(rows.map((r) => [r.staff?.name ?? "-", [r.stamps, r.redeems, r.undos, r.overrides]]));
    expect(by).toEqual({
      Yara: [65, 1, 2, 0],
      [vera.user.name]: [15, 0, 3, 0],
      Xander: [14, 0, 3, 3],
      Wim: [5, 0, 2, 0],
      "-": [2, 0, 1, 0],
    });
    expect(rows[0].staff?.name).toBe("Yara");
    expect(rows.find((r) => r.staff?.name === vera.user.name)?.staff?.id).toBe(ids.vera);
  });

  it("counts only the merchant's own ledger", async () => {
    const rb = await undoOverrideSignal(b.ctx(), AUGUST);
    // B's barista is the whole team: the same share as the team, so no flag, and A's numbers are untouched (above).
    expect(rb.team.undo).toBe(1);
    expect((await staffSummary(b.ctx(), AUGUST)).map((r) => [r.staff?.name, r.stamps, r.undos])).toEqual([["Onhandig", 4, 4]]);
  });

  it("is for managers and owners", async () => {
    for (const fn of [staffSummary, fewCardsSignal, outsideHoursSignal, twoLocationsSignal, undoOverrideSignal])
      expect((await appError(fn(a.ctx("STAFF"), AUGUST))).status).toBe(403);
  });
});
