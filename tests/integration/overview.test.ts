// Issue 12 §4: dashboard numbers say their period and count what stands —
// undone stamps and redeems do not count, and the two rewards are apart.
// Issue 12 §11: the onboarding checklist ticks each step on its real event
// (poster downloaded, tablet paired, first stamp) and folds away when done.
import { randomUUID } from "node:crypto";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { getOverview } from "@/lib/dashboard/get-overview";
import { applyCardAction } from "@/lib/stamping/card-action";
import { createPairing, pairByCode } from "@/lib/stamping/pairing";
import type { TenantContext } from "@/lib/tenancy/context";
import { nl } from "@/lib/i18n/messages";
import { DEMO, seedDemo } from "@/prisma/seed/demo";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";

// The poster route's request scope: the signed-in member, and the poster's texts.
const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext; user?: { name: string } } }));
vi.mock("@/lib/auth/session", () => ({
  currentTenant: async () => session.current,
  requireTenant: async () => session.current ?? Promise.reject(new Error("signed out")),
}));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
const { GET: posterRoute } = await import("@/app/api/programs/[id]/poster/route");

let m: Merchant;
const DAY = 86_400_000;

/** A ledger row as live stamping writes it (counters are not what this test is about). */
async function event(
  cardId: string,
  type: "STAMP" | "REDEEM" | "UNDO",
  at: Date,
  extra: Partial<{ amount: number; rewardDelta: number; intermediateDelta: number; reversesId: string }> = {},
) {
  return db().cardEvent.create({ data: { id: randomUUID(), organizationId: m.org.id, cardId, type, amount: extra.amount ?? 1, createdAt: at, ...extra } });
}

beforeAll(async () => {
  m = await makeMerchant("Tellerij", { customers: 0 });
});

describe("dashboard overview", () => {
  it("counts the last 7 days' standing stamps and each reward apart", async () => {
    const card = await newCard(m, "Telt");
    const now = new Date();
    await event(card.id, "STAMP", new Date(now.getTime() - 1 * DAY), { amount: 2 });
    const undone = await event(card.id, "STAMP", new Date(now.getTime() - 2 * DAY), { amount: 1 });
    await event(card.id, "UNDO", new Date(now.getTime() - 2 * DAY + 60_000), { amount: -1, reversesId: undone.id });
    await event(card.id, "STAMP", new Date(now.getTime() - 9 * DAY), { amount: 5 }); // outside the week
    await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { rewardDelta: -1 });
    await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { intermediateDelta: -1 });
    await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { intermediateDelta: -1 });
    const undoneRedeem = await event(card.id, "REDEEM", new Date(now.getTime() - DAY), { rewardDelta: -1 });
    await event(card.id, "UNDO", new Date(now.getTime() - DAY + 1000), { amount: -1, reversesId: undoneRedeem.id, rewardDelta: 1 });
    await event(card.id, "REDEEM", new Date(now.getTime() - 30 * DAY), { rewardDelta: -1 }); // outside the week

    const o = await getOverview(m.ctx(), now);
    expect(o.periodDays).toBe(7);
    expect(o.stamps).toBe(2);
    expect(o.redeemed).toEqual({ main: 1, intermediate: 2 });
  });
});

type Overview = Awaited<ReturnType<typeof getOverview>>;
const facts = (o: Overview) => Object.fromEntries(o.checklist.steps.map((s) => [s.key, s.done]));
const links = (o: Overview) => Object.fromEntries(o.checklist.steps.map((s) => [s.key, s.href]));

async function downloadPoster(m: Merchant, ctx: TenantContext | null, programId = m.program.id) {
  session.current = ctx ? { ctx } : null;
  const res = await posterRoute(new Request(`http://localhost/api/programs/${programId}/poster?size=A4&source=poster`), {
    params: Promise.resolve({ id: programId }),
  });
  session.current = null;
  return { status: res.status, type: res.headers.get("content-type") };
}

describe("onboarding checklist", () => {
  it("ticks location and card at the start, then poster, tablet and first stamp on their real events, and folds away when done", async () => {
    const n = await makeMerchant("Nieuwkomer", { customers: 0 });
    const start = await getOverview(n.ctx());
    expect(facts(start)).toEqual({ location: true, card: true, poster: false, tablet: false, stamp: false, team: false });
    expect(start.checklist.steps.filter((s) => s.optional).map((s) => s.key)).toEqual(["team"]);
    expect(links(start)).toEqual({
      location: "/dashboard/team#locaties",
      card: `/dashboard/cards/${n.program.id}`,
      poster: `/dashboard/cards/${n.program.id}/share`,
      tablet: "/dashboard/tablet",
      stamp: "/dashboard/tablet",
      team: "/dashboard/team",
    });
    expect(start.checklist.visible).toBe("steps");

    // The poster: only a PDF actually served to a signed-in member counts.
    expect(await downloadPoster(n, null)).toMatchObject({ status: 401 });
    expect(await downloadPoster(n, n.ctx("STAFF"), "cmnotaprogram0000000001")).toMatchObject({ status: 404 });
    expect(facts(await getOverview(n.ctx())).poster).toBe(false);
    expect(await downloadPoster(n, n.ctx("STAFF"))).toEqual({ status: 200, type: "application/pdf" });
    const first = (await db().organization.findUniqueOrThrow({ where: { id: n.org.id } })).posterDownloadedAt;
    expect(Date.now() - first!.getTime()).toBeLessThan(60_000);
    expect(facts(await getOverview(n.ctx())).poster).toBe(true);

    // The tablet: paired by code.
    const code = await createPairing(n.ctx(), { locationId: n.location.id });
    await pairByCode({ code: code.code }, "203.0.113.7");
    expect(facts(await getOverview(n.ctx()))).toMatchObject({ tablet: true, stamp: false });
    expect((await getOverview(n.ctx())).checklist.visible).toBe("steps");

    // The first stamp, on a tablet: every required step is done.
    const t = await tablet(n, "1357");
    const card = await newCard(n);
    await applyCardAction(t.sessionToken, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: randomUUID() });
    const done = await getOverview(n.ctx());
    expect(facts(done)).toMatchObject({ location: true, card: true, poster: true, tablet: true, stamp: true, team: true });
    expect(done.checklist.visible).toBe("ready");
    // A day later the checklist is gone altogether.
    expect((await getOverview(n.ctx(), new Date(Date.now() + 25 * 3600_000))).checklist.visible).toBe("hidden");
  });

  it("links to a new card when there is none, and asks to publish a draft", async () => {
    const n = await makeMerchant("Zonder kaart", { customers: 0 });
    await db().cardProgram.delete({ where: { id: n.program.id } });
    const none = await getOverview(n.ctx());
    expect(facts(none)).toMatchObject({ card: false, poster: false });
    expect(links(none)).toMatchObject({ card: "/dashboard/cards/new", poster: "/dashboard/cards/new" });
    const draft = await db().cardProgram.create({ data: { organizationId: n.org.id, name: "Concept", stampsRequired: 8, rewardText: "Taart" } });
    const drafted = await getOverview(n.ctx());
    expect(facts(drafted).card).toBe(false);
    expect(links(drafted)).toMatchObject({ card: `/dashboard/cards/${draft.id}`, poster: `/dashboard/cards/${draft.id}` });
  });

  it("is not shown to the demo merchant, whose shop has run for months", async () => {
    const { organizationId } = await seedDemo(db());
    const owner = await db().user.findUniqueOrThrow({ where: { email: DEMO.owner } });
    const o = await getOverview({ orgId: organizationId, userId: owner.id, role: "OWNER" });
    expect(facts(o)).toEqual({ location: true, card: true, poster: true, tablet: true, stamp: true, team: true });
    expect(o.checklist.visible).toBe("hidden");
  }, 120_000);
});

describe("rewards waiting", () => {
  it("counts the cards with a reward ready, per reward name, main and intermediate apart", async () => {
    const r = await makeMerchant("Beloningen", { customers: 0 });
    const cake = await db().cardProgram.create({
      data: { organizationId: r.org.id, name: "Taartkaart", stampsRequired: 6, rewardText: "Gratis taart", status: "PUBLISHED", intermediateStamp: null },
    });
    const counters = async (programId: string, rewardsAvailable: number, intermediateAvailable: number, erased = false) => {
      const card = await newCard(r);
      await db().card.update({
        where: { id: card.id },
        data: { programId, rewardsAvailable, intermediateAvailable, erasedAt: erased ? new Date() : null },
      });
    };
    expect((await getOverview(r.ctx())).rewardsWaiting).toEqual([]);
    await counters(r.program.id, 2, 0); // two coffees on one card: one card
    await counters(r.program.id, 1, 1);
    await counters(r.program.id, 0, 1);
    await counters(r.program.id, 0, 0);
    await counters(r.program.id, 3, 3, true); // erased: not counted
    await counters(cake.id, 1, 0);
    expect((await getOverview(r.ctx())).rewardsWaiting).toEqual([
      { kind: "main", reward: r.program.rewardText, cards: 2 },
      { kind: "intermediate", reward: r.program.intermediateRewardText, cards: 2 },
      { kind: "main", reward: "Gratis taart", cards: 1 },
    ]);
  });
});

/** The provider's props: Dutch, the real messages, around `children`. */
const intl = (children: ReactNode) => ({ locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children });

describe("the dashboard home", () => {
  /** The home page as the signed-in member sees it: the elements with a data-testid, as text. */
  async function home(m: Merchant) {
    session.current = { ctx: m.ctx(), user: { name: "Fatima Ouali" } };
    const { default: DashboardHome } = await import("@/app/(dashboard)/dashboard/page");
    const el = await DashboardHome();
    session.current = null;
    const html = renderToStaticMarkup(createElement(NextIntlClientProvider, intl(el)));
    const text = (id: string) =>
      [...html.matchAll(new RegExp(`<(\\w+)[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, "g"))].map((x) =>
        x[2]
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .trim(),
      );
    return { html, text };
  }

  it("shows the steps with their links, then nothing; and the rewards waiting by name", async () => {
    const n = await makeMerchant("Thuisbasis", { customers: 0 });
    const start = await home(n);
    expect(start.text("checklist")[0]).toMatch(/^Aan de slag Nog 3 stappen/);
    expect(start.html).toContain('data-testid="checklist-step-poster" data-done="false"');
    expect(start.html).toContain(`href="/dashboard/cards/${n.program.id}/share"`);
    expect(start.text("reward-waiting")).toEqual([]);
    const card = await newCard(n);
    await db().card.update({ where: { id: card.id }, data: { rewardsAvailable: 1 } });
    expect((await home(n)).text("reward-waiting")).toEqual(["1 kaart Gratis koffie naar keuze hoofdbeloning"]);

    await db().organization.update({ where: { id: n.org.id }, data: { posterDownloadedAt: new Date(Date.now() - 3 * 86_400_000) } });
    await db().device.create({
      data: {
        organizationId: n.org.id,
        locationId: n.location.id,
        name: "Tablet 1",
        tokenHash: `t-${n.org.id}`,
        createdAt: new Date(Date.now() - 3 * 86_400_000),
      },
    });
    await db().cardEvent.create({
      data: { organizationId: n.org.id, cardId: card.id, type: "STAMP", amount: 1, createdAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    const done = await home(n);
    expect(done.text("checklist")).toEqual([]);
    expect(done.text("checklist-ready")).toEqual([]);
  });
});
