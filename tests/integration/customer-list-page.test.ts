// Issue 13: dashboard → Klanten, the page's server output against a real
// database for a hand-built merchant — the total, a search that narrows the
// rows, sort links, pagination, empty states, the bulk tag action, staff turned
// away with a sentence, and another organization's customers never shown.
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { nl } from "@/lib/i18n/messages";
import type { TenantContext } from "@/lib/tenancy/context";
import { makeMerchant, newCard, type Merchant } from "./helpers";

// ---- Next's request scope, stood in for: the signed-in member, translations, navigation ----
const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext; organization: unknown; user: unknown } }));
vi.mock("@/lib/auth/session", () => ({
  requireTenant: async () => session.current ?? Promise.reject(new Error("signed out")),
  currentTenant: async () => session.current,
}));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: vi.fn(), refresh: vi.fn(), push: vi.fn() }),
  usePathname: () => "/dashboard/customers",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const render = (el: ReactNode) =>
  renderToStaticMarkup(
    // eslint-disable-next-line react/no-children-prop
    createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: el }),
  );
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
const byTestId = (html: string, id: string) =>
  [...html.matchAll(new RegExp(`<(\\w+)[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</\\1>`, "g"))].map((m) => text(m[2]));
/** The rows' names, in order. */
const names = (html: string) => [...html.matchAll(/<tr data-testid="customer-row" data-id="[^"]+"[^>]*>[\s\S]*?<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
const rowIds = (html: string) => [...html.matchAll(/<tr data-testid="customer-row" data-id="([^"]+)"/g)].map((m) => m[1]);
/** The href of the link with this data-testid. */
const hrefOf = (html: string, testId: string) =>
  html
    .match(new RegExp(`<a [^>]*data-testid="${testId}"[^>]*>`))?.[0]
    .match(/href="([^"]*)"/)?.[1]
    .replace(/&amp;/g, "&");

let m: Merchant;
let other: Merchant;
const ids: Record<string, string> = {};
const signIn = (role: TenantContext["role"] = "OWNER", who: Merchant = m) => {
  session.current = { ctx: who.ctx(role), organization: who.org, user: who.owner };
};

async function page(search: Record<string, string> = {}) {
  const { default: CustomersPage } = await import("@/app/(dashboard)/dashboard/customers/page");
  return render(await CustomersPage({ searchParams: Promise.resolve(search) }));
}

beforeAll(async () => {
  m = await makeMerchant("Koffiebar Lijst", { customers: 0 });
  other = await makeMerchant("Andere Zaak", { customers: 0 });
  const centrum = m.location;
  const people = [
    { name: "Anna Bakker", joined: "2026-01-10T10:00:00Z", visit: "2026-03-01T09:00:00Z", rewards: 1, tag: "VIP" },
    { name: "Bram de Vries", joined: "2026-02-10T10:00:00Z", visit: "2026-03-05T09:00:00Z", rewards: 0 },
    { name: "Carla Jansen", joined: "2026-03-10T10:00:00Z", visit: null, rewards: 0 },
  ];
  for (const p of people) {
    const card = await newCard(m, p.name);
    ids[p.name] = card.customerId;
    await db().card.update({ where: { id: card.id }, data: { stampCount: 4, rewardsAvailable: p.rewards } });
    await db().customer.update({
      where: { id: card.customerId },
      data: { createdAt: new Date(p.joined), lastVisitAt: p.visit ? new Date(p.visit) : null, lastVisitLocationId: p.visit ? centrum.id : null },
    });
    if (p.tag) await db().customerTag.create({ data: { organizationId: m.org.id, customerId: card.customerId, tag: p.tag } });
  }
  // A look-alike at another business.
  const theirs = await newCard(other, "Anna Bakkerij");
  ids.theirs = theirs.customerId;
});

describe("Klanten, the list page", () => {
  it("shows the total and every customer with real column headers, each row linking to the customer", async () => {
    signIn();
    const html = await page();
    expect(byTestId(html, "customer-total")).toEqual(["3 klanten"]);
    expect(names(html)).toEqual(["Carla Jansen", "Bram de Vries", "Anna Bakker"]); // newest first
    expect([...html.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((x) => text(x[1]).replace(/[↑↓↕]/g, "").trim())).toEqual([
      "Naam",
      "Kaart & stempels",
      "Beloning klaar",
      "Laatste bezoek",
      "Bron",
      "Klant sinds",
      "Tags",
    ]);
    expect(html).toContain(`href="/dashboard/customers/${ids["Anna Bakker"]}"`);
    const anna = [...html.matchAll(/<tr data-testid="customer-row"[^>]*>([\s\S]*?)<\/tr>/g)].map((x) => text(x[1])).find((r) => r.startsWith("Anna Bakker"))!;
    expect(anna).toContain("Koffiekaart: 4 van 10");
    expect(anna).toContain("1× Gratis koffie naar keuze");
    expect(anna).toContain("VIP");
    expect(anna).toContain("Koffiebar Lijst centrum");
    expect(html).toContain('data-testid="customer-search"');
    expect(html).toContain('data-testid="customer-filters"');
    const form = html.match(/<form [^>]*data-testid="customer-filters"[^>]*>/)![0];
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/dashboard/customers"');
    expect(form).toMatch(/novalidate/i);
    expect(hrefOf(html, "customer-import-link")).toBe("/dashboard/customers/import");
    expect(html).toContain('data-testid="customer-bulk-tag"');
    expect(html).toContain('data-testid="customer-export"');
  });

  it("a search narrows the rows and says how many of all customers it found", async () => {
    signIn();
    const html = await page({ q: "bakker" });
    expect(names(html)).toEqual(["Anna Bakker"]);
    expect(byTestId(html, "customer-total")).toEqual(["1 van 3 klanten"]);
    expect(html.match(/<input [^>]*data-testid="customer-search"[^>]*>/)![0]).toContain('value="bakker"');
    // The export and the bulk tag act on this same search.
    expect(html).toContain('name="query" value="q=bakker"');
    expect(html).toContain("/api/customers/export?q=bakker");
  });

  it("sortable headers are links that keep the filters, start in the column's natural order and turn around", async () => {
    signIn();
    let html = await page({ q: "a" });
    expect(hrefOf(html, "customer-sort-name")).toBe("/dashboard/customers?q=a&sort=name");
    expect(hrefOf(html, "customer-sort-lastVisit")).toBe("/dashboard/customers?q=a&sort=lastVisit");
    expect(hrefOf(html, "customer-sort-joined")).toBe("/dashboard/customers?q=a&dir=asc"); // sorted newest first now
    expect(html).toMatch(/<th scope="col"[^>]*aria-sort="descending"[^>]*><a [^>]*data-testid="customer-sort-joined"/);

    html = await page({ sort: "name" });
    expect(names(html)).toEqual(["Anna Bakker", "Bram de Vries", "Carla Jansen"]);
    expect(html).toMatch(/aria-sort="ascending"[^>]*><a [^>]*data-testid="customer-sort-name"/);
    expect(hrefOf(html, "customer-sort-name")).toBe("/dashboard/customers?sort=name&dir=desc");
    html = await page({ sort: "lastVisit" });
    expect(names(html)).toEqual(["Bram de Vries", "Anna Bakker", "Carla Jansen"]); // never visited last
  });

  it("pages with previous / next and 'Pagina 2 van 2'; a page past the end shows the last", async () => {
    const big = await makeMerchant("Drukke Zaak", { customers: 0 });
    await db().customer.createMany({
      data: Array.from({ length: 27 }, (_, i) => ({ organizationId: big.org.id, name: `Gast ${String(i).padStart(2, "0")}` })),
    });
    signIn("OWNER", big);
    let html = await page({ sort: "name" });
    expect(byTestId(html, "customer-page")).toEqual(["Pagina 1 van 2"]);
    expect(rowIds(html)).toHaveLength(25);
    expect(html).toMatch(/<span aria-disabled="true"[^>]*data-testid="customer-page-prev"/);
    expect(hrefOf(html, "customer-page-next")).toBe("/dashboard/customers?sort=name&page=2");
    expect(hrefOf(html, "customer-page-size-50")).toBe("/dashboard/customers?sort=name&size=50");
    html = await page({ sort: "name", page: "2" });
    expect(names(html)).toEqual(["Gast 25", "Gast 26"]);
    expect(hrefOf(html, "customer-page-prev")).toBe("/dashboard/customers?sort=name");
    expect(html).toMatch(/<span aria-disabled="true"[^>]*data-testid="customer-page-next"/);
    // Sorting again starts at page 1.
    expect(hrefOf(html, "customer-sort-joined")).toBe("/dashboard/customers");
    html = await page({ sort: "name", page: "7" });
    expect(byTestId(html, "customer-page")).toEqual(["Pagina 2 van 2"]);
    expect(byTestId(await page({ size: "50" }), "customer-page")).toEqual(["Pagina 1 van 1"]);
  });

  it("filters by tag, card and reward; a card that no longer exists is named and dropped", async () => {
    signIn();
    expect(names(await page({ tag: "vip" }))).toEqual(["Anna Bakker"]);
    expect(names(await page({ reward: "no", sort: "name" }))).toEqual(["Bram de Vries", "Carla Jansen"]);
    expect(names(await page({ program: m.program.id, joinedFrom: "2026-02-01" }))).toEqual(["Carla Jansen", "Bram de Vries"]);
    const html = await page({ program: other.program.id });
    expect(rowIds(html)).toHaveLength(3);
    expect(text(html)).toContain("Deze keuze bestaat niet (meer) en is niet gebruikt.");
    expect(text(await page({ lastVisitFrom: "2026-02-31" }))).toContain("Deze datum klopt niet en is niet gebruikt.");
  });

  it("the form's empty fields go: the same list at its short address", async () => {
    signIn();
    await expect(page({ q: "anna", program: "", source: "", sort: "name" })).rejects.toThrow("NEXT_REDIRECT /dashboard/customers?q=anna&sort=name");
    await expect(page({ q: " " })).rejects.toThrow(/^NEXT_REDIRECT \/dashboard\/customers$/);
  });

  it("no match: 'Geen klanten gevonden' with a link that clears the filters (keeping the sort)", async () => {
    signIn();
    const html = await page({ q: "zzzqqq", sort: "name" });
    expect(rowIds(html)).toEqual([]);
    expect(byTestId(html, "customer-total")).toEqual(["0 van 3 klanten"]);
    expect(text(html)).toContain("Geen klanten gevonden");
    expect(html).toContain('href="/dashboard/customers?sort=name"');
  });

  it("another organization's customers never appear, not even when searched for", async () => {
    signIn();
    for (const q of [{}, { q: "Bakkerij" }, { q: "anna" }] as Record<string, string>[]) {
      const html = await page(q);
      expect(html).not.toContain("Anna Bakkerij");
      expect(rowIds(html)).not.toContain(ids.theirs);
    }
    signIn("OWNER", other);
    const html = await page();
    expect(names(html)).toEqual(["Anna Bakkerij"]);
  });

  it("staff get a sentence that the list is for managers, not the list or an error", async () => {
    signIn("STAFF");
    const html = await page({ q: "anna" });
    expect(byTestId(html, "customer-list-forbidden")[0]).toContain("alleen voor managers en de eigenaar");
    expect(html).not.toContain("Anna Bakker");
    expect(html).not.toContain("customer-row");
  });

  it("the bulk action tags exactly the customers in the current search; staff may not", async () => {
    const { addTagToListAction } = await import("@/app/(dashboard)/dashboard/customers/actions");
    const form = (query: string, tag: string) => {
      const f = new FormData();
      f.set("query", query);
      f.set("tag", tag);
      return f;
    };
    signIn("STAFF");
    expect(await addTagToListAction(null, form("q=vries", "Student"))).toMatchObject({ ok: false, error: "errors.FORBIDDEN" });
    signIn();
    expect(await addTagToListAction(null, form("q=vries&page=3&sort=name", "  "))).toMatchObject({ ok: false, fieldErrors: { tag: ["tagRequired"] } });
    expect(await addTagToListAction(null, form("q=vries&page=3&sort=name", "Student"))).toEqual({ ok: true, data: { added: 1 } });
    expect(names(await page({ tag: "student" }))).toEqual(["Bram de Vries"]);
    expect(names(await page({ q: "anna" }))).toEqual(["Anna Bakker"]);
    const theirTags = await db().customerTag.count({ where: { organizationId: other.org.id } });
    expect(theirTags).toBe(0);
  });
});

describe("a business without customers", () => {
  it("points to the card's poster and to importing", async () => {
    const empty = await makeMerchant("Nieuwe Zaak", { customers: 0 });
    signIn("MANAGER", empty);
    const html = await page();
    expect(text(byTestId(html, "customer-list-empty").join(" "))).toContain("Nog geen klanten");
    expect(html).toContain(`href="/dashboard/cards/${empty.program.id}/share"`);
    expect(html).toContain('href="/dashboard/customers/import"');
    expect(html).not.toContain('data-testid="customer-filters"');
  });
});
