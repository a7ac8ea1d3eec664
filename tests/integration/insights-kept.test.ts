// Issue 14, Inzichten speed: a big merchant's period panels (Overzicht,
// Personeel) kept by the hourly refresh (lib/insights/kept.ts). A kept result
// equals the live query for every panel and period length; it counts only for
// the period it was computed for; a stamp after (or during) a refresh shows
// from the next refresh, never twice; a small merchant always reads live;
// erasing a customer drops the kept results; another merchant never reads them.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { eraseCustomerForMerchant } from "@/lib/customers/detail";
import { keptPanelNames } from "@/lib/insights/kept";
import * as overview from "@/lib/insights/overview";
import { PERIODS, resolvePeriod, type PeriodKey } from "@/lib/insights/period";
import { refreshInsights } from "@/lib/insights/refresh-insights";
import * as staff from "@/lib/insights/staff-signals";
import { makeMerchant, newCard, type Merchant } from "./helpers";

const TZ = "Europe/Amsterdam";
const KEPT = {
  "overview.overviewKpis": overview.overviewKpis,
  "overview.visitsSeries": overview.visitsSeries,
  "overview.enrollmentsBySource": overview.enrollmentsBySource,
  "overview.stampsByLocationAndStaff": overview.stampsByLocationAndStaff,
  "overview.heatmap": overview.heatmap,
  "staff.staffSummary": staff.staffSummary,
  "staff.fewCardsSignal": staff.fewCardsSignal,
  "staff.outsideHoursSignal": staff.outsideHoursSignal,
  "staff.twoLocationsSignal": staff.twoLocationsSignal,
  "staff.undoOverrideSignal": staff.undoOverrideSignal,
};
const PANELS = Object.entries(KEPT);
const KEYS = Object.keys(PERIODS) as PeriodKey[];

let a: Merchant;
let b: Merchant;
let member: string;
let card: { id: string; customerId: string };

/** A stamp on `a`'s card by the tablet member, `minutesAgo` before now, at `location`. */
const stamp = (minutesAgo: number, location: string, type: "STAMP" | "UNDO" = "STAMP") => ({
  id: randomUUID(),
  organizationId: a.org.id,
  cardId: card.id,
  type,
  amount: 1,
  stampDelta: type === "STAMP" ? 1 : -1,
  actorMembershipId: member,
  locationId: location,
  createdAt: new Date(Date.now() - minutesAgo * 60_000),
});

beforeAll(async () => {
  a = await makeMerchant("Grote Zaak", { customers: 12 });
  b = await makeMerchant("Buurzaak", { customers: 3 });
  member = (await db().membership.create({ data: { organizationId: a.org.id, displayName: "Sanne", role: "STAFF" } })).id;
  // A second location, open only on Sunday mornings: so the signals have something to flag.
  const station = await db().location.create({ data: { organizationId: a.org.id, name: "Station", openingHours: { sun: [["07:00", "08:00"]] } } });
  card = await newCard(a, "Tweemaal");
  await db().cardEvent.createMany({ data: [stamp(90, a.location.id), stamp(80, station.id), stamp(70, station.id), stamp(60, station.id, "UNDO")] });
});

const ownerCtx = () => a.ctx("OWNER");

describe("kept panels", () => {
  it("are exactly these ten (a new one is added here and checked below)", () => {
    expect(keptPanelNames().sort()).toEqual(Object.keys(KEPT).sort());
  });

  it("equal the live query for every panel and period length, dates included", async () => {
    const now = new Date();
    const r = await refreshInsights(a.org.id, now, { keep: true });
    expect(r.panels).toBe(PANELS.length * KEYS.length);
    for (const key of KEYS) {
      const period = resolvePeriod(key, TZ, now);
      for (const [name, panel] of PANELS) {
        expect(await panel(ownerCtx(), period), `${name} ${key}`).toEqual(await panel.live(ownerCtx(), period));
      }
    }
    // The two-location flag's ledger rows come back with their moment as a Date.
    const two = await staff.twoLocationsSignal(ownerCtx(), resolvePeriod("week", TZ, now));
    expect(two.flags).toHaveLength(1);
    expect(two.flags[0].rows[0].at).toBeInstanceOf(Date);
  });

  it("show a stamp from the next refresh on, once, also when it came during a refresh", async () => {
    const now = new Date();
    await refreshInsights(a.org.id, now, { keep: true });
    const month = resolvePeriod("month", TZ, now);
    const before = (await overview.overviewKpis(ownerCtx(), month)).stamps.current;
    // One stamp after the refresh: the kept figure stays, the live one moves.
    await db().cardEvent.create({ data: stamp(1, a.location.id) });
    expect((await overview.overviewKpis(ownerCtx(), month)).stamps.current).toBe(before);
    expect((await overview.overviewKpis.live(ownerCtx(), month)).stamps.current).toBe(before + 1);
    // Ten more while the next refresh runs: it counts some of them, and never more.
    const during = Promise.all(Array.from({ length: 10 }, () => db().cardEvent.create({ data: stamp(0, a.location.id) })));
    await Promise.all([refreshInsights(a.org.id, new Date(), { keep: true }), during]);
    const kept = (await overview.overviewKpis(ownerCtx(), month)).stamps.current;
    expect(kept).toBeGreaterThanOrEqual(before + 1);
    expect(kept).toBeLessThanOrEqual(before + 11);
    // The refresh after that has them all, once.
    await refreshInsights(a.org.id, new Date(), { keep: true });
    expect((await overview.overviewKpis(ownerCtx(), month)).stamps.current).toBe(before + 11);
    expect(await staff.staffSummary(ownerCtx(), month)).toEqual(await staff.staffSummary.live(ownerCtx(), month));
  });

  it("count only for the period they were computed for (after midnight the page reads live)", async () => {
    const now = new Date();
    await refreshInsights(a.org.id, now, { keep: true });
    const tomorrow = resolvePeriod("month", TZ, new Date(now.getTime() + 86_400_000));
    await db().insightResult.updateMany({ where: { organizationId: a.org.id, panel: "staff.staffSummary" }, data: { data: [] } });
    expect(await staff.staffSummary(ownerCtx(), resolvePeriod("month", TZ, now))).toEqual([]);
    expect(await staff.staffSummary(ownerCtx(), tomorrow)).toEqual(await staff.staffSummary.live(ownerCtx(), tomorrow));
    expect((await staff.staffSummary(ownerCtx(), tomorrow)).length).toBeGreaterThan(0);
  });

  it("are never read by another merchant", async () => {
    await refreshInsights(a.org.id, new Date(), { keep: true });
    const month = resolvePeriod("month", TZ, new Date());
    // B's rows are computed live from B's own ledger.
    for (const [name, panel] of PANELS) expect(await panel(b.ctx(), month), name).toEqual(await panel.live(b.ctx(), month));
    expect(await db().insightResult.count({ where: { organizationId: b.org.id } })).toBe(0);
  });

  it("are not kept for a merchant up to 5 000 customers, whose panels read live", async () => {
    const r = await refreshInsights(b.org.id, new Date());
    expect(r.panels).toBe(0);
    expect(await db().insightResult.count({ where: { organizationId: b.org.id } })).toBe(0);
    // A merchant that shrank below the size (or was kept by a test) loses its kept results at the next refresh.
    await refreshInsights(a.org.id, new Date(), { keep: true });
    await refreshInsights(a.org.id, new Date(), { keep: false });
    expect(await db().insightResult.count({ where: { organizationId: a.org.id } })).toBe(0);
  });

  it("are dropped when a customer is erased (they name customers)", async () => {
    await refreshInsights(a.org.id, new Date(), { keep: true });
    expect(await db().insightResult.count({ where: { organizationId: a.org.id } })).toBeGreaterThan(0);
    await eraseCustomerForMerchant(ownerCtx(), card.customerId);
    expect(await db().insightResult.count({ where: { organizationId: a.org.id } })).toBe(0);
    const week = resolvePeriod("week", TZ, new Date());
    const two = await staff.twoLocationsSignal(ownerCtx(), week);
    expect(two.flags.map((f) => f.customerName)).not.toContain("Tweemaal");
  });
});

describe("a refresh's kept panels", () => {
  it("are written only while that refresh is the latest: not after an erasure or a newer refresh began", async () => {
    const { keepPanels } = await import("@/lib/insights/kept");
    const first = new Date();
    await refreshInsights(a.org.id, first, { keep: true });
    // A newer refresh's scores are in; the first one's panels arrive late and are not written over them.
    const second = new Date(first.getTime() + 1000);
    await refreshInsights(a.org.id, second, { keep: true });
    expect(await keepPanels(a.org.id, TZ, first, true)).toBe(0);
    const rows = await db().insightResult.findMany({ where: { organizationId: a.org.id } });
    expect(new Set(rows.map((r) => r.computedAt.getTime()))).toEqual(new Set([second.getTime()]));
    // An erasure while the second refresh computed: what it computed before is not written back.
    const other = a.histories[0].customer.id;
    await refreshInsights(b.org.id, second);
    await eraseCustomerForMerchant(ownerCtx(), other);
    expect(await keepPanels(a.org.id, TZ, second, true)).toBe(0);
    expect(await db().insightResult.count({ where: { organizationId: a.org.id } })).toBe(0);
    // The erasure marked its own merchant for a new refresh, and no other.
    const marked = await db().organization.findMany({ where: { id: { in: [a.org.id, b.org.id] } }, select: { id: true, insightsRefreshedAt: true } });
    expect(Object.fromEntries(marked.map((o) => [o.id, o.insightsRefreshedAt]))).toEqual({ [a.org.id]: null, [b.org.id]: second });
  });

  it("are dropped when a location changes, and the page says when figures are kept", async () => {
    const { ensureFreshInsights } = await import("@/lib/insights/ensure-fresh");
    const { updateLocation } = await import("@/lib/organizations/locations");
    const now = new Date();
    await refreshInsights(a.org.id, now, { keep: true });
    expect(await ensureFreshInsights(ownerCtx(), { now })).toEqual({ refreshedAt: now, queued: false, kept: true });
    await updateLocation(ownerCtx(), a.location.id, { name: "Grote Zaak plein", sat_open: "08:00", sat_close: "17:00" });
    expect(await db().insightResult.count({ where: { organizationId: a.org.id } })).toBe(0);
    // …and marks the scores for a new refresh (this small merchant: at once, nothing kept).
    expect(await ensureFreshInsights(ownerCtx(), { now })).toMatchObject({ refreshedAt: now, queued: false, kept: false });
  });

  it("are not computed for a closed business", async () => {
    const closed = await makeMerchant("Gesloten", { customers: 2 });
    await db().organization.update({ where: { id: closed.org.id }, data: { deletedAt: new Date() } });
    expect(await refreshInsights(closed.org.id, new Date(), { keep: true })).toMatchObject({ customers: 0, panels: 0 });
    expect(await db().insightResult.count({ where: { organizationId: closed.org.id } })).toBe(0);
  });
});

describe("opening Inzichten", () => {
  it("refreshes scores from before today's local midnight, however recent (kept panels count for their own day)", async () => {
    const { ensureFreshInsights } = await import("@/lib/insights/ensure-fresh");
    // 23:55 and 00:05 in Amsterdam (winter time, UTC+1): ten minutes apart, two local days.
    const late = new Date("2026-01-14T22:55:00Z");
    const early = new Date("2026-01-14T23:05:00Z");
    await db().organization.update({ where: { id: b.org.id }, data: { insightsRefreshedAt: late } });
    expect((await ensureFreshInsights(b.ctx(), { now: new Date("2026-01-14T22:59:00Z") })).refreshedAt).toEqual(late);
    expect(await ensureFreshInsights(b.ctx(), { now: early })).toEqual({ refreshedAt: early, queued: false, kept: false });
  });
});
