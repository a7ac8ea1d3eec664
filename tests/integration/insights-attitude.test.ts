// Issue 14, Inzichten → Tevredenheid (lib/insights/attitude.ts) and the
// customer detail's scores and answers (getCustomerInsights): NPS with ties at
// the 6/7 and 8/9 edges, each customer's latest answer in a period counting
// once, NPS of exactly 0 and −100, CLI over answers with all three questions,
// satisfaction, the monthly trend across a month end in Europe/Amsterdam, the
// "fewer than 5 answers" rule per location and staff member, comments, and
// another merchant's answers never counted. Answers are inserted directly (the
// surveys customers fill in write the same rows).
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { getCustomerInsights } from "@/lib/customers/detail";
import {
  attitudeByLocation,
  attitudeByStaff,
  latestComments,
  npsSummary,
  npsTrend,
  satisfactionSummary,
  surveySetup,
  COMMENTS_SHOWN,
} from "@/lib/insights/attitude";
import { resolvePeriod } from "@/lib/insights/period";
import { refreshInsights } from "@/lib/insights/refresh-insights";
import { appError, makeMerchant, newCard, type Merchant } from "./helpers";

const TZ = "Europe/Amsterdam";
/** Current [2026-05-17, 2026-06-16) local = [2026-05-16T22:00Z, 2026-06-15T22:00Z); previous [2026-04-17, 2026-05-17). */
const JUNE = resolvePeriod("month", TZ, new Date("2026-06-15T10:00:00Z"));
/** [2026-02-04, 2026-02-11) */
const FEBRUARY_WEEK = resolvePeriod("week", TZ, new Date("2026-02-10T12:00:00Z"));
/** [2026-08-03, 2026-09-02) */
const AUGUST = resolvePeriod("month", TZ, new Date("2026-09-01T12:00:00Z"));

type Card = Awaited<ReturnType<typeof newCard>>;
type Answer = {
  card: Card;
  at: string;
  kind?: "NPS" | "SATISFACTION";
  score: number;
  comeBack?: number;
  tryOther?: number;
  comment?: string;
  location?: string | null;
  staff?: string | null;
};

async function answers(m: Merchant, list: Answer[]) {
  await db().surveyAnswer.createMany({
    data: list.map((x) => ({
      organizationId: m.org.id,
      customerId: x.card.customerId,
      cardId: x.card.id,
      kind: x.kind ?? "NPS",
      score: x.score,
      comeBack: x.comeBack ?? null,
      tryOther: x.tryOther ?? null,
      comment: x.comment ?? null,
      locationId: x.location ?? null,
      membershipId: x.staff ?? null,
      createdAt: new Date(x.at),
    })),
  });
}

let a: Merchant;
let b: Merchant;
let c: Card[];
let l1: string;
let l2: string;
let s1: string;
let s2: { id: string; name: string };

beforeAll(async () => {
  a = await makeMerchant("Tevredenbar", { customers: 0 });
  b = await makeMerchant("Buurbar", { customers: 0 });
  c = [];
  for (let i = 1; i <= 10; i++) c[i] = await newCard(a, `Klant ${i}`);
  l1 = a.location.id;
  l2 = (await db().location.create({ data: { organizationId: a.org.id, name: "Tweede Zaak" } })).id;
  s1 = (await db().membership.create({ data: { organizationId: a.org.id, displayName: "Sanne", role: "STAFF" } })).id;
  const owner = await db().membership.findFirstOrThrow({ where: { organizationId: a.org.id, userId: a.owner.id } });
  s2 = { id: owner.id, name: a.owner.name };
  const at1 = { location: l1, staff: s1 };
  const at2 = { location: l2, staff: s2.id };
  await answers(a, [
    // Previous period: c1's latest there is 0 (the earlier 10 does not count), c7 10, c9 8 → NPS (1 − 1) / 3 = 0.
    { card: c[1], at: "2026-04-20T10:00:00Z", score: 10, ...at1 },
    { card: c[1], at: "2026-05-10T10:00:00Z", score: 0, ...at1 },
    // 2026-05-01 00:30 local: May in the trend, not April (a month end in UTC+2).
    { card: c[9], at: "2026-04-30T22:30:00Z", score: 8, ...at1 },
    // 2026-05-16 23:59 local: still the previous period.
    { card: c[7], at: "2026-05-16T21:59:00Z", score: 10, ...at2 },
    // Current period. 00:00 local on 17 May: the first minute of it.
    { card: c[7], at: "2026-05-16T22:00:00Z", score: 3, ...at2 },
    { card: c[1], at: "2026-05-20T10:00:00Z", score: 10, comeBack: 10, tryOther: 7, comment: "Beste koffie van de stad", ...at1 },
    { card: c[2], at: "2026-05-25T10:00:00Z", score: 9, comeBack: 8, tryOther: 7, ...at1 },
    { card: c[3], at: "2026-06-01T10:00:00Z", score: 8, ...at1 },
    { card: c[4], at: "2026-06-02T10:00:00Z", score: 7, comeBack: 5, ...at1 }, // half a CLI: not in the CLI
    { card: c[5], at: "2026-06-03T10:00:00Z", score: 6, comeBack: 3, tryOther: 0, comment: "Lang wachten", ...at1 },
    // c6: 0 first (with CLI), then 9 without: only the 9 counts, and where it was given (L2).
    { card: c[6], at: "2026-05-18T10:00:00Z", score: 0, comeBack: 0, tryOther: 0, ...at1 },
    { card: c[6], at: "2026-06-05T10:00:00Z", score: 9, ...at2 },
    { card: c[10], at: "2026-06-10T10:00:00Z", score: 10, comment: "   ", ...at2 },
    // 2026-06-16 00:00 local: after the period.
    { card: c[8], at: "2026-06-15T22:00:00Z", score: 0, comment: "Te laat", ...at1 },
    // Satisfaction, current: at L1 5, 5, 4, 4, 3 (c1 twice: both count); at L2 1, 2, 3, 3. Previous: 2 and 4.
    ...[5, 5, 4, 4, 3].map((score, i) => ({ card: c[i === 1 ? 1 : i + 1], at: `2026-05-2${i}T12:00:00Z`, kind: "SATISFACTION" as const, score, ...at1 })),
    ...[1, 2, 3, 3].map((score, i) => ({ card: c[i + 6], at: `2026-06-0${i + 1}T12:00:00Z`, kind: "SATISFACTION" as const, score, ...at2 })),
    { card: c[1], at: "2026-05-01T12:00:00Z", kind: "SATISFACTION", score: 2, ...at1 },
    { card: c[2], at: "2026-05-02T12:00:00Z", kind: "SATISFACTION", score: 4, ...at1 },
    // A week in February with three detractors: NPS −100.
    { card: c[1], at: "2026-02-05T10:00:00Z", score: 0 },
    { card: c[2], at: "2026-02-06T10:00:00Z", score: 6 },
    { card: c[3], at: "2026-02-07T10:00:00Z", score: 5 },
  ]);
  // Merchant B, the same days: ten detractors and ten 1-star visits with comments.
  const bc = await newCard(b, "Buurklant");
  await answers(
    b,
    Array.from({ length: 10 }, (_, i) => [
      { card: bc, at: `2026-06-0${(i % 9) + 1}T09:0${i}:00Z`, score: 0, comment: "Buur klaagt" },
      { card: bc, at: `2026-06-0${(i % 9) + 1}T09:1${i}:00Z`, kind: "SATISFACTION" as const, score: 1, location: b.location.id },
    ]).flat(),
  );
});

describe("NPS and CLI", () => {
  it("counts each customer's latest answer in the period once, with 9 a promoter, 7–8 passive, 6 a detractor", async () => {
    const { current, previous } = await npsSummary(a.ctx(), JUNE);
    // Current: c1 10, c2 9, c6 9, c10 10 promoters; c3 8, c4 7 passive; c5 6, c7 3 detractors → (4 − 2) / 8 = 25.
    expect(current).toMatchObject({ responses: 8, promoters: 4, passives: 2, detractors: 2 });
    expect(current.nps).toBeCloseTo(25);
    // CLI over c1 (10+10+7)/3 = 9, c2 (9+8+7)/3 = 8, c5 (6+3+0)/3 = 3 → 20/3; c4 half, c6's latest without.
    expect(current.cliResponses).toBe(3);
    expect(current.cli).toBeCloseTo(20 / 3);
    // Previous: c1 0, c7 10, c9 8 → exactly 0.
    expect(previous).toMatchObject({ responses: 3, promoters: 1, passives: 1, detractors: 1, cli: null, cliResponses: 0 });
    expect(previous.nps).toBe(0);
  });

  it("is −100 when everyone is a detractor, and empty without answers", async () => {
    const { current, previous } = await npsSummary(a.ctx(), FEBRUARY_WEEK);
    expect(current).toMatchObject({ responses: 3, detractors: 3, nps: -100 });
    expect(previous).toMatchObject({ responses: 0, nps: null, cli: null });
  });

  it("trends by local month over the last 12, each customer once per month", async () => {
    const trend = await npsTrend(a.ctx(), JUNE);
    expect(trend).toHaveLength(12);
    expect(trend[0].month).toBe("2025-07");
    expect(trend.filter((m) => m.responses > 0)).toEqual([
      // The February week: three detractors.
      { month: "2026-02", responses: 3, nps: -100 },
      // April: c1 10 only (c9's answer was 1 May local).
      { month: "2026-04", responses: 1, nps: 100 },
      // May: c1 0 then 10 → 10; c9 8; c7 10 then 3 → 3; c2 9; c6 0 → (2 − 2) / 5.
      { month: "2026-05", responses: 5, nps: 0 },
      // June: c3 8, c4 7, c5 6, c6 9, c10 10 → (2 − 1) / 5; c8 (16 June local) is after today.
      { month: "2026-06", responses: 5, nps: 20 },
    ]);
    expect(trend.filter((m) => m.responses === 0).every((m) => m.nps === null)).toBe(true);
  });
});

describe("satisfaction", () => {
  it("averages every answer in the period, with the distribution", async () => {
    const { current, previous } = await satisfactionSummary(a.ctx(), JUNE);
    // 5 + 5 + 4 + 4 + 3 + 1 + 2 + 3 + 3 = 30 over 9.
    expect(current.responses).toBe(9);
    expect(current.average).toBeCloseTo(30 / 9);
    expect(current.distribution).toEqual([1, 1, 3, 2, 2]);
    expect(previous).toEqual({ responses: 2, average: 3, distribution: [0, 1, 0, 1, 0] });
    expect((await satisfactionSummary(a.ctx(), FEBRUARY_WEEK)).current).toEqual({ responses: 0, average: null, distribution: [0, 0, 0, 0, 0] });
  });
});

describe("by location and by staff member", () => {
  it("shows groups with 5 answers and hides those with fewer ('te weinig antwoorden')", async () => {
    const rows = await attitudeByLocation(a.ctx(), JUNE);
    // L1: c1 10, c2 9, c3 8, c4 7, c5 6 → (2 − 1) / 5 = 20 (c6's 0 given here no longer counts); satisfaction 21 / 5.
    // L2: c6 9, c7 3, c10 10 (3 answers) and satisfaction 1, 2, 3, 3 (4 answers): no numbers.
    expect(rows).toEqual([
      { id: l1, name: a.location.name, npsResponses: 5, nps: 20, satisfactionResponses: 5, satisfaction: 4.2 },
      { id: l2, name: "Tweede Zaak", npsResponses: 3, nps: null, satisfactionResponses: 4, satisfaction: null },
    ]);
  });

  it("names staff members by their tablet name or account name", async () => {
    const rows = await attitudeByStaff(a.ctx(), JUNE);
    expect(rows).toEqual([
      { id: s1, name: "Sanne", npsResponses: 5, nps: 20, satisfactionResponses: 5, satisfaction: 4.2 },
      { id: s2.id, name: s2.name, npsResponses: 3, nps: null, satisfactionResponses: 4, satisfaction: null },
    ]);
  });

  it("groups answers without a location together", async () => {
    const rows = await attitudeByLocation(a.ctx(), FEBRUARY_WEEK);
    expect(rows).toEqual([{ id: null, name: null, npsResponses: 3, nps: null, satisfactionResponses: 0, satisfaction: null }]);
  });
});

describe("comments", () => {
  it("lists the newest comments in the period with score, date and location; blank ones left out", async () => {
    const list = await latestComments(a.ctx(), JUNE);
    expect(list.map((x) => [x.comment, x.score, x.kind, x.location, x.customerName])).toEqual([
      ["Lang wachten", 6, "NPS", a.location.name, "Klant 5"],
      ["Beste koffie van de stad", 10, "NPS", a.location.name, "Klant 1"],
    ]);
    expect(list[0].at).toEqual(new Date("2026-06-03T10:00:00Z"));
    expect(list[0].customerId).toBe(c[5].customerId);
  });

  it(`shows at most ${COMMENTS_SHOWN}, newest first`, async () => {
    const card = c[9];
    await answers(
      a,
      Array.from({ length: 25 }, (_, i) => ({
        card,
        at: new Date(Date.parse("2026-08-05T08:00:00Z") + i * 3_600_000).toISOString(),
        score: 8,
        comment: `Nummer ${i}`,
      })),
    );
    const list = await latestComments(a.ctx(), AUGUST);
    expect(list).toHaveLength(COMMENTS_SHOWN);
    expect(list[0].comment).toBe("Nummer 24");
    expect(list.at(-1)?.comment).toBe("Nummer 5");
  });
});

describe("isolation and access", () => {
  it("never counts another merchant's answers (A's numbers above are exact), and B sees only its own", async () => {
    const nps = await npsSummary(b.ctx(), JUNE);
    // B: ten answers of one customer → one counted.
    expect(nps.current).toMatchObject({ responses: 1, detractors: 1, nps: -100 });
    expect((await satisfactionSummary(b.ctx(), JUNE)).current).toMatchObject({ responses: 10, average: 1 });
    expect((await npsTrend(b.ctx(), JUNE)).at(-1)).toEqual({ month: "2026-06", responses: 1, nps: -100 });
    expect(await attitudeByLocation(b.ctx(), JUNE)).toEqual([
      { id: b.location.id, name: b.location.name, npsResponses: 0, nps: null, satisfactionResponses: 10, satisfaction: 1 },
      { id: null, name: null, npsResponses: 1, nps: null, satisfactionResponses: 0, satisfaction: null },
    ]);
    expect(await attitudeByStaff(b.ctx(), JUNE)).toEqual([{ id: null, name: null, npsResponses: 1, nps: null, satisfactionResponses: 10, satisfaction: 1 }]);
    expect((await latestComments(b.ctx(), JUNE)).map((x) => x.comment)).toEqual(Array(10).fill("Buur klaagt"));
    expect((await latestComments(a.ctx(), JUNE)).map((x) => x.comment)).not.toContain("Buur klaagt");
  });

  it("tells whether questions are on and answered", async () => {
    expect(await surveySetup(a.ctx())).toEqual({ asking: false, answered: true });
    const fresh = await makeMerchant("Nieuwbar", { customers: 0 });
    expect(await surveySetup(fresh.ctx())).toEqual({ asking: false, answered: false });
    await db().cardProgram.update({ where: { id: fresh.program.id }, data: { surveyNps: true } });
    expect(await surveySetup(fresh.ctx())).toEqual({ asking: true, answered: false });
  });

  it("is for managers and owners", async () => {
    for (const fn of [npsSummary, satisfactionSummary, npsTrend, attitudeByLocation, attitudeByStaff, latestComments])
      expect((await appError(fn(a.ctx("STAFF"), JUNE))).status).toBe(403);
  });
});

describe("the customer detail page", () => {
  it("shows the customer's scores with the engagement parts, and their answers (newest first) with location and staff", async () => {
    await refreshInsights(a.org.id, new Date("2026-06-15T12:00:00Z"));
    const d = await getCustomerInsights(a.ctx("MANAGER"), c[1].customerId);
    expect(d.score).not.toBeNull();
    const score = d.score!;
    // c1's latest NPS in the year before the refresh: 10 with CLI 10 and 7 → attitude 9 (and 8 answers within 180 days: surveyed).
    expect(score.attitude).toBeCloseTo(9);
    expect(score.parts).toEqual({ wallet: false, opened: false, surveyed: true, referred: false });
    expect(score.engagement).toBe(20);
    expect(score.computedAt).toEqual(new Date("2026-06-15T12:00:00Z"));
    expect(d.answers.map((x) => [x.at.toISOString(), x.kind, x.score])).toEqual([
      ["2026-05-21T12:00:00.000Z", "SATISFACTION", 5],
      ["2026-05-20T12:00:00.000Z", "SATISFACTION", 5],
      ["2026-05-20T10:00:00.000Z", "NPS", 10],
      ["2026-05-10T10:00:00.000Z", "NPS", 0],
      ["2026-05-01T12:00:00.000Z", "SATISFACTION", 2],
      ["2026-04-20T10:00:00.000Z", "NPS", 10],
      ["2026-02-05T10:00:00.000Z", "NPS", 0],
    ]);
    expect(d.answers.find((x) => x.comment)).toMatchObject({
      comeBack: 10,
      tryOther: 7,
      comment: "Beste koffie van de stad",
      location: a.location.name,
      staff: "Sanne",
    });
  });

  it("sums the engagement parts to the stored score", async () => {
    const card = c[2];
    await db().card.update({ where: { id: card.id }, data: { appleInstalls: 1 } });
    await db().customer.update({ where: { id: c[3].customerId }, data: { referredByCustomerId: card.customerId } });
    const now = new Date("2026-06-15T12:00:00Z");
    await db().card.update({ where: { id: card.id }, data: { webOpenedAt: new Date(now.getTime() - 86_400_000) } });
    await refreshInsights(a.org.id, now);
    const { score } = await getCustomerInsights(a.ctx(), card.customerId);
    expect(score!.parts).toEqual({ wallet: true, opened: true, surveyed: true, referred: true });
    expect(score!.engagement).toBe(100);
    // 30 days later the web card's opening has lapsed: the score drops to 80 and the parts say why, as of that refresh.
    const later = new Date(now.getTime() + 30 * 86_400_000);
    await refreshInsights(a.org.id, later);
    const after = (await getCustomerInsights(a.ctx(), card.customerId)).score!;
    expect([after.engagement, after.parts.opened, after.computedAt]).toEqual([80, false, later]);
    // An hour on nothing changed, so the refresh leaves the row: the page still says the scores hold as of that refresh.
    const hourLater = new Date(later.getTime() + 3600_000);
    await refreshInsights(a.org.id, hourLater);
    const row = await db().customerScore.findFirstOrThrow({ where: { organizationId: a.org.id, customerId: card.customerId } });
    expect(row.computedAt).toEqual(later);
    expect((await getCustomerInsights(a.ctx(), card.customerId)).score!.computedAt).toEqual(hourLater);
  });

  it("finds only the merchant's own customer, and answers only theirs", async () => {
    const bCustomer = (await db().customer.findFirstOrThrow({ where: { organizationId: b.org.id } })).id;
    expect((await appError(getCustomerInsights(a.ctx(), bCustomer))).code).toBe("NOT_FOUND");
    expect((await appError(getCustomerInsights(a.ctx("STAFF"), c[1].customerId))).status).toBe(403);
    // Before B's first refresh: no scores yet, but the answers show.
    const own = await getCustomerInsights(b.ctx(), bCustomer);
    expect(own.score).toBeNull();
    expect(own.answers).toHaveLength(20);
    expect(new Set(own.answers.map((x) => x.comment ?? "-"))).toEqual(new Set(["Buur klaagt", "-"]));
  });
});
