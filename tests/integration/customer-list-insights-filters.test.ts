// Issue 14: the customer list narrowed to an Insights group — ?segment= (RFM),
// ?rung= (loyalty ladder), ?cell= (loyalty matrix), the links from Inzichten.
// Parsed as enums (anything else is dropped and said so), answered from
// CustomerScore for the list, its total, the CSV export and the bulk tag
// alike, shown as removable chips with their Dutch names; another merchant's
// customers in the same group never appear.
import { parse } from "csv-parse/sync";
import pg from "pg";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { run } from "@/lib/db/sql";
import { ownerDb as db } from "@/lib/db/owner";
import { filteredCustomers, resolveFilter, SMALL_GROUP } from "@/lib/customers/customer-filter";
import { listCustomers } from "@/lib/customers/list-customers";
import { addTagToFiltered } from "@/lib/customers/tags";
import type { LoyaltyCell, LoyaltyRung, RfmSegment } from "@/lib/generated/prisma/enums";
import { nl } from "@/lib/i18n/messages";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { customerListSearch, isFiltered, parseCustomerListParams } from "@/lib/validation/customers";
import { makeMerchant, type Merchant } from "./helpers";

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
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
const names = (html: string) => [...html.matchAll(/<tr data-testid="customer-row" data-id="[^"]+"[^>]*>[\s\S]*?<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);

let a: Merchant;
let b: Merchant;

type Spec = { name: string; segment: RfmSegment | null; rung: LoyaltyRung; cell: LoyaltyCell | null; consent?: boolean };
// Merchant A (newest first in the list: Fleur, Eva, Daan, Chris, Bas, Anna):
const A: Spec[] = [
  { name: "Anna", segment: "CHAMPIONS", rung: "FAN", cell: "TRUE_LOYALTY", consent: true },
  { name: "Bas", segment: "CHAMPIONS", rung: "REGULAR", cell: "SPURIOUS" },
  { name: "Chris", segment: "AT_RISK", rung: "DORMANT", cell: "NONE", consent: true },
  { name: "Daan", segment: "LOST", rung: "DORMANT", cell: null },
  { name: "Eva", segment: null, rung: "NEW", cell: null },
  { name: "Fleur", segment: "CHAMPIONS", rung: "REGULAR", cell: null, consent: true },
];

async function seed(m: Merchant, specs: Spec[]) {
  for (const [i, s] of specs.entries()) {
    const c = await db().customer.create({
      data: { organizationId: m.org.id, name: s.name, marketingConsent: !!s.consent, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) },
    });
    await db().customerScore.create({
      data: {
        organizationId: m.org.id,
        customerId: c.id,
        visits: s.segment ? 5 : 0,
        visits90: 0,
        stamps: 5,
        spendCents: 0,
        recency: s.segment ? 3 : 0,
        frequency: s.segment ? 3 : 0,
        monetary: s.segment ? 3 : 0,
        segment: s.segment,
        engagement: 0,
        rung: s.rung,
        cell: s.cell,
        computedAt: new Date(),
      },
    });
  }
}

beforeAll(async () => {
  a = await makeMerchant("Groepen A", { customers: 0 });
  b = await makeMerchant("Groepen B", { customers: 0 });
  await seed(a, A);
  // Look-alikes at another business, in every group A filters on.
  await seed(b, [
    { name: "Anna B", segment: "CHAMPIONS", rung: "FAN", cell: "TRUE_LOYALTY", consent: true },
    { name: "Chris B", segment: "AT_RISK", rung: "DORMANT", cell: "NONE" },
  ]);
  // A customer who joined after the last refresh has no score yet: in no group.
  await db().customer.create({ data: { organizationId: a.org.id, name: "Gijs", createdAt: new Date(Date.UTC(2026, 0, 20)) } });
});

const list = async (qs: string, m: Merchant = a) => {
  const r = await listCustomers(m.ctx(), parseCustomerListParams(new URLSearchParams(qs)));
  return { names: r.rows.map((x) => x.name), total: r.total };
};

describe("parsing", () => {
  it("reads segment, rung and cell as their enums, keeps them in links, and drops anything else", () => {
    const p = parseCustomerListParams(new URLSearchParams("segment=CHAMPIONS&rung=DORMANT&cell=TRUE_LOYALTY"));
    expect([p.segment, p.rung, p.cell]).toEqual(["CHAMPIONS", "DORMANT", "TRUE_LOYALTY"]);
    expect(isFiltered(p)).toBe(true);
    expect(customerListSearch(p)).toBe("segment=CHAMPIONS&rung=DORMANT&cell=TRUE_LOYALTY");
    expect(customerListSearch(p, { rung: undefined })).toBe("segment=CHAMPIONS&cell=TRUE_LOYALTY");
    const bad = parseCustomerListParams(new URLSearchParams("segment=champions&rung=VIP&cell=TRUE_LOYALTY%27--"));
    expect([bad.segment, bad.rung, bad.cell, isFiltered(bad)]).toEqual([undefined, undefined, undefined, false]);
  });
});

describe("the list narrowed to a group", () => {
  it("by RFM segment, rung or matrix cell, with the total", async () => {
    expect(await list("segment=CHAMPIONS")).toEqual({ names: ["Fleur", "Bas", "Anna"], total: 3 });
    expect(await list("rung=DORMANT")).toEqual({ names: ["Daan", "Chris"], total: 2 });
    expect(await list("cell=TRUE_LOYALTY")).toEqual({ names: ["Anna"], total: 1 });
    expect(await list("rung=REGULAR&sort=name")).toEqual({ names: ["Bas", "Fleur"], total: 2 });
  });

  it("combined with each other, other filters and the search", async () => {
    expect(await list("segment=CHAMPIONS&rung=REGULAR")).toEqual({ names: ["Fleur", "Bas"], total: 2 });
    expect(await list("segment=CHAMPIONS&consent=yes")).toEqual({ names: ["Fleur", "Anna"], total: 2 });
    expect(await list("segment=CHAMPIONS&q=bas")).toEqual({ names: ["Bas"], total: 1 });
    expect(await list("segment=LOST&cell=NONE")).toEqual({ names: [], total: 0 });
  });

  it("an empty group is an empty list, not everyone", async () => {
    expect(await list("segment=CANNOT_LOSE")).toEqual({ names: [], total: 0 });
    expect(await list("rung=AMBASSADOR")).toEqual({ names: [], total: 0 });
  });

  it("a group larger than SMALL_GROUP (a semi-join, not a list of ids) finds the same customers", async () => {
    expect(SMALL_GROUP).toBeGreaterThanOrEqual(1000);
    const f = await withTenantTransaction(a.org.id, async (sql) => {
      const resolved = await resolveFilter(sql, a.org.id, { segment: "CHAMPIONS", rung: "REGULAR" });
      expect(resolved.scored?.length).toBe(2);
      // As a large group resolves: no ids, the condition reads CustomerScore itself.
      const large = { ...resolved, scored: undefined };
      return run(sql, filteredCustomers(a.org.id, large).select("c.name").orderBy("c.name"));
    });
    expect(f.map((r) => r.name)).toEqual(["Bas", "Fleur"]);
  });

  it("never shows another merchant's customers in the same group", async () => {
    expect(await list("segment=AT_RISK")).toEqual({ names: ["Chris"], total: 1 });
    expect(await list("segment=AT_RISK", b)).toEqual({ names: ["Chris B"], total: 1 });
    expect(await list("cell=TRUE_LOYALTY", b)).toEqual({ names: ["Anna B"], total: 1 });
  });
});

describe("customer_score_group_ids (the group lookup behind row-level security)", () => {
  it("answers nothing with no organization pinned, and only the pinned one's customers", async () => {
    const app = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
    try {
      const q = "SELECT c.name FROM customer_score_group_ids('CHAMPIONS', NULL, NULL) g JOIN \"Customer\" c ON c.id = g.id ORDER BY c.name";
      expect((await app.query("SELECT id FROM customer_score_group_ids('CHAMPIONS', NULL, NULL)")).rows).toEqual([]);
      for (const [m, names] of [
        [a, ["Anna", "Bas", "Fleur"]],
        [b, ["Anna B"]],
      ] as const) {
        await app.query("BEGIN");
        await app.query("SELECT set_config('app.org_id', $1, true)", [m.org.id]);
        expect((await app.query(q)).rows.map((r) => r.name)).toEqual(names);
        await app.query("ROLLBACK");
      }
      // By rung too (Chris and Daan).
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.org_id', $1, true)", [a.org.id]);
      const ids = (await app.query("SELECT id FROM customer_score_group_ids(NULL, 'DORMANT', NULL)")).rows.map((r) => r.id);
      expect(ids).toHaveLength(2);
      await app.query("ROLLBACK");
    } finally {
      await app.end();
    }
  });
});

describe("acting on the group", () => {
  it("the bulk tag reaches exactly the group", async () => {
    expect(await addTagToFiltered(a.ctx(), { rung: "DORMANT" }, "Terughalen")).toBe(2);
    const tagged = await db().customerTag.findMany({ where: { tag: "Terughalen" }, include: { customer: { select: { name: true } } } });
    expect(tagged.map((t) => t.customer.name).sort()).toEqual(["Chris", "Daan"]);
  });

  it("the CSV export holds exactly the group", async () => {
    session.current = { ctx: a.ctx("MANAGER"), organization: a.org, user: a.owner };
    const { GET } = await import("@/app/api/customers/export/route");
    const res = await GET(new Request("http://localhost/api/customers/export?segment=CHAMPIONS&sep=comma"));
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Export-Rows")).toBe("3");
    const rows = parse(new TextDecoder().decode(await res.arrayBuffer()).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Object.values(r)[0]).sort()).toEqual(["Anna", "Bas", "Fleur"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organizationId: a.org.id, action: "customer.export" }, orderBy: { createdAt: "desc" } });
    expect(audit.details).toMatchObject({ filter: { segment: "CHAMPIONS" }, rows: 3 });
  });
});

describe("the list page", () => {
  const page = async (search: Record<string, string>) => {
    session.current = { ctx: a.ctx("OWNER"), organization: a.org, user: a.owner };
    const { default: CustomersPage } = await import("@/app/(dashboard)/dashboard/customers/page");
    return render(await CustomersPage({ searchParams: Promise.resolve(search) }));
  };
  const chip = (html: string, key: string) => html.match(new RegExp(`<span [^>]*data-testid="filter-chip-${key}"[^>]*>([\\s\\S]*?)</span>`))?.[1];

  it("shows each group as a chip with its Dutch name that removes only itself, and keeps it when the form is sent", async () => {
    const html = await page({ segment: "CHAMPIONS", rung: "REGULAR", sort: "name" });
    expect(names(html)).toEqual(["Bas", "Fleur"]);
    expect(text(chip(html, "segment")!)).toBe("Klantgroep: Kampioenen ×");
    expect(text(chip(html, "rung")!)).toBe("Ladder: Vaste klant ×");
    const removeSegment = html.match(/<a [^>]*data-testid="filter-chip-remove-segment"[^>]*>/)![0];
    expect(removeSegment).toContain('href="/dashboard/customers?rung=REGULAR&amp;sort=name"');
    expect(removeSegment).toContain('aria-label="Filter weghalen: Klantgroep: Kampioenen"');
    // Inside the GET form: searching again keeps the group.
    const form = html.slice(html.indexOf('data-testid="customer-filters"'));
    expect(form).toContain('<input type="hidden" name="segment" value="CHAMPIONS"/>');
    expect(form).toContain('<input type="hidden" name="rung" value="REGULAR"/>');
    expect(text(html)).toContain("2 van 7 klanten");
  });

  it("names the matrix cell, and says so when a group in the link does not exist", async () => {
    expect(text(chip(await page({ cell: "SPURIOUS" }), "cell")!)).toBe("Matrix: Schijnbaar loyaal ×");
    const html = await page({ segment: "KAMPIOENEN" });
    expect(html).not.toContain('data-testid="filter-chip-segment"');
    expect(text(html.match(/<p [^>]*data-testid="filter-chip-ignored"[^>]*>([\s\S]*?)<\/p>/)![1])).toBe(nl.customers.list.filters.badValue);
    expect(names(html)).toHaveLength(7);
  });
});
