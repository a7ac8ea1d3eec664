// Issue 14: the Klantgroepen and Loyaliteit views (lib/insights/segments.ts,
// lib/insights/loyalty.ts) on scores and moves written by hand — what the
// refresh would have left (its own arithmetic: insights-scores.test.ts) — so
// every expected count below is read off the tables in the comments. A second
// merchant with look-alike rows must never be counted, and staff see nothing.
// NOW is Thursday 26 November 2026 13:00 in Amsterdam; the 30-day period is
// 28 October … 26 November (local), i.e. [2026-10-27 23:00 UTC, 2026-11-26 23:00 UTC).
import { NextIntlClientProvider } from "next-intl";
import { cloneElement, createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { LadderPanel } from "@/components/insights/loyalty/ladder-panel";
import { MatrixPanel } from "@/components/insights/loyalty/matrix-panel";
import { MoversPanel } from "@/components/insights/loyalty/movers-panel";
import { RewardBoundPanel } from "@/components/insights/loyalty/reward-bound-panel";
import { EngagementPanel } from "@/components/insights/segments/engagement-panel";
import { RfmGridPanel } from "@/components/insights/segments/rfm-grid-panel";
import { SegmentsPanel } from "@/components/insights/segments/segments-panel";
import { nl } from "@/lib/i18n/messages";
import { ownerDb as db } from "@/lib/db/owner";
import type { LoyaltyCell, LoyaltyRung, RfmSegment } from "@/lib/generated/prisma/enums";
import { ladderMovers, loyaltyLadder, loyaltyMatrix, rewardBound, RewardWeeksParam } from "@/lib/insights/loyalty";
import { resolvePeriod } from "@/lib/insights/period";
import { engagementDistribution, rfmGrid, segmentSummary } from "@/lib/insights/segments";
import { appError, makeMerchant, type Merchant } from "./helpers";

const NOW = new Date("2026-11-26T12:00:00Z");
const month = resolvePeriod("month", "Europe/Amsterdam", NOW);

// The panels are async server components: their texts and number formats as next-intl gives them in a request.
vi.mock("next-intl/server", () => import("../support/next-intl-server"));

/** Server components to HTML: async components awaited (as React's server renderer does), client ones rendered as on the server. */
async function resolve(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolve));
  if (!isValidElement(node)) return node;
  const { type, props } = node as ReactElement<{ children?: ReactNode }>;
  if (typeof type === "function" && type.constructor.name === "AsyncFunction") return resolve(await (type as (p: unknown) => Promise<ReactNode>)(props));
  if (props.children === undefined) return node;
  const children = await resolve(props.children);
  return cloneElement(node, undefined, keyed(children));
}
/** Static children became lists here: keyed by position, as React keys them. */
const keyed = (c: ReactNode, at = ""): ReactNode =>
  Array.isArray(c) ? c.map((x, i) => keyed(x, `${at}${i}.`)) : isValidElement(c) && c.key === null && at ? cloneElement(c, { key: at }) : c;
const html = async (node: ReactNode) =>
  // eslint-disable-next-line react/no-children-prop
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: await resolve(node) }));
const text = (h: string) =>
  h
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
/** The text of the element with data-testid `id`. */
const byTestId = (h: string, id: string) => {
  const m = h.match(new RegExp(`<(\\w+)[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`));
  return m ? text(m[2]) : undefined;
};

type Score = {
  segment?: RfmSegment | null;
  rfm?: [number, number, number];
  engagement?: number;
  rung?: LoyaltyRung;
  cell?: LoyaltyCell | null;
  visits?: number;
  attitude?: number | null;
  lastRedeemAt?: Date;
  lastVisitAt?: Date | null;
  lastRedeemProgramId?: string;
};

async function customer(m: Merchant, name: string, s: Score = {}) {
  const c = await db().customer.create({ data: { organizationId: m.org.id, name } });
  const [r, f, mon] = s.rfm ?? [0, 0, 0];
  await db().customerScore.create({
    data: {
      organizationId: m.org.id,
      customerId: c.id,
      visits: s.visits ?? 0,
      visits90: 0,
      stamps: s.visits ?? 0,
      spendCents: 0,
      recency: r,
      frequency: f,
      monetary: mon,
      segment: s.segment ?? null,
      engagement: s.engagement ?? 0,
      rung: s.rung ?? "NEW",
      cell: s.cell ?? null,
      attitude: s.attitude ?? null,
      lastVisitAt: s.lastVisitAt ?? null,
      lastRedeemAt: s.lastRedeemAt ?? null,
      lastRedeemProgramId: s.lastRedeemProgramId ?? null,
      computedAt: NOW,
    },
  });
  return c.id;
}

const move = (m: Merchant, customerId: string, at: string, rung: [LoyaltyRung, LoyaltyRung], cell: [LoyaltyCell | null, LoyaltyCell | null] = [null, null]) =>
  db().loyaltyChange.create({
    data: { organizationId: m.org.id, customerId, at: new Date(at), fromRung: rung[0], toRung: rung[1], fromCell: cell[0], toCell: cell[1] },
  });

let a: Merchant;
let b: Merchant;
const id: Record<string, string> = {};

// Merchant A's customers:
// | name   | segment   | R F M | engagement | rung       | cell         | visits |
// | champ1 | CHAMPIONS | 5 5 5 | 100        | AMBASSADOR | TRUE_LOYALTY | 20     |
// | champ2 | CHAMPIONS | 5 5 5 | 60         | FAN        | TRUE_LOYALTY | 18     |
// | champ3 | CHAMPIONS | 5 5 4 | 20         | REGULAR    | SPURIOUS     | 15     |
// | champ4 | CHAMPIONS | 5 4 5 | 0          | REGULAR    | –            | 12     |
// | lost1  | LOST      | 1 1 1 | 0          | DORMANT    | NONE         | 1      |
// | lost2  | LOST      | 1 1 1 | 20         | DORMANT    | –            | 2      |
// | once   | NEW       | 5 1 1 | 0          | NEW        | –            | 1      |
// | never1 | –         | 0 0 0 | 0          | NEW        | –            | 0      |
// | never2 | –         | 0 0 0 | 40         | DORMANT    | –            | 0      |
async function seedA(m: Merchant) {
  id.champ1 = await customer(m, "champ1", { segment: "CHAMPIONS", rfm: [5, 5, 5], engagement: 100, rung: "AMBASSADOR", cell: "TRUE_LOYALTY", visits: 20 });
  id.champ2 = await customer(m, "champ2", { segment: "CHAMPIONS", rfm: [5, 5, 5], engagement: 60, rung: "FAN", cell: "TRUE_LOYALTY", visits: 18 });
  id.champ3 = await customer(m, "champ3", { segment: "CHAMPIONS", rfm: [5, 5, 4], engagement: 20, rung: "REGULAR", cell: "SPURIOUS", visits: 15 });
  id.champ4 = await customer(m, "champ4", { segment: "CHAMPIONS", rfm: [5, 4, 5], engagement: 0, rung: "REGULAR", visits: 12 });
  id.lost1 = await customer(m, "lost1", { segment: "LOST", rfm: [1, 1, 1], rung: "DORMANT", cell: "NONE", visits: 1 });
  id.lost2 = await customer(m, "lost2", { segment: "LOST", rfm: [1, 1, 1], engagement: 20, rung: "DORMANT", visits: 2 });
  id.once = await customer(m, "once", { segment: "NEW", rfm: [5, 1, 1], rung: "NEW", visits: 1 });
  id.never1 = await customer(m, "never1", { rung: "NEW" });
  id.never2 = await customer(m, "never2", { engagement: 40, rung: "DORMANT" });
  // Moves. Period: [2026-10-27T23:00Z, 2026-11-26T23:00Z).
  await move(m, id.champ4, "2026-11-01T10:00:00Z", ["RETURNING", "REGULAR"]); // up
  await move(m, id.champ1, "2026-11-10T10:00:00Z", ["FAN", "AMBASSADOR"], ["TRUE_LOYALTY", "TRUE_LOYALTY"]); // up
  // champ2 in three steps: net RETURNING → FAN (up), NONE → TRUE_LOYALTY.
  await move(m, id.champ2, "2026-11-02T10:00:00Z", ["RETURNING", "REGULAR"], ["NONE", "SPURIOUS"]);
  await move(m, id.champ2, "2026-11-03T10:00:00Z", ["REGULAR", "FAN"], ["SPURIOUS", "SPURIOUS"]);
  await move(m, id.champ2, "2026-11-04T10:00:00Z", ["FAN", "FAN"], ["SPURIOUS", "TRUE_LOYALTY"]);
  // never1 away and back: no move.
  await move(m, id.never1, "2026-11-05T10:00:00Z", ["NEW", "DORMANT"]);
  await move(m, id.never1, "2026-11-06T10:00:00Z", ["DORMANT", "NEW"]);
  await move(m, id.lost1, "2026-10-27T23:00:00Z", ["REGULAR", "DORMANT"], ["SPURIOUS", "NONE"]); // the period's first instant: down
  await move(m, id.lost2, "2026-10-27T22:59:59Z", ["RETURNING", "DORMANT"]); // just before it: not counted
  await move(m, id.never2, "2026-11-26T22:59:59Z", ["NEW", "DORMANT"]); // the last second in it: down
  await move(m, id.champ3, "2026-11-20T10:00:00Z", ["REGULAR", "REGULAR"], [null, "SPURIOUS"]); // a cell move only
  await move(m, id.once, "2026-11-26T23:00:00Z", ["DORMANT", "NEW"]); // the period's end, excluded
}

beforeAll(async () => {
  a = await makeMerchant("Loyaal A", { customers: 0 });
  b = await makeMerchant("Loyaal B", { customers: 0 });
  // B first, with rows like A's and more: were they counted, every number below would be off.
  const x = await customer(b, "b1", { segment: "CHAMPIONS", rfm: [5, 5, 5], engagement: 100, rung: "FAN", cell: "TRUE_LOYALTY", visits: 9 });
  await customer(b, "b2", { segment: "LOST", rfm: [1, 1, 1], engagement: 80, rung: "DORMANT", cell: "LATENT", visits: 1 });
  await customer(b, "b3", { segment: "NEW", rfm: [5, 1, 1], rung: "NEW", visits: 1 });
  await move(b, x, "2026-11-05T10:00:00Z", ["REGULAR", "FAN"], ["SPURIOUS", "TRUE_LOYALTY"]);
  await seedA(a);
});

describe("Klantgroepen", () => {
  it("counts every segment with its share and average R, F, M and engagement; no visit yet apart", async () => {
    const s = await segmentSummary(a.ctx());
    expect(s.total).toBe(9);
    const row = (seg: RfmSegment | null) => s.rows.find((r) => r.segment === seg)!;
    // CHAMPIONS: F (5+5+5+4)/4 = 4.75, M likewise, engagement (100+60+20+0)/4 = 45.
    expect(row("CHAMPIONS")).toEqual({ segment: "CHAMPIONS", customers: 4, share: 4 / 9, r: 5, f: 4.75, m: 4.75, engagement: 45 });
    expect(row("LOST")).toEqual({ segment: "LOST", customers: 2, share: 2 / 9, r: 1, f: 1, m: 1, engagement: 10 });
    expect(row("NEW")).toEqual({ segment: "NEW", customers: 1, share: 1 / 9, r: 5, f: 1, m: 1, engagement: 0 });
    // Nog geen bezoek: no R/F/M, engagement (0 + 40) / 2.
    expect(row(null)).toEqual({ segment: null, customers: 2, share: 2 / 9, r: null, f: null, m: null, engagement: 20 });
    // Every segment is listed, best first, empty ones with 0.
    expect(s.rows.map((r) => r.segment)).toEqual([
      "CHAMPIONS",
      "LOYAL",
      "POTENTIAL_LOYALISTS",
      "NEW",
      "PROMISING",
      "NEED_ATTENTION",
      "ABOUT_TO_SLEEP",
      "AT_RISK",
      "CANNOT_LOSE",
      "HIBERNATING",
      "LOST",
      null,
    ]);
    expect(row("AT_RISK")).toEqual({ segment: "AT_RISK", customers: 0, share: 0, r: null, f: null, m: null, engagement: null });
  });

  it("spreads engagement over its steps 0–100", async () => {
    // 100, 60, 20, 0, 0, 20, 0, 0, 40: sum 240 over 9 customers.
    expect(await engagementDistribution(a.ctx())).toEqual({
      total: 9,
      average: 240 / 9,
      buckets: [
        { score: 0, customers: 4 },
        { score: 20, customers: 2 },
        { score: 40, customers: 1 },
        { score: 60, customers: 1 },
        { score: 80, customers: 0 },
        { score: 100, customers: 1 },
      ],
    });
  });

  it("lays customers on the R × FM grid (FM rounds a half up), without the never-visited", async () => {
    // champ3 (5,4) and champ4 (4,5): FM (9 + 1) / 2 = 5. once: R5, FM (1+1+1)/2 = 1.
    expect(await rfmGrid(a.ctx())).toEqual([
      { r: 1, fm: 1, segment: "LOST", customers: 2 },
      { r: 5, fm: 1, segment: "NEW", customers: 1 },
      { r: 5, fm: 5, segment: "CHAMPIONS", customers: 4 },
    ]);
  });
});

describe("the loyalty matrix", () => {
  it("counts cells of customers who visited, moves in and out in the period, and those without an answer apart", async () => {
    const m = await loyaltyMatrix(a.ctx(), month);
    // Net moves in the period: champ2 NONE → TRUE_LOYALTY (three changes, by SPURIOUS), lost1 SPURIOUS → NONE (at the first
    // instant), champ3 none → SPURIOUS; champ1 TRUE_LOYALTY → TRUE_LOYALTY is no cell move.
    expect(m.cells).toEqual([
      { cell: "TRUE_LOYALTY", customers: 2, movedIn: 1, movedOut: 0 },
      { cell: "LATENT", customers: 0, movedIn: 0, movedOut: 0 },
      { cell: "SPURIOUS", customers: 1, movedIn: 1, movedOut: 1 },
      { cell: "NONE", customers: 1, movedIn: 1, movedOut: 1 },
    ]);
    // champ4, lost2 and once came but gave no answer; never1 and never2 never came.
    expect(m.withoutAttitude).toBe(3);
    expect(m.npsOn).toBe(false);
  });

  it("knows whether a published card asks the NPS question", async () => {
    await db().cardProgram.update({ where: { id: a.program.id }, data: { surveyNps: true } });
    try {
      expect((await loyaltyMatrix(a.ctx(), month)).npsOn).toBe(true);
      expect((await loyaltyMatrix(b.ctx(), month)).npsOn).toBe(false);
    } finally {
      await db().cardProgram.update({ where: { id: a.program.id }, data: { surveyNps: false } });
    }
  });
});

describe("the loyalty ladder", () => {
  it("counts customers per rung and who moved up or down in the period (once each, DORMANT lowest)", async () => {
    const l = await loyaltyLadder(a.ctx(), month);
    // Up: champ4 RETURNING → REGULAR, champ2 RETURNING → FAN (net of three), champ1 FAN → AMBASSADOR.
    // Down: lost1 REGULAR → DORMANT (first instant), never2 NEW → DORMANT (last second).
    // Not: lost2 (before the period), once (at its end), champ3 (cell only), never1 (away and back).
    expect(l.rungs).toEqual([
      { rung: "DORMANT", customers: 3, movedUpHere: 0, movedDownHere: 2, movedOut: 0 },
      { rung: "NEW", customers: 2, movedUpHere: 0, movedDownHere: 0, movedOut: 1 },
      { rung: "RETURNING", customers: 0, movedUpHere: 0, movedDownHere: 0, movedOut: 2 },
      { rung: "REGULAR", customers: 2, movedUpHere: 1, movedDownHere: 0, movedOut: 1 },
      { rung: "FAN", customers: 1, movedUpHere: 1, movedDownHere: 0, movedOut: 1 },
      { rung: "AMBASSADOR", customers: 1, movedUpHere: 1, movedDownHere: 0, movedOut: 0 },
    ]);
    expect([l.movedUp, l.movedDown]).toEqual([3, 2]);
    // For the suggestions: "once" came once; lost1 and lost2 came before they went dormant, never2 never did.
    expect([l.oneVisit, l.dormantVisited]).toEqual([1, 2]);
  });

  it("names who moved, newest first, at most `limit` a direction, with totals per rung reached", async () => {
    const m = await ladderMovers(a.ctx(), month);
    expect(m.up.rows.map((r) => [r.name, r.from, r.to])).toEqual([
      ["champ1", "FAN", "AMBASSADOR"],
      ["champ2", "RETURNING", "FAN"],
      ["champ4", "RETURNING", "REGULAR"],
    ]);
    expect(m.up.rows[0]).toMatchObject({ customerId: id.champ1, at: new Date("2026-11-10T10:00:00Z") });
    expect(m.up.rows[1].at).toEqual(new Date("2026-11-04T10:00:00Z")); // champ2's last move
    expect(m.up.byRung).toEqual([
      { rung: "REGULAR", customers: 1 },
      { rung: "FAN", customers: 1 },
      { rung: "AMBASSADOR", customers: 1 },
    ]);
    expect(m.down.rows.map((r) => [r.name, r.from, r.to])).toEqual([
      ["never2", "NEW", "DORMANT"],
      ["lost1", "REGULAR", "DORMANT"],
    ]);
    expect([m.up.total, m.down.total]).toEqual([3, 2]);
    expect(m.down.byRung).toEqual([{ rung: "DORMANT", customers: 2 }]);
    const two = await ladderMovers(a.ctx(), month, 2);
    expect(two.up.rows.map((r) => r.name)).toEqual(["champ1", "champ2"]);
    expect(two.up.total).toBe(3);
  });

  it("sees no moves in a period without any", async () => {
    const longAgo = resolvePeriod("week", "Europe/Amsterdam", new Date("2026-06-01T12:00:00Z"));
    const l = await loyaltyLadder(a.ctx(), longAgo);
    expect([l.movedUp, l.movedDown]).toEqual([0, 0]);
    expect((await ladderMovers(a.ctx(), longAgo)).up).toEqual({ total: 0, rows: [], byRung: [] });
    expect((await loyaltyMatrix(a.ctx(), longAgo)).cells.every((c) => c.movedIn === 0 && c.movedOut === 0)).toBe(true);
  });
});

describe("reward-bound loyalty", () => {
  let r: Merchant;
  let lunch: string;
  beforeAll(async () => {
    r = await makeMerchant("Beloning", { customers: 0 });
    lunch = (
      await db().cardProgram.create({ data: { organizationId: r.org.id, name: "Lunchkaart", stampsRequired: 8, rewardText: "Lunch", status: "PUBLISHED" } })
    ).id;
    const coffee = r.program.id;
    const c = (name: string, redeem: string | null, visit: string | null, program = coffee) =>
      customer(r, name, {
        visits: visit ? 1 : 0,
        lastRedeemAt: redeem ? new Date(redeem) : undefined,
        lastVisitAt: visit ? new Date(visit) : null,
        lastRedeemProgramId: redeem ? program : undefined,
      });
    // Six weeks before today (26 Nov) is 15 October: a reward on that local day or before counts.
    await c("r1", "2026-10-15T21:30:00Z", "2026-10-15T21:00:00Z"); // 15 Oct 23:30 CEST, last visit that day: stopped
    await c("r2", "2026-10-15T22:30:00Z", null); // 16 Oct 00:30 CEST: too recent for 6 weeks (not for 4)
    await c("r3", "2026-10-01T10:00:00Z", "2026-10-02T10:00:00Z"); // came back the next day
    await c("r4", "2026-09-10T10:00:00Z", "2026-09-10T20:00:00Z"); // later, but the same local day (22:00): stopped
    await c("r5", "2026-09-10T20:00:00Z", "2026-09-10T22:30:00Z"); // 11 Sep 00:30 CEST: the next local day, came back
    await c("r6", "2026-09-15T10:00:00Z", null, lunch); // never visited after: stopped (lunch card)
    await c("r7", "2026-07-01T10:00:00Z", "2026-11-20T10:00:00Z"); // came back
    await c("r8", null, "2026-11-20T10:00:00Z"); // never redeemed: not counted
    await c("r9", "2025-11-20T10:00:00Z", "2025-11-20T09:00:00Z"); // a year ago, stopped: in the total, before the 12 months
  });

  it("per program: the share of customers whose last reward was ≥ N weeks ago and who have not been back since that day", async () => {
    const six = await rewardBound(r.ctx(), month, 6);
    expect(six.programs.map((p) => [p.name, p.customers, p.stopped, p.share])).toEqual([
      ["Koffiekaart", 6, 3, 0.5], // r1, r3, r4, r5, r7, r9: r1, r4, r9 stopped
      ["Lunchkaart", 1, 1, 1],
    ]);
    const coffee = six.programs[0].trend;
    expect(coffee.map((t) => t.month)).toEqual([
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
      "2026-03-01",
      "2026-04-01",
      "2026-05-01",
      "2026-06-01",
      "2026-07-01",
      "2026-08-01",
      "2026-09-01",
      "2026-10-01",
      "2026-11-01",
    ]);
    expect(coffee.filter((t) => t.customers > 0).map((t) => [t.month, t.customers, t.stopped, t.complete])).toEqual([
      ["2026-07-01", 1, 0, true],
      ["2026-09-01", 2, 1, true],
      ["2026-10-01", 2, 1, false], // only rewards up to 15 October count yet
    ]);
    expect(coffee.find((t) => t.month === "2026-11-01")!.complete).toBe(false);
  });

  it("moves the edge with N: 4 weeks takes 16 October in, 8 weeks ends at 1 October", async () => {
    const four = await rewardBound(r.ctx(), month, 4);
    expect(four.programs[0]).toMatchObject({ customers: 7, stopped: 4 }); // + r2, never back
    const eight = await rewardBound(r.ctx(), month, 8);
    expect(eight.programs[0]).toMatchObject({ customers: 5, stopped: 2 }); // r3 (1 Oct, exactly 8 weeks) in, r1 out
    expect(eight.programs[0].trend.find((t) => t.month === "2026-09-01")!.complete).toBe(true);
    expect(eight.programs[0].trend.find((t) => t.month === "2026-10-01")).toMatchObject({ customers: 1, complete: false });
  });

  it("reads the weeks from the URL: 4, 6, 8 or 12, otherwise 6", () => {
    expect([
      RewardWeeksParam.parse("8"),
      RewardWeeksParam.parse("12"),
      RewardWeeksParam.parse("5"),
      RewardWeeksParam.parse(undefined),
      RewardWeeksParam.parse("x"),
    ]).toEqual([8, 12, 6, 6, 6]);
  });

  it("is empty for a merchant without rewards", async () => {
    expect(await rewardBound(b.ctx(), month, 6)).toEqual({ weeks: 6, programs: [] });
  });
});

describe("the panels", () => {
  it("Klantgroepen: every group with its numbers, advice and a link to its customers", async () => {
    const h = await html(createElement(SegmentsPanel, { ctx: a.ctx() }));
    const row = h.match(/<tr [^>]*data-segment="CHAMPIONS"[^>]*>[\s\S]*?<\/tr>/)![0];
    expect(text(row)).toBe(
      "Kampioenen Kwamen kort geleden, komen vaak en sparen het meest. 4 44% 5,0 4,8 4,8 45 Bedank ze en vraag om een review. Bekijk 4 klanten",
    );
    expect(row).toContain('href="/dashboard/customers?segment=CHAMPIONS"');
    // Empty groups and "Nog geen bezoek" have no link.
    expect(h).not.toContain("segment=AT_RISK");
    expect(text(h.match(/<tr [^>]*data-segment="none"[^>]*>[\s\S]*?<\/tr>/)![0])).toContain("Nog geen bezoek");
    const grid = await html(createElement(RfmGridPanel, { ctx: a.ctx() }));
    expect(grid).toMatch(/data-r="5" data-fm="5" data-customers="4"/);
    const engagement = await html(createElement(EngagementPanel, { ctx: a.ctx() }));
    expect(byTestId(engagement, "engagement-average")).toBe("Gemiddeld 26,7 van 100");
    expect(engagement).toContain("niet mee"); // messages opened on a wallet pass cannot be measured: said so
  });

  it("Loyaliteit: matrix cells with moves and links, a suggestion per rung with its live count, who moved, reward-bound per card", async () => {
    const matrix = await html(createElement(MatrixPanel, { ctx: a.ctx(), period: month }));
    expect(byTestId(matrix, "matrix-moves-SPURIOUS")).toBe("+1 / −1 deze periode");
    expect(matrix).toContain('href="/dashboard/customers?cell=TRUE_LOYALTY"');
    expect(matrix).not.toContain("cell=LATENT"); // empty
    expect(text(matrix)).toContain("3 klanten kwamen wel, maar gaven nog geen cijfer");
    expect(text(matrix)).toContain("Zet de vraag 'Zou je ons aanbevelen?' aan");

    const ladder = await html(createElement(LadderPanel, { ctx: a.ctx(), period: month }));
    expect(byTestId(ladder, "ladder-summary")).toBe("Deze periode: 3 klanten omhoog, 2 klanten omlaag.");
    expect(text(ladder.match(/data-testid="ladder-suggestion-FAN"[^>]*>([\s\S]*?)<\/p>/)![1])).toBe(
      "1 vaste klant gaf een 9 of 10: vraag om een review. Bekijk ze",
    );
    expect(text(ladder.match(/data-testid="ladder-suggestion-NEW"[^>]*>([\s\S]*?)<\/p>/)![1])).toBe(
      "1 klant kwam één keer: een tweede-bezoek-actie helpt. Bekijk ze",
    );
    expect(text(ladder.match(/data-testid="ladder-suggestion-DORMANT"[^>]*>([\s\S]*?)<\/p>/)![1])).toBe(
      "2 klanten kwamen 90 dagen niet: stuur een 'we missen je'-bericht. Bekijk ze",
    );
    expect(ladder).toContain('href="/dashboard/customers?rung=DORMANT"');
    expect(ladder).not.toContain("rung=RETURNING"); // nobody there

    const movers = await html(createElement(MoversPanel, { ctx: a.ctx(), period: month }));
    expect(text(movers)).toContain("Omhoog: 3 klanten champ1 Fan → Ambassadeur · 10 nov champ2 Terugkerend → Fan · 4 nov");
    expect(text(movers)).toContain("Omlaag: 2 klanten never2 Nieuw → Slapend · 26 nov lost1 Vaste klant → Slapend · 28 okt");
    expect(movers).toContain(`href="/dashboard/customers/${id.champ1}"`);

    const r = await makeMerchant("Paneel beloning", { customers: 0 });
    await customer(r, "x", {
      visits: 1,
      lastRedeemAt: new Date("2026-09-01T10:00:00Z"),
      lastVisitAt: new Date("2026-09-01T09:00:00Z"),
      lastRedeemProgramId: r.program.id,
    });
    await customer(r, "y", {
      visits: 1,
      lastRedeemAt: new Date("2026-09-01T10:00:00Z"),
      lastVisitAt: new Date("2026-10-01T09:00:00Z"),
      lastRedeemProgramId: r.program.id,
    });
    const reward = await html(createElement(RewardBoundPanel, { ctx: r.ctx(), period: month, weeks: 8 }));
    expect(text(reward.match(/<tr [^>]*data-testid="reward-bound-row"[^>]*>[\s\S]*?<\/tr>/)![0])).toBe(
      "Koffiekaart 1 van 2 klanten kwam niet meer na de beloning 2 1 50%",
    );
    expect(reward).toContain('href="/dashboard/insights/loyalty?period=month&amp;weeks=12"');
    expect(reward).toMatch(/aria-current="true"[^>]*>8 weken</);
  });

  it("say what to do when there is nothing yet", async () => {
    const empty = await makeMerchant("Leeg", { customers: 0 });
    expect(byTestId(await html(createElement(SegmentsPanel, { ctx: empty.ctx() })), "segments-empty")).toContain("Nog geen klanten");
    expect(byTestId(await html(createElement(RfmGridPanel, { ctx: empty.ctx() })), "rfm-grid-empty")).toBeTruthy();
    expect(byTestId(await html(createElement(EngagementPanel, { ctx: empty.ctx() })), "engagement-empty")).toBeTruthy();
    expect(byTestId(await html(createElement(MatrixPanel, { ctx: empty.ctx(), period: month })), "matrix-empty")).toContain("Nog niemand gaf een cijfer");
    expect(byTestId(await html(createElement(LadderPanel, { ctx: empty.ctx(), period: month })), "ladder-empty")).toContain("Nog geen klanten");
    expect(text(await html(createElement(MoversPanel, { ctx: empty.ctx(), period: month })))).toContain("Niemand deze periode.");
    expect(byTestId(await html(createElement(RewardBoundPanel, { ctx: empty.ctx(), period: month, weeks: 6 })), "reward-bound-empty")).toBe(
      "Nog niemand haalde 6 weken of langer geleden een beloning op.",
    );
  });
});

describe("tenant isolation and roles", () => {
  it("every view counts only its own merchant's rows", async () => {
    // The exact numbers above already exclude B; B's own calls see B's three customers only.
    expect((await segmentSummary(b.ctx())).total).toBe(3);
    expect((await engagementDistribution(b.ctx())).buckets.find((x) => x.score === 80)!.customers).toBe(1);
    expect(await rfmGrid(b.ctx())).toEqual([
      { r: 1, fm: 1, segment: "LOST", customers: 1 },
      { r: 5, fm: 1, segment: "NEW", customers: 1 },
      { r: 5, fm: 5, segment: "CHAMPIONS", customers: 1 },
    ]);
    const matrix = await loyaltyMatrix(b.ctx(), month);
    expect(matrix.cells.map((c) => [c.cell, c.customers, c.movedIn, c.movedOut])).toEqual([
      ["TRUE_LOYALTY", 1, 1, 0],
      ["LATENT", 1, 0, 0],
      ["SPURIOUS", 0, 0, 1],
      ["NONE", 0, 0, 0],
    ]);
    const ladder = await loyaltyLadder(b.ctx(), month);
    expect([ladder.movedUp, ladder.movedDown, ladder.rungs.find((x) => x.rung === "FAN")!.customers]).toEqual([1, 0, 1]);
    const movers = await ladderMovers(b.ctx(), month);
    expect(movers.up.rows.map((x) => x.name)).toEqual(["b1"]);
    // A's reward rows live in merchant "Beloning"; A itself has none.
    expect((await rewardBound(a.ctx(), month, 6)).programs).toEqual([]);
  });

  it("staff get FORBIDDEN from every view", async () => {
    const staff = a.ctx("STAFF");
    for (const p of [
      segmentSummary(staff),
      engagementDistribution(staff),
      rfmGrid(staff),
      loyaltyMatrix(staff, month),
      loyaltyLadder(staff, month),
      ladderMovers(staff, month),
      rewardBound(staff, month, 6),
    ])
      expect((await appError(p)).code).toBe("FORBIDDEN");
    expect((await segmentSummary(a.ctx("MANAGER"))).total).toBe(9);
  });
});
