// Inzichten › Overzicht (issue 14): every figure on a small ledger built by
// hand in Europe/Amsterdam, the expected answer worked out in the comments.
// Visits come from the ledger (the CardEvent trigger), scores from
// refreshInsights at a fixed time; the data functions run as the app role.
import { randomUUID } from "node:crypto";
import { NextIntlClientProvider } from "next-intl";
import { cloneElement, createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { CohortsPanel } from "@/components/insights/overview/cohorts-panel";
import { HeatmapPanel } from "@/components/insights/overview/heatmap-panel";
import { KpisPanel } from "@/components/insights/overview/kpis-panel";
import { SourcesPanel } from "@/components/insights/overview/sources-panel";
import { StampsByPanels } from "@/components/insights/overview/stamps-by-panel";
import { VisitsPanel } from "@/components/insights/overview/visits-panel";
import { nl } from "@/lib/i18n/messages";
import { ownerDb as db } from "@/lib/db/owner";
import type { AcquisitionSource } from "@/lib/generated/prisma/enums";
import { cohorts, enrollmentsBySource, heatmap, overviewKpis, regularVisits, stampsByLocationAndStaff, visitsSeries } from "@/lib/insights/overview";
import { localMidnight, resolvePeriod } from "@/lib/insights/period";
import { refreshInsights } from "@/lib/insights/refresh-insights";
import { issueCard } from "@/lib/cards/issue-card";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { seedProgram } from "@/prisma/seed/factories";
import { errorKey, makeMerchant, type Merchant } from "./helpers";

const TZ = "Europe/Amsterdam";

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
  // Static children become a list here: keyed by position, as React keys them.
  const keyed = Array.isArray(children) ? children.map((c, i) => (isValidElement(c) && c.key === null ? cloneElement(c, { key: i }) : c)) : children;
  return cloneElement(node, undefined, keyed);
}
const html = async (node: ReactNode) =>
  renderToStaticMarkup(
    // A .ts test has no JSX; the provider's props type wants `children` as a prop.
    // eslint-disable-next-line react/no-children-prop
    createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: TZ, children: await resolve(node) }),
  );
/** The data-value of the element with data-testid `id`. */
const value = (page: string, id: string) => page.match(new RegExp(`data-testid="${id}"[^>]*data-value="([^"]*)"`))?.[1];

/** A local Amsterdam wall-clock time on a day without a DST switch, as an instant. */
function local(s: string): Date {
  const [day, time] = s.split(" ");
  const [h, min] = time.split(":").map(Number);
  return new Date(localMidnight(day, TZ).getTime() + (h * 60 + min) * 60_000);
}

async function customer(m: Merchant, name: string, createdAt: Date, source: AcquisitionSource = "COUNTER", programId = m.program.id) {
  const c = await db().customer.create({ data: { organizationId: m.org.id, name, createdAt, source } });
  const card = await cardFor(m, c.id, programId);
  return { id: c.id, card };
}

async function cardFor(m: Merchant, customerId: string, programId: string) {
  const card = await tenantDb({ orgId: m.org.id }).$transaction((tx) =>
    issueCard(tx, { orgId: m.org.id, programId, programVersion: 1, customerId, idempotencyKey: null }),
  );
  return card.id;
}

type By = { userId?: string; membershipId?: string; locationId?: string };

/** A ledger row as the tablet writes it; the Visit trigger does the rest. */
async function event(
  m: Merchant,
  cardId: string,
  type: "STAMP" | "REDEEM" | "UNDO",
  at: Date,
  extra: By & Partial<{ amount: number; rewardDelta: number; intermediateDelta: number; reversesId: string }> = {},
) {
  const { userId, membershipId, ...rest } = extra;
  return db().cardEvent.create({
    data: { id: randomUUID(), organizationId: m.org.id, cardId, type, amount: 1, createdAt: at, actorUserId: userId, actorMembershipId: membershipId, ...rest },
  });
}
const stamp = (m: Merchant, cardId: string, at: Date, amount = 1, by: By = {}) => event(m, cardId, "STAMP", at, { amount, ...by });

// ------------------------------------------------------------------ merchant M
// now = Monday 15 June 2026 12:00 CEST. "30 dagen": 17 May – 15 June (local),
// from 16 May 22:00 UTC; the previous period 17 April – 16 May.
const NOW = new Date("2026-06-15T10:00:00Z");
const MONTH = resolvePeriod("month", TZ, NOW);

let m: Merchant;
let b: Merchant;
let sanne: string; // a tablet-only member
let loc2: string;
let lunch: string; // a second program

beforeAll(async () => {
  m = await makeMerchant("Overzicht", { customers: 0 });
  b = await makeMerchant("Buurman", { customers: 0 });
  sanne = (await db().membership.create({ data: { organizationId: m.org.id, displayName: "Sanne", role: "STAFF" } })).id;
  loc2 = (await db().location.create({ data: { organizationId: m.org.id, name: "Bijkantoor" } })).id;
  lunch = (await seedProgram(db(), m.org.id, { name: "Lunchkaart", rewardText: "Gratis broodje", intermediateStamp: null, intermediateRewardText: null })).id;
  await db().cardProgram.update({ where: { id: lunch }, data: { createdAt: new Date(Date.now() + 60_000) } });
  const owner = { userId: m.owner.id, locationId: m.location.id }; // the owner's membership, by user
  const sanneAt1 = { membershipId: sanne, locationId: m.location.id };
  const sanneAt2 = { membershipId: sanne, locationId: loc2 };

  const anna = await customer(m, "Anna", local("2026-03-01 10:00"));
  const bram = await customer(m, "Bram", local("2026-05-18 07:00"), "POSTER");
  const chris = await customer(m, "Chris", local("2026-04-18 09:00"), "COUNTER");
  const dirk = await customer(m, "Dirk", local("2026-01-05 10:00"));
  await customer(m, "Eva", local("2026-05-17 00:05"), "TABLE_TENT"); // the current period's first minutes; never visits
  const fien = await customer(m, "Fien", local("2026-04-20 10:00"), "REFERRAL");
  await customer(m, "Gijs", local("2026-04-25 10:00"), "POSTER");
  await customer(m, "Jet", local("2026-04-17 00:01"), "POSTER"); // the previous period's first minute
  await customer(m, "Kees", local("2026-04-16 23:59"), "POSTER"); // just before it
  const hana = await customer(m, "Hana", local("2026-01-01 10:00"));

  // Before both periods: Anna's and Dirk's first visits.
  await stamp(m, anna.card, local("2026-03-10 10:00"), 1, owner);
  await stamp(m, dirk.card, local("2026-02-01 10:00"), 1, owner);
  // Previous period.
  await stamp(m, anna.card, local("2026-04-20 10:00"), 1, owner);
  await stamp(m, anna.card, local("2026-05-10 10:00"), 1, owner);
  await stamp(m, chris.card, local("2026-04-18 10:00"), 1, owner);
  await stamp(m, chris.card, local("2026-04-28 10:00"), 1, owner);
  await stamp(m, fien.card, local("2026-05-16 23:50"), 1, owner); // 21:50 UTC: the previous period's last local day
  // Current period.
  await stamp(m, chris.card, local("2026-05-17 00:10"), 1, sanneAt1); // 16 May 22:10 UTC, locally the 17th: current
  await stamp(m, bram.card, local("2026-05-18 08:00"), 1, sanneAt2);
  await stamp(m, anna.card, local("2026-05-20 10:00"), 1, sanneAt2); // the day's first stamp: Sanne at Bijkantoor …
  await stamp(m, anna.card, local("2026-05-20 15:00"), 1, owner); // … carries this one too
  await stamp(m, bram.card, local("2026-05-22 09:00"), 1, owner);
  await stamp(m, anna.card, local("2026-05-25 09:00"), 1, owner);
  await stamp(m, anna.card, local("2026-06-01 11:00"), 1); // from the dashboard: no member, no location
  const undone = await stamp(m, dirk.card, local("2026-06-10 12:00"), 1, sanneAt2);
  await event(m, dirk.card, "UNDO", local("2026-06-10 12:01"), { amount: -1, reversesId: undone.id }); // no visit that day
  await stamp(m, dirk.card, local("2026-06-12 09:30"), 2, owner);

  // Rewards: the main one (rewardDelta −1) and the intermediate one (intermediateDelta −1).
  await event(m, anna.card, "REDEEM", local("2026-04-16 23:00"), { rewardDelta: -1 }); // before the previous period
  await event(m, chris.card, "REDEEM", local("2026-04-28 10:05"), { rewardDelta: -1 }); // previous
  await event(m, anna.card, "REDEEM", local("2026-05-20 10:05"), { intermediateDelta: -1 });
  await event(m, bram.card, "REDEEM", local("2026-05-22 09:05"), { intermediateDelta: -1 });
  await event(m, anna.card, "REDEEM", local("2026-05-25 09:05"), { rewardDelta: -1 });
  const undoneRedeem = await event(m, dirk.card, "REDEEM", local("2026-06-12 09:35"), { rewardDelta: -1 });
  await event(m, dirk.card, "UNDO", local("2026-06-12 09:36"), { amount: -1, rewardDelta: 1, reversesId: undoneRedeem.id });
  const annaLunch = await cardFor(m, anna.id, lunch);
  await event(m, annaLunch, "REDEEM", local("2026-06-01 11:05"), { rewardDelta: -1 });

  await refreshInsights(m.org.id, NOW);
  // After the refresh: Hana's first visit (scored, first visit null) and Ivo, not scored at all. Both count as new at once.
  await stamp(m, hana.card, local("2026-06-15 09:00"), 1, sanneAt2);
  const ivo = await customer(m, "Ivo", local("2026-06-15 09:55"), "POSTER");
  await stamp(m, ivo.card, local("2026-06-15 10:00"), 1, sanneAt1);

  // Merchant B: the same days, other numbers. None of it may show up in M's figures.
  const bob = await customer(b, "Bob", local("2026-05-20 09:00"), "SOCIAL");
  for (const day of ["2026-04-20", "2026-05-20", "2026-05-21", "2026-05-22", "2026-06-15"]) await stamp(b, bob.card, local(`${day} 09:00`), 3);
  await event(b, bob.card, "REDEEM", local("2026-05-22 09:05"), { rewardDelta: -1 });
  await refreshInsights(b.org.id, NOW);
});

describe("Inzichten › Overzicht: key figures", () => {
  it("counts the period and the previous one", async () => {
    const k = await overviewKpis(m.ctx(), MONTH);
    // Current (17 May – 15 June), visits = local days with stamps that stand:
    //   Anna 20 May (2 stamps), 25 May, 1 June → 3 visits, 4 stamps, span 12 days → gap 12/2 = 6
    //   Bram 18, 22 May → 2 visits, 2 stamps, gap 4/1 = 4
    //   Chris 17 May 00:10 (16 May in UTC) → 1, Dirk 12 June (2 stamps; 10 June undone) → 1,
    //   Hana 15 June → 1, Ivo 15 June → 1
    //   active 6, visits 9, stamps 11.
    // Previous (17 April – 16 May): Anna 20 April, 10 May (gap 20); Chris 18, 28 April (gap 10); Fien 16 May 23:50 → active 3, visits 5, stamps 5.
    expect(k.activeCustomers).toEqual({ current: 6, previous: 3 });
    expect(k.visits).toEqual({ current: 9, previous: 5 });
    expect(k.stamps).toEqual({ current: 11, previous: 5 });
    // New: Bram, Eva (00:05 on the first day), Ivo | Chris, Fien, Gijs, Jet (00:01 on the first day); Kees (23:59 before) is not.
    expect(k.newCustomers).toEqual({ current: 3, previous: 4 });
    // Returning = first visit before the period: Anna (10 March), Chris (18 April), Dirk (1 Feb) of 6; Bram's first visit
    // is in the period, and so are Hana's and Ivo's (after the refresh: the first-visit flag needs no scores) → 3/6.
    // Previous: Anna of 3 (Chris's and Fien's first visits are in it) → 1/3.
    expect(k.returningRate.current).toBeCloseTo(3 / 6, 10);
    expect(k.returningRate.previous).toBeCloseTo(1 / 3, 10);
    expect(k.visitsPerCustomer.current).toBeCloseTo(9 / 6, 10);
    expect(k.visitsPerCustomer.previous).toBeCloseTo(5 / 3, 10);
    // Median of an even count: the mean of the middle two. Current (4, 6) → 5; previous (10, 20) → 15.
    expect(k.medianDaysBetweenVisits).toEqual({ current: 5, previous: 15 });
  });

  it("counts a regular from exactly the threshold", async () => {
    // 30 days: max(2, round(4 × 30 / 90)) = 2 visits. Current: Anna 3 + Bram 2 (at the edge) = 5 of 9 visits.
    // Previous: Anna 2 + Chris 2 = 4 of 5.
    expect([7, 30, 90, 365].map(regularVisits)).toEqual([2, 2, 4, 16]);
    const k = await overviewKpis(m.ctx(), MONTH);
    expect(k.regularVisits).toBe(2);
    expect(k.regularsShare.current).toBeCloseTo(5 / 9, 10);
    expect(k.regularsShare.previous).toBeCloseTo(4 / 5, 10);
  });

  it("counts redeemed rewards that stand, main and intermediate apart, per program", async () => {
    const k = await overviewKpis(m.ctx(), MONTH);
    // Koffiekaart main: Anna 25 May | Chris 28 April (Dirk's was undone, Anna's of 16 April is before the previous period).
    // Koffiekaart intermediate: Anna 20 May, Bram 22 May. Lunchkaart: Anna 1 June.
    expect(k.rewards).toEqual([
      { programId: m.program.id, programName: "Koffiekaart", kind: "main", reward: "Gratis koffie naar keuze", current: 1, previous: 1 },
      { programId: m.program.id, programName: "Koffiekaart", kind: "intermediate", reward: "Gratis koekje", current: 2, previous: 0 },
      { programId: lunch, programName: "Lunchkaart", kind: "main", reward: "Gratis broodje", current: 1, previous: 0 },
    ]);
  });

  it("takes the previous period from the refresh, which kept each period length's, and counts it live without one", async () => {
    const kept = await db().insightPeriod.findMany({ where: { organizationId: m.org.id }, orderBy: { from: "desc" } });
    const day = (d: Date) => d.toISOString().slice(0, 10);
    expect(kept.map((r) => [day(r.from), day(r.to), r.threshold])).toEqual(
      (["week", "month", "quarter", "year"] as const).map((key) => {
        const p = resolvePeriod(key, TZ, NOW);
        return [p.previous.from, p.from, regularVisits(p.days)];
      }),
    );
    const withKept = await overviewKpis(m.ctx(), MONTH);
    try {
      // What the panel shows is what the refresh kept (a period that is over: its visits no longer change)…
      await db().insightPeriod.updateMany({ where: { organizationId: m.org.id, from: new Date(MONTH.previous.from) }, data: { visits: 99 } });
      expect((await overviewKpis(m.ctx(), MONTH)).visits).toEqual({ current: 9, previous: 99 });
      // …and without it (a new day before the next refresh), the same figures counted from the visits.
      await db().insightPeriod.deleteMany({ where: { organizationId: m.org.id } });
      expect(await overviewKpis(m.ctx(), MONTH)).toEqual(withKept);
    } finally {
      // As the refresh left them (a new refresh here would also move the cohorts other tests count).
      await db().insightPeriod.deleteMany({ where: { organizationId: m.org.id } });
      await db().insightPeriod.createMany({ data: kept });
    }
    expect(await overviewKpis(m.ctx(), MONTH)).toEqual(withKept);
  });

  it("is for managers and owners", async () => {
    expect(await errorKey(overviewKpis(m.ctx("STAFF"), MONTH))).toBe("FORBIDDEN");
  });
});

describe("Inzichten › Overzicht: charts", () => {
  it("visits per local day, zero-filled, the undone day empty", async () => {
    const s = await visitsSeries(m.ctx(), MONTH);
    expect(s.unit).toBe("day");
    expect(s.points).toHaveLength(30);
    expect(s.points[0].start).toBe("2026-05-17");
    expect(s.points[29].start).toBe("2026-06-15");
    const busy = s.points.filter((p) => p.visits);
    expect(busy).toEqual([
      { start: "2026-05-17", visits: 1, stamps: 1 },
      { start: "2026-05-18", visits: 1, stamps: 1 },
      { start: "2026-05-20", visits: 1, stamps: 2 },
      { start: "2026-05-22", visits: 1, stamps: 1 },
      { start: "2026-05-25", visits: 1, stamps: 1 },
      { start: "2026-06-01", visits: 1, stamps: 1 },
      { start: "2026-06-12", visits: 1, stamps: 2 },
      { start: "2026-06-15", visits: 2, stamps: 2 },
    ]);
    expect(s.points.find((p) => p.start === "2026-06-10")).toEqual({ start: "2026-06-10", visits: 0, stamps: 0 });
  });

  it("new customers by source, every source listed", async () => {
    // Current: Bram and Ivo POSTER, Eva TABLE_TENT. Previous: Gijs and Jet POSTER, Chris COUNTER, Fien REFERRAL.
    expect(await enrollmentsBySource(m.ctx(), MONTH)).toEqual([
      { source: "POSTER", current: 2, previous: 2 },
      { source: "TABLE_TENT", current: 1, previous: 0 },
      { source: "COUNTER", current: 0, previous: 1 },
      { source: "WEBSITE", current: 0, previous: 0 },
      { source: "SOCIAL", current: 0, previous: 0 },
      { source: "REFERRAL", current: 0, previous: 1 },
      { source: "STAFF", current: 0, previous: 0 },
      { source: "IMPORT", current: 0, previous: 0 },
      { source: "API", current: 0, previous: 0 },
    ]);
  });

  it("stamps by location and by staff member, the day's first stamp carrying the day", async () => {
    // Centrum: Chris 1, Bram 22 May 1, Anna 25 May 1, Dirk 2, Ivo 1 = 6. Bijkantoor: Bram 18 May 1, Anna 20 May 2
    // (the owner's second stamp that day counts for Sanne's first), Hana 1 = 4. Dashboard (no location, no member): 1.
    // Sanne: Chris, Bram 18 May, Anna 20 May (2), Hana, Ivo = 6; the owner: Bram 22 May, Anna 25 May, Dirk (2) = 4.
    const s = await stampsByLocationAndStaff(m.ctx(), MONTH);
    expect(s.locations).toEqual([
      { id: m.location.id, name: "Overzicht centrum", stamps: 6 },
      { id: loc2, name: "Bijkantoor", stamps: 4 },
      { id: null, name: null, stamps: 1 },
    ]);
    const ownerMembership = await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: m.owner.id } });
    expect(s.staff).toEqual([
      { id: sanne, name: "Sanne", stamps: 6 },
      { id: ownerMembership.id, name: "Owner Overzicht", stamps: 4 },
      { id: null, name: null, stamps: 1 },
    ]);
  });

  it("visits by local weekday and hour", async () => {
    // Mon 18 May 08:00 Bram; Mon 25 May 09:00 Anna + Mon 15 June 09:00 Hana; Mon 15 June 10:00 Ivo; Mon 1 June 11:00 Anna;
    // Wed 20 May 10:00 Anna (the first stamp's hour); Fri 22 May 09:00 Bram + Fri 12 June 09:30 Dirk; Sun 17 May 00:10 Chris.
    expect(await heatmap(m.ctx(), MONTH)).toEqual([
      { weekday: 1, hour: 8, visits: 1 },
      { weekday: 1, hour: 9, visits: 2 },
      { weekday: 1, hour: 10, visits: 1 },
      { weekday: 1, hour: 11, visits: 1 },
      { weekday: 3, hour: 10, visits: 1 },
      { weekday: 5, hour: 9, visits: 2 },
      { weekday: 7, hour: 0, visits: 1 },
    ]);
  });
});

describe("Inzichten › Overzicht: daylight saving time", () => {
  let d: Merchant;
  beforeAll(async () => {
    d = await makeMerchant("Zomertijd", { customers: 0 });
    const [c1, c2, c3] = await Promise.all(["Een", "Twee", "Drie"].map((n) => customer(d, n, new Date("2025-12-01T10:00:00Z"))));
    // 29 March 2026: 02:00 CET → 03:00 CEST.
    await stamp(d, c1.card, new Date("2026-03-28T23:30:00Z")); // Sun 29 Mar 00:30 CET (Saturday in UTC)
    await stamp(d, c2.card, new Date("2026-03-29T00:30:00Z")); // Sun 01:30 CET
    await stamp(d, c3.card, new Date("2026-03-29T01:30:00Z")); // Sun 03:30 CEST (02:xx does not exist)
    await stamp(d, c1.card, new Date("2026-03-29T22:15:00Z")); // Mon 30 Mar 00:15 CEST (Sunday in UTC)
    // 25 October 2026: 03:00 CEST → 02:00 CET, so 02:30 happens twice.
    await stamp(d, c1.card, new Date("2026-10-25T00:30:00Z")); // Sun 02:30 CEST
    await stamp(d, c2.card, new Date("2026-10-25T01:30:00Z")); // Sun 02:30 CET
    await stamp(d, c3.card, new Date("2026-10-25T02:30:00Z")); // Sun 03:30 CET
    await stamp(d, c1.card, new Date("2026-10-25T23:30:00Z")); // Mon 26 Oct 00:30 CET (Sunday in UTC)
  });

  it("puts each visit on its local day and hour", async () => {
    const year = resolvePeriod("year", TZ, new Date("2026-11-01T11:00:00Z")); // 2 Nov 2025 – 1 Nov 2026
    expect(await heatmap(d.ctx(), year)).toEqual([
      { weekday: 1, hour: 0, visits: 2 }, // Mon 30 Mar 00:15, Mon 26 Oct 00:30
      { weekday: 7, hour: 0, visits: 1 }, // Sun 29 Mar 00:30
      { weekday: 7, hour: 1, visits: 1 }, // Sun 29 Mar 01:30
      { weekday: 7, hour: 2, visits: 2 }, // Sun 25 Oct 02:30 twice
      { weekday: 7, hour: 3, visits: 2 }, // Sun 29 Mar 03:30, Sun 25 Oct 03:30
    ]);
    const week = resolvePeriod("week", TZ, new Date("2026-10-27T11:00:00Z")); // 21 – 27 October
    const days = await visitsSeries(d.ctx(), week);
    expect(days.points.map((p) => [p.start, p.visits])).toEqual([
      ["2026-10-21", 0],
      ["2026-10-22", 0],
      ["2026-10-23", 0],
      ["2026-10-24", 0],
      ["2026-10-25", 3],
      ["2026-10-26", 1],
      ["2026-10-27", 0],
    ]);
  });

  it("counts 12 months per week from Monday (local)", async () => {
    const year = resolvePeriod("year", TZ, new Date("2026-11-01T11:00:00Z"));
    const s = await visitsSeries(d.ctx(), year);
    expect(s.unit).toBe("week");
    // The week holding 2 Nov 2025 starts Monday 27 Oct 2025; the last holds Sunday 1 Nov 2026 and starts Monday 26 Oct.
    expect(s.points[0].start).toBe("2025-10-27");
    expect(s.points.at(-1)?.start).toBe("2026-10-26");
    expect(s.points).toHaveLength(53);
    expect(s.points.every((p) => new Date(`${p.start}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
    // Sun 29 Mar (3 visits) is in the week of Mon 23 Mar; Mon 30 Mar 00:15 starts the next. Same around 25/26 October.
    expect(s.points.filter((p) => p.visits).map((p) => [p.start, p.visits])).toEqual([
      ["2026-03-23", 3],
      ["2026-03-30", 1],
      ["2026-10-19", 3],
      ["2026-10-26", 1],
    ]);
  });
});

describe("Inzichten › Overzicht: cohorts", () => {
  let c: Merchant;
  const APRIL = resolvePeriod("month", TZ, new Date("2026-04-10T10:00:00Z"));
  beforeAll(async () => {
    c = await makeMerchant("Cohort", { customers: 0 });
    const joined = new Date("2025-01-01T10:00:00Z");
    const [k1, k2, k3, k4, k5, k6] = await Promise.all(["k1", "k2", "k3", "k4", "k5", "k6"].map((n) => customer(c, n, joined)));
    await stamp(c, k1.card, new Date("2026-01-31T22:30:00Z")); // 31 Jan 23:30 CET: January cohort
    await stamp(c, k1.card, new Date("2026-01-31T23:30:00Z")); // 1 Feb 00:30 CET: offset 1 (still January in UTC)
    await stamp(c, k2.card, new Date("2026-01-31T23:35:00Z")); // 1 Feb 00:35 CET: February cohort
    await stamp(c, k2.card, local("2026-03-15 10:00")); // February + 1
    await stamp(c, k3.card, local("2026-01-10 10:00")); // January, never again
    await stamp(c, k4.card, local("2026-01-15 10:00")); // January …
    await stamp(c, k4.card, local("2026-03-01 10:00")); // … + 2
    await stamp(c, k5.card, local("2025-04-20 10:00")); // April 2025: 12 months before April 2026, not shown
    await stamp(c, k6.card, local("2025-05-02 10:00")); // May 2025: the oldest shown …
    await stamp(c, k6.card, local("2026-04-05 10:00")); // … + 11 (this month)
    await refreshInsights(c.org.id, new Date("2026-04-10T10:00:00Z"));
  });

  it("gives retention per cohort month across a month end, future months empty", async () => {
    const rows = await cohorts(c.ctx(), APRIL);
    // May 2025 … April 2026, newest first.
    expect(rows.map((r) => r.month)).toEqual([
      "2026-04",
      "2026-03",
      "2026-02",
      "2026-01",
      "2025-12",
      "2025-11",
      "2025-10",
      "2025-09",
      "2025-08",
      "2025-07",
      "2025-06",
      "2025-05",
    ]);
    const row = (month: string) => rows.find((r) => r.month === month);
    const future = (n: number) => Array<null>(n).fill(null);
    // January: k1, k3, k4. Feb: k1 → 1/3; Mar: k4 → 1/3; Apr (this month): nobody → 0; May on: not yet.
    expect(row("2026-01")).toEqual({ month: "2026-01", customers: 3, retention: [100, 33.3, 33.3, 0, ...future(8)] });
    // February: k2 alone, back in March.
    expect(row("2026-02")).toEqual({ month: "2026-02", customers: 1, retention: [100, 100, 0, ...future(9)] });
    // March and April: nobody new (k2 and k4 had come before).
    expect(row("2026-03")).toEqual({ month: "2026-03", customers: 0, retention: future(12) });
    expect(row("2026-04")).toEqual({ month: "2026-04", customers: 0, retention: future(12) });
    // May 2025: k6, back in April 2026 (+11).
    expect(row("2025-05")).toEqual({ month: "2025-05", customers: 1, retention: [100, ...Array<number>(10).fill(0), 100] });
  });
});

describe("Inzichten › Overzicht: tenant isolation", () => {
  it("never counts another merchant's rows", async () => {
    // B: Bob, created 20 May (SOCIAL), 3 stamps on 20, 21, 22 May and 15 June (current) and 20 April (previous), one redeem.
    const kb = await overviewKpis(b.ctx(), MONTH);
    expect([kb.activeCustomers, kb.visits, kb.stamps, kb.newCustomers]).toEqual([
      { current: 1, previous: 1 },
      { current: 4, previous: 1 },
      { current: 12, previous: 3 },
      { current: 1, previous: 0 },
    ]);
    expect(kb.rewards.map((r) => [r.programId, r.current])).toEqual([[b.program.id, 1]]);
    // M's figures above are exact; B's Visit rows fall on M's days and hours, so any leak would change them.
    const km = await overviewKpis(m.ctx(), MONTH);
    expect([km.visits.current, km.stamps.current, km.newCustomers.current]).toEqual([9, 11, 3]);
    expect(km.rewards.every((r) => r.programId !== b.program.id)).toBe(true);
    expect((await visitsSeries(m.ctx(), MONTH)).points.find((p) => p.start === "2026-05-21")?.visits).toBe(0);
    expect((await enrollmentsBySource(m.ctx(), MONTH)).find((s) => s.source === "SOCIAL")).toEqual({ source: "SOCIAL", current: 0, previous: 0 });
    const sm = await stampsByLocationAndStaff(m.ctx(), MONTH);
    expect([...sm.locations, ...sm.staff].map((s) => s.stamps).reduce((a, n) => a + n)).toBe(22); // 11 by location + 11 by staff
    expect((await heatmap(m.ctx(), MONTH)).reduce((a, c) => a + c.visits, 0)).toBe(9);
    expect((await heatmap(b.ctx(), MONTH)).reduce((a, c) => a + c.visits, 0)).toBe(4);
    // Cohorts (scored at NOW): first visits Dirk February, Anna March, Chris April, Fien 16 May and Bram 18 May.
    const mine = await cohorts(m.ctx(), MONTH);
    const theirs = await cohorts(b.ctx(), MONTH);
    expect(theirs.filter((r) => r.customers).map((r) => [r.month, r.customers])).toEqual([["2026-04", 1]]);
    expect(mine.filter((r) => r.customers).map((r) => [r.month, r.customers])).toEqual([
      ["2026-05", 2],
      ["2026-04", 1],
      ["2026-03", 1],
      ["2026-02", 1],
    ]);
  });
});

describe("Inzichten › Overzicht: the panels", () => {
  it("show the numbers with their test ids", async () => {
    const panel = { ctx: m.ctx(), period: MONTH };
    const kpis = await html(createElement(KpisPanel, panel));
    expect(value(kpis, "kpi-visits")).toBe("9");
    expect(value(kpis, "kpi-new-customers")).toBe("3");
    expect(value(kpis, "kpi-returning-rate")).toBe("0.5");
    expect(value(kpis, "kpi-median-days-between-visits")).toBe("5");
    expect(value(kpis, "kpi-rewards-redeemed")).toBe("4");
    expect(kpis).toContain("50%"); // returning, as a share
    expect(kpis).toContain("Gratis koekje");
    expect(kpis).toContain("klanten met 2 of meer bezoeken");
    const visits = await html(createElement(VisitsPanel, panel));
    expect(visits).toContain('data-testid="chart-visits"');
    expect(visits).toContain("9 bezoeken en 11 stempels in deze periode.");
    const sources = await html(createElement(SourcesPanel, panel));
    expect(sources).toMatch(/data-testid="chart-sources"/);
    expect(sources).toMatch(/data-label="Poster" data-value="2"/);
    expect(sources).toContain("De meeste nieuwe klanten kwamen via Poster.");
    const by = await html(createElement(StampsByPanels, panel));
    expect(by).toMatch(/data-testid="chart-locations"/);
    expect(by).toMatch(/data-label="Zonder locatie" data-value="1"/);
    expect(by).toMatch(/data-testid="chart-staff"/);
    expect(by).toMatch(/data-label="Sanne" data-value="6"/);
    expect(by).toMatch(/data-label="Dashboard" data-value="1"/);
    const heat = await html(createElement(HeatmapPanel, panel));
    expect(heat).toMatch(/data-testid="heatmap"/);
    expect(heat).toMatch(/data-weekday="1" data-hour="9" data-visits="2"/);
    expect(heat).toContain("Het drukst: maandag rond 9 uur.");
    const cohort = await html(createElement(CohortsPanel, panel));
    expect(cohort).toMatch(/data-testid="cohorts"/);
    expect(cohort).toMatch(/data-month="2026-05" data-customers="2"/);
  });

  it("show an empty state for a new merchant", async () => {
    const fresh = await makeMerchant("Nieuw", { customers: 0 });
    const panel = { ctx: fresh.ctx(), period: MONTH };
    const pages = await Promise.all(
      [KpisPanel, VisitsPanel, SourcesPanel, StampsByPanels, HeatmapPanel, CohortsPanel].map((p) => html(createElement(p, panel))),
    );
    const page = pages.join("");
    for (const id of ["kpis-empty", "visits-empty", "sources-empty", "locations-empty", "staff-empty", "heatmap-empty", "cohorts-empty"]) {
      expect(page).toContain(`data-testid="${id}"`);
    }
    expect(page).not.toMatch(/data-testid="(chart-|heatmap"|cohorts")/);
  });
});
