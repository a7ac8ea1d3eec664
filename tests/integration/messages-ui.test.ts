// Issue 15, Berichten's server actions and the progress route against a real
// database: bad input gives field errors (a result, never a throw), staff are
// turned away, the progress poll is tenant-scoped (another merchant's campaign
// is a 404), saved customer-list filters (save, replace, delete, undo), the
// weekly cap setting, cancelling a scheduled campaign, the email preview, and
// the list page's empty state and rows.
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { nl } from "@/lib/i18n/messages";
import type { TenantContext } from "@/lib/tenancy/context";
import { makeMerchant, type Merchant } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext; organization: unknown; user: unknown } }));
vi.mock("@/lib/auth/session", () => ({
  requireTenant: async () => session.current ?? Promise.reject(new Error("signed out")),
  currentTenant: async () => session.current,
}));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: vi.fn(), refresh: vi.fn(), push: vi.fn() }),
  usePathname: () => "/dashboard/campaigns",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const actions = await import("@/app/actions/messages");
const { GET: progressGET } = await import("@/app/api/campaigns/[id]/progress/route");
const { default: CampaignsPage } = await import("@/app/(dashboard)/dashboard/campaigns/page");
const { default: NewCampaignPage } = await import("@/app/(dashboard)/dashboard/campaigns/new/page");
const { default: CampaignPage } = await import("@/app/(dashboard)/dashboard/campaigns/[id]/page");

let a: Merchant;
let b: Merchant;

const as = async (m: Merchant | null, role: TenantContext["role"] = "MANAGER") => {
  session.current = m ? { ctx: m.ctx(role), organization: await db().organization.findUniqueOrThrow({ where: { id: m.org.id } }), user: {} } : null;
};
const progress = (id: string) => progressGET(new Request(`http://localhost/api/campaigns/${id}/progress`), { params: Promise.resolve({ id }) });

const campaign = (over: Record<string, unknown> = {}) => ({
  name: "Herfstactie",
  titleNl: "Nieuw: pompoentaart",
  bodyNl: "Hoi {naam}, kom proeven!",
  audience: { kind: "all" },
  scheduleAt: "2099-10-01T10:00",
  ...over,
});

const render = (el: ReactNode) =>
  renderToStaticMarkup(
    // eslint-disable-next-line react/no-children-prop
    createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: el }),
  );

beforeAll(async () => {
  a = await makeMerchant("Berichtencafé", { customers: 3 });
  b = await makeMerchant("Ander café", { customers: 2 });
});

describe("campaign actions", () => {
  it("bad input is a result with field errors, never a throw, and nothing is stored", async () => {
    await as(a);
    const r = await actions.createCampaignAction(
      campaign({ titleNl: "", link: "http://niet-veilig.nl", bonusStamps: 2, audience: { kind: "tag", value: "" } }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe("validation.VALIDATION");
    expect(r.fieldErrors).toMatchObject({ titleNl: ["required"], link: ["badLink"], bonusUntilDay: ["bonusUntilRequired"] });
    expect(Object.keys(r.fieldErrors ?? {})).toContain("audience.value");
    const junk = await actions.createCampaignAction("not an object");
    expect(junk.ok).toBe(false);
    expect(await db().campaign.count({ where: { organizationId: a.org.id } })).toBe(0);
  });

  it("a time already past is refused next to the schedule field", async () => {
    await as(a);
    const r = await actions.createCampaignAction(campaign({ scheduleAt: "2020-01-01T10:00" }));
    expect(r).toMatchObject({ ok: false, fieldErrors: { scheduleAt: ["scheduleInPast"] } });
  });

  it("staff are turned away, signed-out users too", async () => {
    await as(a, "STAFF");
    expect(await actions.createCampaignAction(campaign())).toMatchObject({ ok: false, error: "errors.FORBIDDEN" });
    expect(await actions.messageReachAction({ kind: "all" })).toMatchObject({ ok: false, error: "errors.FORBIDDEN" });
    await as(null);
    expect(await actions.createCampaignAction(campaign())).toMatchObject({ ok: false, error: "errors.UNAUTHENTICATED" });
  });

  it("schedules a campaign; cancelling it works once, another merchant cannot", async () => {
    await as(a);
    const r = await actions.createCampaignAction(campaign());
    expect(r).toMatchObject({ ok: true, data: { status: "SCHEDULED" } });
    if (!r.ok) return;
    await as(b);
    expect(await actions.cancelCampaignAction(r.data.id)).toMatchObject({ ok: false, error: "errors.NOT_FOUND" });
    expect(await actions.cancelCampaignAction({ id: { not: "x" } })).toMatchObject({ ok: false, error: "errors.NOT_FOUND" });
    await as(a);
    expect(await actions.cancelCampaignAction(r.data.id)).toMatchObject({ ok: true });
    expect((await db().campaign.findUniqueOrThrow({ where: { id: r.data.id } })).status).toBe("CANCELLED");
    expect((await actions.cancelCampaignAction(r.data.id)).ok).toBe(false);
  });

  it("deliverability of an audience adds up to its customers; a bad audience is a validation result", async () => {
    await as(a);
    const r = await actions.messageReachAction({ kind: "all" });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const { total, ...buckets } = r.data;
      expect(total).toBe(3);
      expect(Object.values(buckets).reduce((s, n) => s + n, 0)).toBe(3);
    }
    expect(await actions.messageReachAction({ kind: "segment", value: "NOPE" })).toMatchObject({ ok: false, error: "validation.VALIDATION" });
  });

  it("the email preview is the real template's html", async () => {
    await as(a);
    const r = await actions.emailPreviewAction({ locale: "nl", title: "Pompoentaart", body: "Hoi Sanne, kom proeven!" });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.subject).toContain("Pompoentaart");
      expect(r.data.html).toContain("kom proeven");
    }
    expect((await actions.emailPreviewAction({ locale: "de", title: "x", body: "y" })).ok).toBe(false);
  });
});

describe("the progress route", () => {
  it("answers the merchant's own campaign, 404 for another merchant's or a made-up id, 401/403 without a manager", async () => {
    await as(a);
    const r = await actions.createCampaignAction(campaign({ name: "Voor de voortgang" }));
    if (!r.ok) throw new Error("not created");
    const own = await progress(r.data.id);
    expect(own.status).toBe(200);
    expect(own.headers.get("Cache-Control")).toContain("no-store");
    expect(await own.json()).toMatchObject({ status: "SCHEDULED", total: 0, queued: 0, delivered: 0 });

    await as(b);
    const other = await progress(r.data.id);
    expect(other.status).toBe(404);
    expect(JSON.stringify(await other.json())).not.toContain("Voor de voortgang");
    expect((await progress("x' OR 1=1 --")).status).toBe(404);
    expect((await progress("ckxxxxxxxxxxxxxxxxxxxxxxx")).status).toBe(404);

    await as(a, "STAFF");
    expect((await progress(r.data.id)).status).toBe(403);
    await as(null);
    expect((await progress(r.data.id)).status).toBe(401);
  });
});

describe("saved filters", () => {
  it("saves the list's filter by name, the same name replaces it, and the list shows it", async () => {
    await as(a);
    const first = await actions.saveFilterAction({ name: "  Vaste   klanten ", query: "tag=VIP&sort=name&page=3" });
    expect(first).toMatchObject({ ok: true, data: { name: "Vaste klanten" } });
    const again = await actions.saveFilterAction({ name: "Vaste klanten", query: "segment=AT_RISK" });
    expect(again.ok).toBe(true);
    const list = await actions.listFiltersAction();
    expect(list.ok && list.data.map((f) => [f.name, f.filter])).toEqual([["Vaste klanten", { segment: "AT_RISK" }]]);
    await as(b);
    const other = await actions.listFiltersAction();
    expect(other.ok && other.data).toEqual([]);
  });

  it("refuses an empty name and an empty filter with a field error", async () => {
    await as(a);
    expect(await actions.saveFilterAction({ name: "  ", query: "tag=VIP" })).toMatchObject({ ok: false, fieldErrors: { name: ["required"] } });
    expect(await actions.saveFilterAction({ name: "Alles", query: "sort=name" })).toMatchObject({ ok: false, fieldErrors: { query: ["filterEmpty"] } });
    expect((await actions.saveFilterAction(null)).ok).toBe(false);
  });

  it("deletes (only the merchant's own) and undo saves it back", async () => {
    await as(a);
    const saved = await actions.saveFilterAction({ name: "Weg ermee", query: "reward=yes" });
    if (!saved.ok) throw new Error("not saved");
    await as(b);
    expect(await actions.deleteFilterAction(saved.data.id)).toMatchObject({ ok: false, error: "errors.NOT_FOUND" });
    await as(a);
    expect(await actions.deleteFilterAction(saved.data.id)).toMatchObject({ ok: true });
    expect(await db().savedCustomerFilter.count({ where: { id: saved.data.id } })).toBe(0);
    expect((await actions.saveFilterAction({ name: "Weg ermee", query: "reward=yes" })).ok).toBe(true);
    expect(await db().savedCustomerFilter.count({ where: { organizationId: a.org.id, name: "Weg ermee" } })).toBe(1);
  });
});

describe("the weekly message cap", () => {
  it("saves 0–14 for managers; anything else is a field error", async () => {
    await as(a);
    expect(await actions.setMessageCapAction({ cap: "3" })).toMatchObject({ ok: true, data: { cap: 3 } });
    expect((await db().organization.findUniqueOrThrow({ where: { id: a.org.id } })).messageCapPerWeek).toBe(3);
    for (const bad of ["", "abc", "15", "-1", "2.5"]) {
      expect(await actions.setMessageCapAction({ cap: bad })).toMatchObject({ ok: false, fieldErrors: { cap: ["capRange"] } });
    }
    expect((await db().organization.findUniqueOrThrow({ where: { id: a.org.id } })).messageCapPerWeek).toBe(3);
    expect((await db().organization.findUniqueOrThrow({ where: { id: b.org.id } })).messageCapPerWeek).toBe(2);
    await as(a, "STAFF");
    expect(await actions.setMessageCapAction({ cap: "5" })).toMatchObject({ ok: false, error: "errors.FORBIDDEN" });
  });
});

describe("the Berichten list page", () => {
  it("explains Berichten with a big 'Nieuw bericht' when there are none; lists campaigns with their status otherwise", async () => {
    await as(b);
    const empty = render(await CampaignsPage());
    expect(empty).toContain('data-testid="campaigns-empty"');
    expect(empty).toContain("Nieuw bericht");
    expect(empty).toContain('data-testid="message-cap-form"');
    await as(a);
    const html = render(await CampaignsPage());
    expect(html).toContain('data-testid="campaign-list"');
    expect(html).toContain("Voor de voortgang");
    expect(html).toMatch(/data-status="SCHEDULED"[^>]*>Gepland/);
    expect(html).not.toContain("Ander café");
  });
});

describe("the composer and campaign pages", () => {
  it("opens the composer for the customer list it came from, with every part on the page", async () => {
    await as(a);
    const html = render(await NewCampaignPage({ searchParams: Promise.resolve({ audience: "filter", filter: "tag=VIP" }) }));
    for (const id of [
      "composer",
      "composer-name",
      "composer-titleNl",
      "composer-bodyNl",
      "composer-add-en",
      "audience-picker",
      "reach-panel",
      "message-previews",
      "composer-send",
    ]) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(html).toMatch(/<option value="filter" selected="">De klantenlijst waar je vandaan kwam/);
    expect(html).toContain('href="/dashboard/customers?tag=VIP"');
  });

  it("shows a scheduled campaign with its cancel button; another merchant's is not found", async () => {
    await as(a);
    const c = await db().campaign.findFirstOrThrow({ where: { organizationId: a.org.id, name: "Voor de voortgang" } });
    const html = render(await CampaignPage({ params: Promise.resolve({ id: c.id }) }));
    expect(html).toContain('data-testid="campaign-cancel"');
    expect(html).toContain("Gepland voor");
    expect(html).toContain("Europe/Amsterdam");
    await as(b);
    await expect(CampaignPage({ params: Promise.resolve({ id: c.id }) })).rejects.toThrow("NEXT_NOT_FOUND");
  });

  it("shows a sent campaign's report: per outcome and channel, and 'nog te weinig data' for a small holdout", async () => {
    await as(a);
    const started = new Date(Date.now() - 20 * 86_400_000);
    const c = await db().campaign.create({
      data: {
        organizationId: a.org.id,
        name: "Verstuurd",
        titleNl: "Hoi",
        bodyNl: "Kom langs",
        audience: { kind: "all" },
        holdoutPercent: 10,
        status: "SENT",
        startedAt: started,
        finishedAt: started,
      },
    });
    const [c0, c1, c2] = a.histories.map((h) => h.customer.id);
    await db().delivery.createMany({
      data: [
        { organizationId: a.org.id, campaignId: c.id, customerId: c0, status: "DELIVERED", channel: "APPLE" },
        { organizationId: a.org.id, campaignId: c.id, customerId: c1, status: "FAILED", channel: "EMAIL" },
        { organizationId: a.org.id, campaignId: c.id, customerId: c2, status: "HOLDOUT" },
      ],
    });
    const html = render(await CampaignPage({ params: Promise.resolve({ id: c.id }) }));
    expect(html).toContain('data-testid="campaign-report"');
    expect(html).toMatch(/data-testid="report-status-delivered" data-count="1"/);
    expect(html).toMatch(/data-testid="report-status-holdout" data-count="1"/);
    expect(html).toMatch(/data-testid="report-channel-APPLE" data-count="1"/);
    expect(html).toMatch(/data-testid="report-channel-EMAIL" data-count="0" data-failed="1"/);
    expect(html).toContain('data-testid="report-visits-7-too-little"');
    expect(html).toContain("Nog te weinig data");
    expect(html).toMatch(/data-testid="progress-failed" data-count="1"/);
    expect(html).not.toContain('data-testid="campaign-cancel"');
  });
});
