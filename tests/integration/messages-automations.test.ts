// Issue 15, automations (lib/messages/automations.ts): each kind's occasion on a
// hand-built ledger with a fixed `now`, as the scheduler runs it (the app role,
// row-level security on). Running twice — or again the next day for once-only
// occasions — queues nobody twice; a switched-off automation queues nothing;
// service kinds are not marketing; one merchant's run never touches another's
// customers; saving checks its input and the role.
import { randomUUID } from "node:crypto";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import type { AutomationKind, LoyaltyRung } from "@/lib/generated/prisma/enums";
import {
  automationTexts,
  DEFAULT_TEXTS,
  listAutomations,
  runAutomations,
  saveAutomation,
  setAutomationEnabled,
  suggestedWinBackDays,
} from "@/lib/messages/automations";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { SERVICE_AUTOMATIONS } from "@/lib/validation/messages";
import type { TenantContext } from "@/lib/tenancy/context";
import { nl } from "@/lib/i18n/messages";
import { appError, makeMerchant, type Merchant } from "./helpers";

// ---- Next's request scope for the page, stood in for: the signed-in member, translations, navigation ----
const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext; organization: unknown; user: unknown } }));
vi.mock("@/lib/auth/session", () => ({
  requireTenant: async () => session.current ?? Promise.reject(new Error("signed out")),
  currentTenant: async () => session.current,
}));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const render = (el: ReactNode) =>
  // eslint-disable-next-line react/no-children-prop
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: el }));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const DAY = 86_400_000;
/** A Friday in November, 11:00 in Amsterdam (CET). */
const NOW = new Date("2026-11-20T10:00:00Z");
const daysAgo = (n: number, from = NOW) => new Date(from.getTime() - n * DAY);
/** The local date `n` days before NOW's local day ('2026-11-20'), as a DATE value. */
const dayBefore = (n: number) => new Date(Date.UTC(2026, 10, 20 - n));

let m: Merchant;
beforeEach(async () => {
  m = await makeMerchant(`Auto ${randomUUID().slice(0, 6)}`, { customers: 0 });
});

async function person(
  opts: {
    name?: string;
    birthday?: Date;
    source?: "POSTER" | "IMPORT";
    card?: Partial<{
      stampCount: number;
      rewardsAvailable: number;
      intermediateAvailable: number;
      totalStamps: number;
      totalRedeemed: number;
      lastStampAt: Date | null;
      createdAt: Date;
      erasedAt: Date;
      programId: string;
    }>;
    visits?: number[];
    merchant?: Merchant;
  } = {},
) {
  const mm = opts.merchant ?? m;
  const customer = await db().customer.create({
    data: { organizationId: mm.org.id, name: opts.name ?? "Anna de Vries", birthday: opts.birthday ?? null, marketingConsent: true, source: opts.source },
  });
  const card = await db().card.create({
    data: {
      organizationId: mm.org.id,
      programId: mm.program.id,
      customerId: customer.id,
      serial: randomUUID(),
      authToken: randomUUID(),
      webToken: randomUUID(),
      createdAt: daysAgo(100),
      lastStampAt: daysAgo(30),
      ...opts.card,
    },
  });
  for (const n of opts.visits ?? []) {
    const day = dayBefore(n);
    await db().visit.create({
      data: { organizationId: mm.org.id, customerId: customer.id, day, firstAt: new Date(day.getTime() + 9 * 3_600_000), hour: 10, stamps: 1 },
    });
  }
  return { customer, card };
}

async function enable(kind: AutomationKind, settings: object = {}, merchant = m) {
  await db().automation.upsert({
    where: { organizationId_kind: { organizationId: merchant.org.id, kind } },
    create: { organizationId: merchant.org.id, kind, enabled: true, settings },
    update: { enabled: true, settings },
  });
}

const deliveries = (merchant = m) =>
  db().delivery.findMany({ where: { organizationId: merchant.org.id }, orderBy: [{ createdAt: "asc" }, { occurrence: "asc" }] });
const who = async (kind: AutomationKind) => (await deliveries()).filter((d) => d.automation === kind).map((d) => d.customerId);

describe("occasions", () => {
  it("WELCOME: a card enrolled in the last 2 days, once per card (also the next day), not for imported customers", async () => {
    await enable("WELCOME");
    const fresh = await person({ card: { createdAt: new Date(NOW.getTime() - 12 * 3_600_000), lastStampAt: null } });
    await person({ card: { createdAt: daysAgo(3), lastStampAt: null } });
    await person({ card: { createdAt: daysAgo(1), erasedAt: daysAgo(0.5) } });
    await person({ source: "IMPORT", card: { createdAt: daysAgo(1) } }); // brought along from another system: no welcome
    expect(await runAutomations(m.org.id, NOW)).toEqual({ queued: 1 });
    expect(await runAutomations(m.org.id, NOW)).toEqual({ queued: 0 });
    expect(await runAutomations(m.org.id, new Date(NOW.getTime() + DAY))).toEqual({ queued: 0 });
    const [d] = await deliveries();
    expect(d).toMatchObject({
      customerId: fresh.customer.id,
      cardId: fresh.card.id,
      automation: "WELCOME",
      occurrence: `card:${fresh.card.id}`,
      status: "QUEUED",
      marketing: false,
      bonusStamps: 0,
      campaignId: null,
    });
    expect(d.createdAt).toEqual(NOW);
    // The send job was committed with the deliveries (one waiting job per merchant).
    const jobs = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'messages-send' AND data->>'orgId' = $1 AND singleton_key = $1`,
      m.org.id,
    );
    expect(jobs[0].n).toBe(1);
  });

  it("ONE_TO_GO: one stamp below the goal or the intermediate reward, after a stamp in the last 2 days", async () => {
    await enable("ONE_TO_GO");
    // The program: 10 stamps, a cookie at 5.
    const nine = await person({ card: { stampCount: 9, totalStamps: 19, lastStampAt: daysAgo(0.1) } });
    const four = await person({ card: { stampCount: 4, totalStamps: 4, lastStampAt: daysAgo(1) } });
    await person({ card: { stampCount: 7, totalStamps: 7, lastStampAt: daysAgo(0.1) } });
    await person({ card: { stampCount: 9, totalStamps: 9, lastStampAt: daysAgo(5) } });
    await runAutomations(m.org.id, NOW);
    await runAutomations(m.org.id, new Date(NOW.getTime() + 3_600_000));
    const ds = await deliveries();
    expect(ds.map((d) => [d.customerId, d.occurrence]).sort()).toEqual(
      [
        [nine.customer.id, `card:${nine.card.id}:19`],
        [four.customer.id, `card:${four.card.id}:4`],
      ].sort(),
    );
    // The next cycle's ninth stamp is a new occasion.
    await db().card.update({ where: { id: nine.card.id }, data: { totalStamps: 29, lastStampAt: NOW } });
    await runAutomations(m.org.id, NOW);
    expect((await who("ONE_TO_GO")).filter((c) => c === nine.customer.id)).toHaveLength(2);
  });

  it("REWARD_READY: once per reward earned, not again at the next stamp while it waits, nor after redeeming", async () => {
    await enable("REWARD_READY");
    const p = await person({ card: { stampCount: 0, rewardsAvailable: 1, totalStamps: 10, lastStampAt: daysAgo(0.2) } });
    const cookie = await person({ card: { stampCount: 5, intermediateAvailable: 1, totalStamps: 5, lastStampAt: daysAgo(0.2) } });
    await person({ card: { stampCount: 3, totalStamps: 3, lastStampAt: daysAgo(0.2) } });
    await person({ card: { stampCount: 0, rewardsAvailable: 1, totalStamps: 10, lastStampAt: daysAgo(9) } });
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(2);
    // Another stamp while the reward waits, then the reward is redeemed and a stamp follows.
    await db().card.update({ where: { id: p.card.id }, data: { stampCount: 1, totalStamps: 11, lastStampAt: NOW } });
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(0);
    await db().card.update({ where: { id: p.card.id }, data: { rewardsAvailable: 0, totalRedeemed: 1, stampCount: 2, totalStamps: 12 } });
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(0);
    // The next reward is a new occasion.
    await db().card.update({ where: { id: p.card.id }, data: { rewardsAvailable: 1, stampCount: 0, totalStamps: 20 } });
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(1);
    const ds = (await deliveries()).filter((d) => d.cardId === p.card.id).map((d) => d.occurrence);
    expect(ds).toEqual([`card:${p.card.id}:reward:1`, `card:${p.card.id}:reward:2`]);
    expect(await who("REWARD_READY")).toContain(cookie.customer.id);
  });

  it("REWARD_EXPIRING: open stamps that lapse within the set days (7 by default), only with stamp expiry on", async () => {
    await enable("REWARD_EXPIRING");
    const lapseIn = (days: number) => new Date(Date.UTC(2026, 7, 20 + days, 10)); // lastStampAt + 3 months = NOW + days
    const soon = await person({ card: { stampCount: 4, lastStampAt: lapseIn(5) } });
    const later = await person({ card: { stampCount: 4, lastStampAt: lapseIn(10) } });
    await person({ card: { stampCount: 0, rewardsAvailable: 1, lastStampAt: lapseIn(5) } });
    await person({ card: { stampCount: 4, lastStampAt: lapseIn(-1) } });
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(0); // no expiry on the program
    await db().cardProgram.update({ where: { id: m.program.id }, data: { stampExpiryMonths: 3 } });
    await runAutomations(m.org.id, NOW);
    expect(await who("REWARD_EXPIRING")).toEqual([soon.customer.id]);
    await enable("REWARD_EXPIRING", { days: 14 });
    await runAutomations(m.org.id, NOW);
    await runAutomations(m.org.id, new Date(NOW.getTime() + DAY));
    expect((await who("REWARD_EXPIRING")).sort()).toEqual([soon.customer.id, later.customer.id].sort());
    const d = (await deliveries()).find((x) => x.customerId === soon.customer.id)!;
    expect(d.occurrence).toBe(`card:${soon.card.id}:20260825100000000`);
  });

  it("BIRTHDAY: the local day in Europe/Amsterdam (around midnight), with the bonus until 7 days after, once a year", async () => {
    await enable("BIRTHDAY", { bonusStamps: 2 });
    const on15 = await person({ name: "Femke", birthday: new Date("1990-03-15") });
    const on14 = await person({ name: "Daan", birthday: new Date("1985-03-14") });
    await person({ name: "Geen verjaardag" });
    // 23:30 UTC on the 14th is 00:30 on the 15th in Amsterdam.
    const justAfterMidnight = new Date("2026-03-14T23:30:00Z");
    expect(await runAutomations(m.org.id, justAfterMidnight)).toEqual({ queued: 1 });
    expect(await runAutomations(m.org.id, new Date("2026-03-15T20:00:00Z"))).toEqual({ queued: 0 });
    const [d] = await deliveries();
    expect(d).toMatchObject({ customerId: on15.customer.id, occurrence: "2026", bonusStamps: 2, marketing: true });
    // The end of the 15th + 7 days: midnight starting the 23rd, local (CET, +1).
    expect(d.bonusUntil).toEqual(new Date("2026-03-22T23:00:00Z"));
    // 22:30 UTC on the 14th is still the 14th there.
    expect((await runAutomations(m.org.id, new Date("2026-03-14T22:30:00Z"))).queued).toBe(1);
    expect((await who("BIRTHDAY")).sort()).toEqual([on15.customer.id, on14.customer.id].sort());
    // Next year again.
    expect((await runAutomations(m.org.id, new Date("2027-03-15T09:00:00Z"))).queued).toBe(1);
  });

  it("BIRTHDAY: 29 February on 28 February in years without it; summer time; no bonus without bonus stamps", async () => {
    await enable("BIRTHDAY");
    const leap = await person({ birthday: new Date("2000-02-29") });
    expect((await runAutomations(m.org.id, new Date("2027-02-28T12:00:00Z"))).queued).toBe(1);
    expect((await runAutomations(m.org.id, new Date("2028-02-28T12:00:00Z"))).queued).toBe(0);
    expect((await runAutomations(m.org.id, new Date("2028-02-29T12:00:00Z"))).queued).toBe(1);
    const summer = await person({ birthday: new Date("1999-07-01") });
    // 22:30 UTC on 30 June is 00:30 on 1 July (CEST, +2).
    expect((await runAutomations(m.org.id, new Date("2026-06-30T22:30:00Z"))).queued).toBe(1);
    const ds = await deliveries();
    expect(ds.map((d) => `${d.customerId} ${d.occurrence}`).sort()).toEqual(
      [`${leap.customer.id} 2027`, `${leap.customer.id} 2028`, `${summer.customer.id} 2026`].sort(),
    );
    expect(ds.every((d) => d.bonusStamps === 0 && d.bonusUntil === null)).toBe(true);
  });

  it("WIN_BACK: N and N+7 days after the last visit, N from each customer's own median interval × 2 (at least 14), or set", async () => {
    await enable("WIN_BACK");
    const every12 = await person({ name: "Elke 12 dagen", visits: [62, 50, 38, 26] }); // N = 24: 26 days is due
    const every5 = await person({ name: "Elke 5 dagen", visits: [35, 30, 25, 20] }); // N = 14 (at least): 20 is due
    const every30 = await person({ name: "Elke 30 dagen", visits: [80, 50, 20] }); // N = 60
    const once = await person({ name: "Eén keer", visits: [20] }); // N = the suggestion: median(12, 5, 30) × 2 = 24
    expect(await suggestedWinBackDays(m.ctx())).toBe(24);
    await runAutomations(m.org.id, NOW);
    expect((await who("WIN_BACK")).sort()).toEqual([every12.customer.id, every5.customer.id].sort());
    const d = (await deliveries()).find((x) => x.customerId === every12.customer.id)!;
    expect(d).toMatchObject({ occurrence: "2026-10-25", marketing: true });
    // Still within its window the next days: no second message for the same last visit.
    await runAutomations(m.org.id, new Date(NOW.getTime() + DAY));
    await runAutomations(m.org.id, new Date(NOW.getTime() + 3 * DAY));
    expect(await who("WIN_BACK")).toHaveLength(2);
    // A fixed number of days applies to everyone.
    await enable("WIN_BACK", { days: 14 });
    await runAutomations(m.org.id, NOW);
    expect((await who("WIN_BACK")).sort()).toEqual([every12.customer.id, every5.customer.id, every30.customer.id, once.customer.id].sort());
  });

  it("suggests 14 days when no customer came twice", async () => {
    await person({ visits: [3] });
    expect(await suggestedWinBackDays(m.ctx())).toBe(14);
  });

  it("SURVEY: a recent visit and the NPS question due by the survey rules, once per ISO week", async () => {
    await enable("SURVEY");
    const due = await person({ name: "Vaste klant", visits: [20, 10, 0] });
    const twoVisits = await person({ visits: [10, 1] });
    const answered = await person({ visits: [30, 20, 1] });
    await db().surveyAnswer.create({
      data: { organizationId: m.org.id, customerId: answered.customer.id, cardId: answered.card.id, kind: "NPS", score: 8, createdAt: daysAgo(10) },
    });
    await person({ visits: [30, 20, 5] });
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(0); // NPS off on the program
    await db().cardProgram.update({ where: { id: m.program.id }, data: { surveyNps: true, surveyNpsAfterVisits: 3 } });
    await runAutomations(m.org.id, NOW);
    await runAutomations(m.org.id, new Date(NOW.getTime() + DAY));
    const ds = await deliveries();
    expect(ds.map((d) => [d.customerId, d.occurrence, d.marketing])).toEqual([[due.customer.id, "2026-W47", false]]);
    expect(ds.map((d) => d.customerId)).not.toContain(twoVisits.customer.id);
  });

  it("REVIEW: promoters (NPS 9–10 in the last 14 days), once per answer, only with a link", async () => {
    const promoter = await person();
    const passive = await person();
    const old = await person();
    const answer = (p: { customer: { id: string }; card: { id: string } }, score: number, at: Date) =>
      db().surveyAnswer.create({ data: { organizationId: m.org.id, customerId: p.customer.id, cardId: p.card.id, kind: "NPS", score, createdAt: at } });
    const a = await answer(promoter, 9, daysAgo(2));
    await answer(passive, 8, daysAgo(2));
    await answer(old, 10, daysAgo(20));
    await enable("REVIEW");
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(0);
    await enable("REVIEW", { link: "https://g.page/r/koffie/review" });
    await runAutomations(m.org.id, NOW);
    await runAutomations(m.org.id, new Date(NOW.getTime() + DAY));
    expect((await deliveries()).map((d) => [d.customerId, d.occurrence, d.marketing])).toEqual([[promoter.customer.id, `answer:${a.id}`, true]]);
  });

  it("REFERRAL: fans and ambassadors on programs with referrals on, once per 90 days", async () => {
    await enable("REFERRAL");
    const score = (customerId: string, rung: LoyaltyRung) =>
      db().customerScore.create({
        data: {
          organizationId: m.org.id,
          customerId,
          visits: 9,
          visits90: 5,
          stamps: 9,
          spendCents: 0,
          recency: 5,
          frequency: 5,
          monetary: 3,
          engagement: 50,
          rung,
          computedAt: NOW,
        },
      });
    const fan = await person();
    const ambassador = await person();
    const regular = await person();
    await score(fan.customer.id, "FAN");
    await score(ambassador.customer.id, "AMBASSADOR");
    await score(regular.customer.id, "REGULAR");
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(0); // referrals off
    await db().cardProgram.update({ where: { id: m.program.id }, data: { referralEnabled: true } });
    expect((await runAutomations(m.org.id, NOW)).queued).toBe(2);
    expect((await deliveries()).map((d) => d.occurrence)).toEqual(["2026-Q4", "2026-Q4"]);
    // A new quarter, but within 90 days: nothing; after 90 days: again.
    expect((await runAutomations(m.org.id, new Date("2027-01-05T10:00:00Z"))).queued).toBe(0);
    expect((await runAutomations(m.org.id, new Date("2027-02-25T10:00:00Z"))).queued).toBe(2);
    expect((await who("REFERRAL")).sort()).toEqual([fan.customer.id, fan.customer.id, ambassador.customer.id, ambassador.customer.id].sort());
  });
});

describe("switches, flags and tenancy", () => {
  it("queues nothing for an automation that is off (or never touched)", async () => {
    await person({
      card: { createdAt: daysAgo(1), stampCount: 9, rewardsAvailable: 1, lastStampAt: daysAgo(0.1) },
      birthday: new Date("1990-11-20"),
      visits: [40, 30, 20],
    });
    expect(await runAutomations(m.org.id, NOW)).toEqual({ queued: 0 });
    for (const kind of ["WELCOME", "ONE_TO_GO", "REWARD_READY", "BIRTHDAY", "WIN_BACK"] as const) {
      await db().automation.create({ data: { organizationId: m.org.id, kind, enabled: false } });
    }
    expect(await runAutomations(m.org.id, NOW)).toEqual({ queued: 0 });
    expect(await deliveries()).toEqual([]);
  });

  it("marks marketing by kind: service messages about the card are not marketing", async () => {
    for (const kind of ["WELCOME", "ONE_TO_GO", "REWARD_READY", "BIRTHDAY", "WIN_BACK"] as const) await enable(kind);
    await person({ card: { createdAt: daysAgo(1), stampCount: 9, totalStamps: 9, lastStampAt: daysAgo(0.1) } });
    await person({ card: { rewardsAvailable: 1, totalStamps: 10, lastStampAt: daysAgo(0.1) }, birthday: new Date("1990-11-20"), visits: [40, 30, 20] });
    await runAutomations(m.org.id, NOW);
    const ds = await deliveries();
    expect(new Set(ds.map((d) => d.automation))).toEqual(new Set(["WELCOME", "ONE_TO_GO", "REWARD_READY", "BIRTHDAY", "WIN_BACK"]));
    for (const d of ds) expect(d.marketing).toBe(!SERVICE_AUTOMATIONS.has(d.automation!));
  });

  it("runs one merchant's automations on that merchant's customers only", async () => {
    const other = await makeMerchant(`Ander ${randomUUID().slice(0, 6)}`, { customers: 0 });
    await enable("WELCOME");
    const mine = await person({ card: { createdAt: daysAgo(1) } });
    await person({ merchant: other, card: { createdAt: daysAgo(1) } });
    await runAutomations(m.org.id, NOW);
    await runAutomations(other.org.id, NOW); // switched off there
    expect((await deliveries()).map((d) => d.customerId)).toEqual([mine.customer.id]);
    expect(await deliveries(other)).toEqual([]);
    expect((await listAutomations(other.ctx())).every((a) => !a.enabled)).toBe(true);
    expect((await listAutomations(m.ctx())).find((a) => a.kind === "WELCOME")?.enabled).toBe(true);
  });
});

describe("saving and listing", () => {
  const input = (over: object = {}) => ({
    kind: "WIN_BACK",
    enabled: true,
    titleNl: "We missen je",
    bodyNl: "Hoi {naam}, kom je weer eens langs?",
    settings: { days: 30, bonusStamps: 0, link: null },
    ...over,
  });

  it("saves texts and settings, lists them with the defaults and the count sent in 30 days", async () => {
    const saved = await saveAutomation(m.ctx("MANAGER"), input());
    expect(saved).toMatchObject({ kind: "WIN_BACK", enabled: true, titleNl: "We missen je", titleEn: null, marketing: true, settings: { days: 30 } });
    const p = await person();
    await db().delivery.create({ data: { organizationId: m.org.id, customerId: p.customer.id, automation: "WIN_BACK", occurrence: "x", status: "DELIVERED" } });
    await db().delivery.create({
      data: { organizationId: m.org.id, customerId: p.customer.id, automation: "WIN_BACK", occurrence: "y", status: "NO_CONSENT" },
    });
    const list = await listAutomations(m.ctx("MANAGER"));
    expect(list.map((a) => a.kind)).toEqual([
      "WELCOME",
      "ONE_TO_GO",
      "REWARD_READY",
      "REWARD_EXPIRING",
      "BIRTHDAY",
      "WIN_BACK",
      "SURVEY",
      "REVIEW",
      "REFERRAL",
    ]);
    expect(list.find((a) => a.kind === "WIN_BACK")).toMatchObject({ sentLast30Days: 1, defaults: DEFAULT_TEXTS.WIN_BACK });
    // The sender's texts: the merchant's Dutch, no stale English default beside it; untouched kinds get both defaults.
    const texts = await tenantDb(m.ctx()).$transaction((_tx, sql) => automationTexts(sql, m.org.id));
    expect(texts.get("WIN_BACK")).toEqual({ titleNl: "We missen je", titleEn: null, bodyNl: "Hoi {naam}, kom je weer eens langs?", bodyEn: null, link: null });
    expect(texts.get("WELCOME")).toMatchObject({ titleNl: DEFAULT_TEXTS.WELCOME.titleNl, titleEn: DEFAULT_TEXTS.WELCOME.titleEn });
  });

  it("refuses bad input with field errors, a review request without its link, and staff", async () => {
    const fields = async (p: Promise<unknown>) => (await appError(p)).fieldErrors;
    expect(await fields(saveAutomation(m.ctx(), input({ titleNl: "x".repeat(41) })))).toMatchObject({ titleNl: ["tooLong"] });
    expect(await fields(saveAutomation(m.ctx(), input({ settings: { days: 0, bonusStamps: 0, link: null } })))).toHaveProperty(["settings.days"]);
    expect(await fields(saveAutomation(m.ctx(), input({ kind: "REVIEW", settings: { days: null, bonusStamps: 0, link: "http://x.nl" } })))).toMatchObject({
      "settings.link": ["badLink"],
    });
    expect(await fields(saveAutomation(m.ctx(), input({ kind: "REVIEW", settings: { days: null, bonusStamps: 0, link: null } })))).toMatchObject({
      "settings.link": ["linkRequired"],
    });
    expect(await fields(setAutomationEnabled(m.ctx(), "REVIEW", true))).toMatchObject({ "settings.link": ["linkRequired"] });
    expect((await appError(saveAutomation(m.ctx(), input({ kind: "NOPE" })))).code).toBe("VALIDATION");
    expect((await appError(setAutomationEnabled(m.ctx(), "NOPE", true))).code).toBe("VALIDATION");
    expect((await appError(saveAutomation(m.ctx("STAFF"), input()))).code).toBe("FORBIDDEN");
    expect((await appError(setAutomationEnabled(m.ctx("STAFF"), "WELCOME", true))).code).toBe("FORBIDDEN");
    expect((await appError(listAutomations(m.ctx("STAFF")))).code).toBe("FORBIDDEN");
    expect(await db().automation.count({ where: { organizationId: m.org.id } })).toBe(0);
    // The switch alone, on and off.
    expect(await setAutomationEnabled(m.ctx("MANAGER"), "BIRTHDAY", true)).toEqual({ kind: "BIRTHDAY", enabled: true });
    expect(await setAutomationEnabled(m.ctx("MANAGER"), "BIRTHDAY", false)).toEqual({ kind: "BIRTHDAY", enabled: false });
  });
});

describe("the page (Berichten → Automatisch)", () => {
  const page = async (role: TenantContext["role"] = "OWNER") => {
    session.current = { ctx: m.ctx(role), organization: m.org, user: m.owner };
    const { default: AutomationsPage } = await import("@/app/(dashboard)/dashboard/campaigns/automations/page");
    const el = await AutomationsPage();
    return el ? render(el) : null;
  };

  it("shows every automation with its switch, trigger, count, preview and a noValidate form with the win-back suggestion", async () => {
    await saveAutomation(m.ctx(), { kind: "ONE_TO_GO", enabled: true, settings: {} });
    await person({ visits: [62, 50, 38, 26] });
    const html = (await page())!;
    const cards = [...html.matchAll(/data-testid="automation-([A-Z_]+)"/g)].map((x) => x[1]);
    expect(cards).toEqual(["WELCOME", "ONE_TO_GO", "REWARD_READY", "REWARD_EXPIRING", "BIRTHDAY", "WIN_BACK", "SURVEY", "REVIEW", "REFERRAL"]);
    const sw = (kind: string) => html.match(new RegExp(`<button[^>]*data-testid="automation-${kind}-switch"[^>]*>`))![0];
    expect(sw("ONE_TO_GO")).toContain('aria-checked="true"');
    expect(sw("WELCOME")).toContain('aria-checked="false"');
    expect(sw("WELCOME")).toContain('role="switch"');
    const all = text(html);
    expect(all).toContain("Gaat naar een klant die langer wegblijft dan normaal.");
    expect(all).toContain("Wij stellen 24 dagen voor: twee keer de gewone tijd tussen bezoeken van je klanten.");
    expect(all).toContain("Nog niet verstuurd in de laatste 30 dagen");
    // The preview: the default text for the sample customer, one stamp before the program's reward.
    expect(all).toContain("Hoi Anna, nog één stempel en je hebt Gratis koffie naar keuze. Tot snel!");
    const forms = [...html.matchAll(/<form [^>]*>/g)].map((x) => x[0]);
    expect(forms).toHaveLength(9);
    for (const f of forms) expect(f).toMatch(/novalidate/i);
  });

  it("renders nothing for staff (the Berichten layout tells them why)", async () => {
    expect(await page("STAFF")).toBeNull();
  });
});
