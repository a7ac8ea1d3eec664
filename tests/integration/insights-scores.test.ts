// Issue 14: the score refresh (lib/insights/refresh-insights.ts) on small ledgers
// built by hand, every expected number worked out below. The merchants are in
// Europe/Amsterdam and the refresh runs at a fixed moment, NOW = Thursday
// 26 November 2026 13:00 local (12:00 UTC): "today" is 2026-11-26.
//  - RFM quintiles: score = 1 + floor(5 × percent_rank), at most 5, so with 10
//    customers the ranks 1…10 give 1,1,2,2,3,3,4,4,5,5 and equal values share
//    the lower score; customers without a visit score 0 and stay out of the ranks.
//  - the segment grid cell by cell, the ladder and matrix at their edges,
//    engagement, the moves a second refresh writes, cohorts across a month end
//    (and a DST weekend), the latest redeemed reward, and isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { newAuthToken, newSerial, newWebToken } from "@/lib/cards/identifiers";
import { ownerDb as db } from "@/lib/db/owner";
import { DORMANT_DAYS, HIGH_ATTITUDE, REGULAR_VISITS_90, refreshInsights, SEGMENT } from "@/lib/insights/refresh-insights";
import { addDays } from "@/lib/insights/period";
import { makeMerchant, type Merchant } from "./helpers";

const NOW = new Date("2026-11-26T12:00:00Z");
const TODAY = "2026-11-26";
const DAY = 86_400_000;
/** Noon UTC `n` days before today (13:00 or 14:00 in Amsterdam: the same local day). */
const daysAgo = (n: number) => new Date(`${addDays(TODAY, -n)}T12:00:00Z`);

type Person = { id: string; cardId: string; name: string };

async function merchant(name: string) {
  return makeMerchant(name, { customers: 0 });
}

async function person(m: Merchant, name: string, options: { joined?: Date; referredBy?: string; programId?: string } = {}): Promise<Person> {
  const joined = options.joined ?? new Date(NOW.getTime() - 30 * DAY);
  const c = await db().customer.create({
    data: { organizationId: m.org.id, name, createdAt: joined, referredByCustomerId: options.referredBy ?? null },
  });
  const card = await db().card.create({
    data: {
      organizationId: m.org.id,
      programId: options.programId ?? m.program.id,
      customerId: c.id,
      serial: newSerial(),
      authToken: newAuthToken(),
      webToken: newWebToken(),
      createdAt: joined,
    },
  });
  return { id: c.id, cardId: card.id, name };
}

/** STAMP events (the Visit trigger turns them into visits). */
async function stamps(m: Merchant, p: Person, visits: (Date | { at: Date; stamps?: number; spendCents?: number })[]) {
  await db().cardEvent.createMany({
    data: visits.map((v) => {
      const { at, stamps = 1, spendCents } = v instanceof Date ? { at: v } : v;
      return { organizationId: m.org.id, cardId: p.cardId, type: "STAMP" as const, amount: stamps, stampDelta: stamps, spendCents, createdAt: at };
    }),
  });
}

async function nps(m: Merchant, p: Person, score: number, at: Date, cli?: [number, number]) {
  await db().surveyAnswer.create({
    data: { organizationId: m.org.id, customerId: p.id, cardId: p.cardId, kind: "NPS", score, comeBack: cli?.[0], tryOther: cli?.[1], createdAt: at },
  });
}

async function scores(m: Merchant) {
  const rows = await db().customerScore.findMany({ where: { organizationId: m.org.id }, include: { customer: { select: { name: true } } } });
  return Object.fromEntries(rows.map((r) => [r.customer.name, r]));
}

// ---------------------------------------------------------------- merchant 1: ten customers, visits 1…10

// Customer k (1…10) came k days in a row, the last one `LAST[k-1]` days ago, one stamp a visit, no spend.
const LAST = [50, 50, 40, 35, 30, 25, 20, 10, 5, 0];
let m1: Merchant;
const c: Record<string, Person> = {};

beforeAll(async () => {
  m1 = await merchant("Tien klanten");
  for (let k = 1; k <= 10; k++) {
    c[`c${k}`] = await person(m1, `c${k}`);
    await stamps(
      m1,
      c[`c${k}`],
      Array.from({ length: k }, (_, i) => daysAgo(LAST[k - 1] + i)),
    );
  }
  // c0 joined a month ago, brought by c10, and never came; cz joined 120 days ago and never came.
  c.c0 = await person(m1, "c0", { referredBy: c.c10.id });
  c.cz = await person(m1, "cz", { joined: new Date(NOW.getTime() - 120 * DAY) });
  // Attitude: each customer's latest NPS answer within a year, with the CLI questions the mean of the three.
  await nps(m1, c.c1, 10, new Date(NOW.getTime() - 400 * DAY)); // older than a year: no attitude
  await nps(m1, c.c2, 10, new Date(NOW.getTime() - 100 * DAY));
  await nps(m1, c.c2, 4, new Date(NOW.getTime() - 10 * DAY)); // the latest counts: 4
  await nps(m1, c.c3, 3, new Date(NOW.getTime() - 10 * DAY));
  await nps(m1, c.c4, 10, new Date(NOW.getTime() - 10 * DAY));
  await nps(m1, c.c5, 10, new Date(NOW.getTime() - 10 * DAY));
  await nps(m1, c.c6, 8, new Date(NOW.getTime() - 10 * DAY), [9, 8]); // (8+9+8)/3 = 8⅓
  await nps(m1, c.c7, 8, new Date(NOW.getTime() - 10 * DAY));
  await nps(m1, c.c8, 8, new Date(NOW.getTime() - 10 * DAY), [9, 9]); // 8⅔
  await nps(m1, c.c9, 9, new Date(NOW.getTime() - 10 * DAY), [8, 8]); // 8⅓: a 9 alone, but the CLI mean decides
  await nps(m1, c.c10, 9, new Date(NOW.getTime() - 5 * DAY));
  // Engagement parts: c10 a pass in Apple Wallet and the web card opened 29 days ago; c8 a Google pass, opened 31 days ago.
  await db().card.update({ where: { id: c.c10.cardId }, data: { appleInstalls: 1, webOpenedAt: new Date(NOW.getTime() - 29 * DAY) } });
  await db().card.update({ where: { id: c.c8.cardId }, data: { googleInstalled: true, webOpenedAt: new Date(NOW.getTime() - 31 * DAY) } });
  await refreshInsights(m1.org.id, NOW);
});

describe("RFM scores", () => {
  it("score in quintiles by percent rank: ties share the lower score, customers without a visit score 0 apart", async () => {
    const s = await scores(m1);
    const rfm = (k: string) => [s[k].recency, s[k].frequency, s[k].monetary];
    // F: visits 1…10 → percent ranks 0, 1/9, …, 1 → 1 + floor(5 × rank) = 1,1,2,2,3,3,4,4,5,(6→)5.
    // R: last visit days ago 50,50,40,35,30,25,20,10,5,0 → c1 and c2 tie (rank 0 → 1); c3 2/9 → 2, c4 3/9 → 2,
    //    c5 4/9 → 3, c6 5/9 → 3, c7 6/9 → 4, c8 7/9 → 4, c9 8/9 → 5, c10 → 5.
    // M: no spend anywhere, so stamps (one a visit): as F.
    expect(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i + 1}`, rfm(`c${i + 1}`)]))).toEqual({
      c1: [1, 1, 1],
      c2: [1, 1, 1],
      c3: [2, 2, 2],
      c4: [2, 2, 2],
      c5: [3, 3, 3],
      c6: [3, 3, 3],
      c7: [4, 4, 4],
      c8: [4, 4, 4],
      c9: [5, 5, 5],
      c10: [5, 5, 5],
    });
    expect(rfm("c0")).toEqual([0, 0, 0]);
    expect(rfm("cz")).toEqual([0, 0, 0]);
    expect(s.c10).toMatchObject({ visits: 10, visits90: 10, stamps: 10, spendCents: 0 });
    expect(s.c10.lastVisitAt).toEqual(daysAgo(0));
    expect(s.c10.firstVisitAt).toEqual(daysAgo(9));
  });

  it("M counts stamps while no visit records a spend", async () => {
    // One visit each on the same day (R and F tie at 1), stamps 5, 4, 3, 2, 1: M follows the stamps.
    const m = await merchant("Stempels");
    const stampsOf = [5, 4, 3, 2, 1];
    for (const [i, n] of stampsOf.entries()) await stamps(m, await person(m, `t${i + 1}`), [{ at: daysAgo(3), stamps: n }]);
    await refreshInsights(m.org.id, NOW);
    const s = await scores(m);
    // Stamps ascending: t5 (1) rank 0 → 1, t4 ¼ → 2, t3 ½ → 3, t2 ¾ → 4, t1 1 → 5.
    expect(["t1", "t2", "t3", "t4", "t5"].map((k) => [s[k].recency, s[k].frequency, s[k].monetary])).toEqual([
      [1, 1, 5],
      [1, 1, 4],
      [1, 1, 3],
      [1, 1, 2],
      [1, 1, 1],
    ]);
    // FM = (F + M) / 2 with a half rounded up: (1+5)/2 = 3, (1+4)/2 = 2½ → 3, (1+3)/2 = 2, 1½ → 2, 1.
    // At R1: FM3 is AT_RISK, FM2 HIBERNATING, FM1 LOST.
    expect(["t1", "t2", "t3", "t4", "t5"].map((k) => s[k].segment)).toEqual(["AT_RISK", "AT_RISK", "HIBERNATING", "HIBERNATING", "LOST"]);
  });

  it("M counts spend once any visit records one (a visit without spend counts 0)", async () => {
    const m = await merchant("Besteding");
    // stamps 5,4,3,2,1 with spend 1.00, 2.00, 3.00, 4.00 and none: by spend s5 (0) → 1, s1 → 2, s2 → 3, s3 → 4, s4 → 5.
    const spend = [100, 200, 300, 400, undefined];
    for (let i = 0; i < 5; i++) await stamps(m, await person(m, `s${i + 1}`), [{ at: daysAgo(3), stamps: 5 - i, spendCents: spend[i] }]);
    await refreshInsights(m.org.id, NOW);
    const s = await scores(m);
    expect(["s1", "s2", "s3", "s4", "s5"].map((k) => s[k].monetary)).toEqual([2, 3, 4, 5, 1]);
    expect(s.s4.spendCents).toBe(400);
  });
});

describe("segments", () => {
  it("cut the R × FM grid like this, cell by cell", async () => {
    const grid = await db().$queryRawUnsafe<{ r: number; fm: number; segment: string | null }[]>(
      `SELECT r, fm, (${SEGMENT})::text AS segment FROM generate_series(0, 5) r, generate_series(1, 5) fm ORDER BY fm DESC, r`,
    );
    const at = (fm: number) => grid.filter((g) => g.fm === fm && g.r > 0).map((g) => g.segment);
    // Columns R = 1…5. FM = (F + M) / 2, a half rounded up.
    expect(at(5)).toEqual(["CANNOT_LOSE", "CANNOT_LOSE", "LOYAL", "LOYAL", "CHAMPIONS"]);
    expect(at(4)).toEqual(["AT_RISK", "AT_RISK", "LOYAL", "LOYAL", "CHAMPIONS"]);
    expect(at(3)).toEqual(["AT_RISK", "AT_RISK", "NEED_ATTENTION", "POTENTIAL_LOYALISTS", "POTENTIAL_LOYALISTS"]);
    expect(at(2)).toEqual(["HIBERNATING", "HIBERNATING", "ABOUT_TO_SLEEP", "POTENTIAL_LOYALISTS", "POTENTIAL_LOYALISTS"]);
    expect(at(1)).toEqual(["LOST", "HIBERNATING", "ABOUT_TO_SLEEP", "PROMISING", "NEW"]);
    // R = 0: no visit yet, no segment.
    expect(grid.filter((g) => g.r === 0).map((g) => g.segment)).toEqual([null, null, null, null, null]);
  });

  it("follow from the scores; no visit is no segment", async () => {
    const s = await scores(m1);
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.segment]))).toEqual({
      c1: "LOST", // R1 FM1
      c2: "LOST",
      c3: "HIBERNATING", // R2 FM2
      c4: "HIBERNATING",
      c5: "NEED_ATTENTION", // R3 FM3
      c6: "NEED_ATTENTION",
      c7: "LOYAL", // R4 FM4
      c8: "LOYAL",
      c9: "CHAMPIONS", // R5 FM5
      c10: "CHAMPIONS",
      c0: null,
      cz: null,
    });
  });
});

describe("the loyalty ladder", () => {
  let s: Awaited<ReturnType<typeof scores>>;
  beforeAll(async () => {
    const m = await merchant("Ladder");
    const p = async (name: string, visits: Date[], options?: Parameters<typeof person>[2]) => {
      const x = await person(m, name, { joined: new Date(NOW.getTime() - 200 * DAY), ...options });
      if (visits.length) await stamps(m, x, visits);
      return x;
    };
    // Today − 90 = 2026-08-28. 00:30 local that day (CEST, UTC+2) is 22:30 UTC the day before: the visit is on the 28th.
    await p("slaper op de grens", [daysAgo(94), daysAgo(93), daysAgo(92), daysAgo(91), new Date("2026-08-27T22:30:00Z")]);
    const once = await p("één bezoek", [daysAgo(89)]);
    await p("vaste klant op de grens", [daysAgo(89), daysAgo(60), daysAgo(30), daysAgo(1)]); // 4 visits in the last 90 days
    await p("terugkerend", [daysAgo(90), daysAgo(60), daysAgo(30), daysAgo(1)]); // the 90th day back is outside: 3
    const regular = [daysAgo(40), daysAgo(30), daysAgo(20), daysAgo(10)];
    const ambassador = await p("ambassadeur", regular);
    await nps(m, ambassador, 10, new Date(NOW.getTime() - 5 * DAY));
    await p("nieuw zonder bezoek", [], { joined: new Date(NOW.getTime() - 89 * DAY), referredBy: ambassador.id });
    await p("nooit gekomen", [], { joined: new Date(NOW.getTime() - DORMANT_DAYS * DAY) });
    await nps(m, await p("fan door CLI", regular), 8, new Date(NOW.getTime() - 5 * DAY), [9, 9]); // 8⅔
    await nps(m, await p("promotor, CLI laag", regular), 9, new Date(NOW.getTime() - 5 * DAY), [8, 8]); // 8⅓
    await nps(m, await p("promotor", regular), 9, new Date(NOW.getTime() - 5 * DAY));
    const recommender = await p("raadt aan, komt weinig", [daysAgo(40), daysAgo(10)]);
    await nps(m, recommender, 10, new Date(NOW.getTime() - 5 * DAY));
    await db().customer.update({ where: { id: once.id }, data: { referredByCustomerId: recommender.id } });
    await refreshInsights(m.org.id, NOW);
    s = await scores(m);
  });

  it("puts each customer on the right rung at the edges", () => {
    expect(REGULAR_VISITS_90).toBe(4);
    expect(HIGH_ATTITUDE).toBe(8.5);
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.rung]))).toEqual({
      "slaper op de grens": "DORMANT", // last visit exactly 90 days ago (local day)
      "één bezoek": "NEW", // one visit, 89 days ago
      "vaste klant op de grens": "REGULAR",
      terugkerend: "RETURNING",
      ambassadeur: "AMBASSADOR", // regular, a 10, and "nieuw zonder bezoek" came through them
      "nieuw zonder bezoek": "NEW", // joined 89 days ago
      "nooit gekomen": "DORMANT", // joined 90 days ago, never came
      "fan door CLI": "FAN", // an 8, but the CLI mean is 8⅔
      "promotor, CLI laag": "REGULAR", // a 9, but the CLI mean is 8⅓
      promotor: "FAN", // a 9 without the CLI questions
      "raadt aan, komt weinig": "RETURNING", // a 10 and a friend, but not a regular
    });
    expect(s["vaste klant op de grens"].visits90).toBe(4);
    expect(s.terugkerend.visits90).toBe(3);
  });
});

describe("the loyalty matrix", () => {
  it("crosses attitude (high from 8.5) with behaviour (R ≥ 3 and FM ≥ 3)", async () => {
    const s = await scores(m1);
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.cell]))).toEqual({
      c1: null, // its only answer is older than a year
      c2: "NONE", // latest answer 4, R1 FM1
      c3: "NONE", // 3, R2 FM2
      c4: "LATENT", // 10, R2 FM2
      c5: "TRUE_LOYALTY", // 10, R3 FM3: both at the edge
      c6: "SPURIOUS", // 8⅓, R3 FM3
      c7: "SPURIOUS", // 8, R4 FM4
      c8: "TRUE_LOYALTY", // 8⅔, R4 FM4
      c9: "SPURIOUS", // 8⅓ (ties with c6 from other answers), R5 FM5
      c10: "TRUE_LOYALTY", // 9
      c0: null, // no visit
      cz: null,
    });
    expect(s.c6.attitude).toBeCloseTo(25 / 3, 10);
    expect(s.c9.attitude).toBeCloseTo(25 / 3, 10);
    expect(s.c8.attitude).toBeCloseTo(26 / 3, 10);
    expect(s.c2.attitude).toBe(4);
    expect(s.c1.attitude).toBeNull();
  });
});

describe("engagement", () => {
  it("adds a pass (40), the web card opened in 30 days (20), a survey in 180 days (20) and a friend brought (20)", async () => {
    const s = await scores(m1);
    expect(s.c10.engagement).toBe(100); // Apple pass, opened 29 days ago, answered 5 days ago, brought c0
    expect(s.c8.engagement).toBe(60); // Google pass, opened 31 days ago (too long), answered
    expect(s.c2.engagement).toBe(20); // answered 10 days ago
    expect(s.c1.engagement).toBe(0); // answered 400 days ago
    expect(s.c0.engagement).toBe(0);
  });
});

describe("the ladder and matrix on the 10 customers", () => {
  it("give rungs from visits and attitude", async () => {
    const s = await scores(m1);
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.rung]))).toEqual({
      c1: "NEW",
      c2: "RETURNING",
      c3: "RETURNING",
      c4: "FAN",
      c5: "FAN",
      c6: "REGULAR",
      c7: "REGULAR",
      c8: "FAN",
      c9: "REGULAR",
      c10: "AMBASSADOR",
      c0: "NEW",
      cz: "DORMANT",
    });
  });
});

describe("cohorts", () => {
  it("count first visits by local month, across a month end and a DST weekend, for the last 24 months", async () => {
    const m = await merchant("Cohorten");
    // Jan 31 23:30 CET and Feb 1 00:30 CET: January's cohort, back in month 1.
    await stamps(m, await person(m, "januari"), [new Date("2026-01-31T22:30:00Z"), new Date("2026-01-31T23:30:00Z")]);
    // Dec 1 2024 00:15 CET: the oldest month counted (today's month − 23); back in February 2025 (month 2).
    await stamps(m, await person(m, "december"), [new Date("2024-11-30T23:15:00Z"), new Date("2025-02-10T12:00:00Z")]);
    // Nov 30 2024 23:45 CET: a month too old, left out.
    await stamps(m, await person(m, "november"), [new Date("2024-11-30T22:45:00Z"), new Date("2026-01-10T12:00:00Z")]);
    // Saturday 28 March, then Monday 30 March 00:30 CEST (after the switch on the 29th), then 1 May 00:30 CEST: month 2.
    await stamps(m, await person(m, "maart"), [new Date("2026-03-28T12:00:00Z"), new Date("2026-03-29T22:30:00Z"), new Date("2026-04-30T22:30:00Z")]);
    await refreshInsights(m.org.id, NOW);
    const rows = await db().insightCohort.findMany({ where: { organizationId: m.org.id }, orderBy: [{ month: "asc" }, { offset: "asc" }] });
    expect(rows.map((r) => [r.month.toISOString().slice(0, 10), r.offset, r.customers])).toEqual([
      ["2024-12-01", 0, 1],
      ["2024-12-01", 2, 1],
      ["2026-01-01", 0, 1],
      ["2026-01-01", 1, 1],
      ["2026-03-01", 0, 1],
      ["2026-03-01", 2, 1],
    ]);
    // The visits behind it: the second stamp of "januari" fell on 1 February.
    const visits = await db().visit.findMany({ where: { organizationId: m.org.id, customer: { name: "januari" } }, orderBy: { day: "asc" } });
    expect(visits.map((v) => v.day.toISOString().slice(0, 10))).toEqual(["2026-01-31", "2026-02-01"]);
  });
});

describe("the latest redeemed reward", () => {
  it("is the latest REDEEM not undone, with its program", async () => {
    const m = await merchant("Beloningen");
    const lunch = await db().cardProgram.create({
      data: { organizationId: m.org.id, name: "Lunchkaart", stampsRequired: 8, rewardText: "Gratis lunch", status: "PUBLISHED" },
    });
    const redeem = (p: Person | { cardId: string }, at: Date) =>
      db().cardEvent.create({ data: { organizationId: m.org.id, cardId: p.cardId, type: "REDEEM", amount: 1, rewardDelta: -1, createdAt: at } });
    const both = await person(m, "twee kaarten");
    const lunchCard = await db().card.create({
      data: {
        organizationId: m.org.id,
        programId: lunch.id,
        customerId: both.id,
        serial: newSerial(),
        authToken: newAuthToken(),
        webToken: newWebToken(),
      },
    });
    await redeem(both, new Date("2026-09-01T10:00:00Z"));
    await redeem({ cardId: lunchCard.id }, new Date("2026-10-01T10:00:00Z"));
    const undone = await person(m, "teruggedraaid");
    await redeem(undone, new Date("2026-09-01T10:00:00Z"));
    const late = await redeem(undone, new Date("2026-10-01T10:00:00Z"));
    await db().cardEvent.create({
      data: {
        organizationId: m.org.id,
        cardId: undone.cardId,
        type: "UNDO",
        amount: 1,
        rewardDelta: 1,
        reversesId: late.id,
        createdAt: new Date("2026-10-01T10:01:00Z"),
      },
    });
    await person(m, "nooit ingewisseld");
    await refreshInsights(m.org.id, NOW);
    const s = await scores(m);
    expect([s["twee kaarten"].lastRedeemAt, s["twee kaarten"].lastRedeemProgramId]).toEqual([new Date("2026-10-01T10:00:00Z"), lunch.id]);
    expect([s.teruggedraaid.lastRedeemAt, s.teruggedraaid.lastRedeemProgramId]).toEqual([new Date("2026-09-01T10:00:00Z"), m.program.id]);
    expect([s["nooit ingewisseld"].lastRedeemAt, s["nooit ingewisseld"].lastRedeemProgramId]).toEqual([null, null]);
  });
});

describe("a second refresh", () => {
  it("writes no moves when nothing changed, then exactly the customers whose rung or cell changed", async () => {
    expect(await db().loyaltyChange.count({ where: { organizationId: m1.org.id } })).toBe(0); // the first refresh has nothing to compare with
    const later = new Date(NOW.getTime() + 3600_000);
    await refreshInsights(m1.org.id, later);
    expect(await db().loyaltyChange.count({ where: { organizationId: m1.org.id } })).toBe(0);
    // …and rewrites no score: every row keeps the first refresh's moment.
    const before = await scores(m1);
    expect(new Set(Object.values(before).map((r) => r.computedAt.getTime()))).toEqual(new Set([NOW.getTime()]));

    // c3 comes today: 4 visits in 90 days, a regular (its 3 keeps it off FAN). The recency ranks shift:
    // last days 50,50 (c1,c2) → 1; c4 (35) 2/9 → 2; c5 (30) 3/9 → 2; c6 (25) 4/9 → 3; c7 (20) 5/9 → 3;
    // c8 (10) 6/9 → 4; c9 (5) 7/9 → 4; c3 and c10 (today) 8/9 → 5. Visits 1,2,4,4,5…10 → F: c3 and c4 2/9 → 2.
    // So c5 (a 10) drops from R3 to R2: TRUE_LOYALTY → LATENT. c7 (R4 → 3, FM4, an 8) stays SPURIOUS,
    // c9 (R5 → 4, FM5, 8⅓) stays SPURIOUS, c3 (R5, FM2, a 3) stays NONE.
    await stamps(m1, c.c3, [new Date("2026-11-26T12:30:00Z")]);
    const third = new Date(NOW.getTime() + 2 * 3600_000);
    await refreshInsights(m1.org.id, third);
    const moves = await db().loyaltyChange.findMany({ where: { organizationId: m1.org.id }, include: { customer: { select: { name: true } } } });
    expect(moves.map((x) => [x.customer.name, x.fromRung, x.toRung, x.fromCell, x.toCell, x.at]).sort()).toEqual([
      ["c3", "RETURNING", "REGULAR", "NONE", "NONE", third],
      ["c5", "FAN", "FAN", "TRUE_LOYALTY", "LATENT", third],
    ]);
    const s = await scores(m1);
    expect([s.c5.recency, s.c7.recency, s.c9.recency, s.c3.recency, s.c3.frequency]).toEqual([2, 3, 4, 5, 2]);
    // Exactly the rows whose scores changed were rewritten (c1's and c2's, at R1, F1/F2, stayed).
    const figures = ({ computedAt: _at, customer: _c, ...r }: (typeof s)[string]) => r;
    const changed = Object.keys(s).filter((name) => JSON.stringify(figures(s[name])) !== JSON.stringify(figures(before[name])));
    expect(changed).toContain("c3");
    expect(changed).not.toContain("c1");
    expect(
      Object.keys(s)
        .filter((name) => s[name].computedAt.getTime() === third.getTime())
        .sort(),
    ).toEqual(changed.sort());
  });
});

describe("isolation", () => {
  it("a merchant's refresh reads and writes only its own rows", async () => {
    const a = await merchant("Eigen A");
    const b = await merchant("Eigen B");
    // B has ten busy customers, A one customer with one visit: alone in its ranks, it scores 1 everywhere.
    for (let k = 0; k < 10; k++) await stamps(b, await person(b, `b${k}`), [daysAgo(k), daysAgo(k + 1), daysAgo(k + 2)]);
    await stamps(a, await person(a, "a"), [daysAgo(20)]);
    await refreshInsights(a.org.id, NOW);
    expect(await db().customerScore.count({ where: { organizationId: b.org.id } })).toBe(0);
    const s = await scores(a);
    expect(Object.keys(s)).toEqual(["a"]);
    expect([s.a.recency, s.a.frequency, s.a.monetary, s.a.visits]).toEqual([1, 1, 1, 1]);
    const cohorts = await db().insightCohort.findMany({ where: { organizationId: a.org.id } });
    expect(cohorts.map((r) => r.customers)).toEqual([1]);
    expect(await db().insightCohort.count({ where: { organizationId: b.org.id } })).toBe(0);
  });
});

describe("the process time zone", () => {
  it("does not shift the refresh's moment (timestamps are passed as UTC)", async () => {
    const before = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const m = await merchant("Tijdzone");
      const p = await person(m, "één");
      await stamps(m, p, [daysAgo(1)]);
      await refreshInsights(m.org.id, NOW);
      const [score] = await db().customerScore.findMany({ where: { organizationId: m.org.id } });
      expect(score.computedAt).toEqual(NOW);
      const org = await db().organization.findUniqueOrThrow({ where: { id: m.org.id } });
      expect(org.insightsRefreshedAt).toEqual(NOW);
    } finally {
      process.env.TZ = before;
      if (before === undefined) delete process.env.TZ;
    }
  });
});
