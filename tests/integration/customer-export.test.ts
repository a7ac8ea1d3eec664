// Issue 13: CSV export of the customer list's filter through GET
// /api/customers/export — UTF-8 with BOM, ";" (default) or ",", accents intact
// in a CSV parser, the consent columns in a marketing export, only the list's
// filter and only this merchant's customers, streamed in batches, managers and
// owners only (staff 403), and every export in the audit trail.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { BATCH, safeCell } from "@/lib/customers/export";
import type { TenantContext } from "@/lib/tenancy/context";
import { makeMerchant, type Merchant } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { ctx: TenantContext } }));
vi.mock("@/lib/auth/session", () => ({ currentTenant: async () => session.current }));
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
const { GET } = await import("@/app/api/customers/export/route");

let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  a = await makeMerchant("Exportcafé", { customers: 2 });
  b = await makeMerchant("Ander café", { customers: 1 });
  await db().customer.create({
    data: {
      organizationId: a.org.id,
      name: "Anaïs Müller-Ødegård",
      email: "anais@example.nl",
      phone: "+31612345678",
      note: 'Drinkt café crème; houdt van "extra" schuim',
      marketingConsent: true,
      marketingConsentAt: new Date("2026-03-01T09:30:00Z"),
      termsAcceptedAt: new Date("2026-03-01T09:30:00Z"),
    },
  });
  await db().customer.create({ data: { organizationId: a.org.id, name: '=HYPERLINK("http://evil")', marketingConsent: false } });
  await db().customer.create({ data: { organizationId: b.org.id, name: "Anaïs van Ander café" } });
});

const as = (m: Merchant, role: TenantContext["role"]) => (session.current = { ctx: m.ctx(role) });
const get = (query = "") => GET(new Request(`http://localhost/api/customers/export${query ? `?${query}` : ""}`));

async function csv(res: Response) {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { bytes, text };
}

describe("customer export", () => {
  it("is refused without a session (401) and to staff (403), and not recorded", async () => {
    session.current = null;
    expect((await get()).status).toBe(401);
    as(a, "STAFF");
    const res = await get();
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: "FORBIDDEN" });
    expect(await db().auditEvent.count({ where: { organizationId: a.org.id, action: "customer.export" } })).toBe(0);
  });

  it("gives UTF-8 with a BOM and ';' by default, accents intact in a CSV parser, only this merchant's customers", async () => {
    as(a, "MANAGER");
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="klanten-\d{4}-\d{2}-\d{2}\.csv"$/);
    const { bytes, text } = await csv(res);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(text, { bom: true, delimiter: ";" });
    expect(rows[0].slice(0, 3)).toEqual(["Naam", "E-mailadres", "Telefoonnummer"]);
    expect(rows[0]).not.toContain("Toestemming berichten");
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain("Anaïs Müller-Ødegård");
    expect(names).not.toContain("Anaïs van Ander café");
    expect(rows).toHaveLength(1 + 4);
    const anais = rows.find((r) => r[0] === "Anaïs Müller-Ødegård")!;
    expect(anais[rows[0].indexOf("Notitie")]).toBe('Drinkt café crème; houdt van "extra" schuim');
    expect(anais[rows[0].indexOf("Telefoonnummer")]).toBe("+31612345678");
    // A name that is a formula is written as text.
    expect(names).toContain(`'=HYPERLINK("http://evil")`);
  });

  it("uses ',' on request and adds the consent columns to a marketing export", async () => {
    as(a, "OWNER");
    const { text } = await csv(await get("sep=comma&marketing=1"));
    const rows: string[][] = parse(text, { bom: true, delimiter: "," });
    const header = rows[0];
    expect(header.slice(-3)).toEqual(["Toestemming berichten", "Toestemming gegeven op", "Voorwaarden geaccepteerd op"]);
    const anais = rows.find((r) => r[0] === "Anaïs Müller-Ødegård")!;
    // Amsterdam time (UTC+1 in March).
    expect(anais.slice(-3)).toEqual(["ja", "2026-03-01 10:30", "2026-03-01 10:30"]);
    expect(rows.find((r) => r[0].startsWith("'=HYPERLINK"))!.at(-3)).toBe("nee");
  });

  it("exports the list's filter (search and consent), includes consent columns when filtering on consent, and records who, what and how many", async () => {
    as(a, "MANAGER");
    const before = new Date();
    const res = await get("q=anais&consent=yes&sort=name&page=3");
    expect(res.headers.get("X-Export-Rows")).toBe("1");
    const rows: string[][] = parse((await csv(res)).text, { bom: true, delimiter: ";" });
    expect(rows.map((r) => r[0])).toEqual(["Naam", "Anaïs Müller-Ødegård"]);
    expect(rows[0]).toContain("Toestemming berichten");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organizationId: a.org.id, action: "customer.export" }, orderBy: { createdAt: "desc" } });
    expect(audit.actorUserId).toBe(a.owner.id);
    expect(audit.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(audit.details).toMatchObject({ filter: { q: "anais", consent: "yes" }, rows: 1, marketing: true, separator: ";" });
  });

  it("streams a large list in batches: every customer exactly once", async () => {
    const many = await makeMerchant("Grote zaak", { customers: 0 });
    const n = BATCH * 2 + 7;
    const at = Date.now() - 3600_000;
    await db().customer.createMany({
      // Equal join times for half of them: the keyset must still not skip or repeat anyone.
      data: Array.from({ length: n }, (_, i) => ({ organizationId: many.org.id, name: `Klant ${i}`, createdAt: new Date(at + (i % 2 ? i : 0)) })),
    });
    as(many, "OWNER");
    const res = await get();
    expect(res.headers.get("X-Export-Rows")).toBe(String(n));
    const rows: string[][] = parse((await csv(res)).text, { bom: true, delimiter: ";" });
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toHaveLength(n);
    expect(new Set(names).size).toBe(n);
  });

  it("quotes cells a spreadsheet would run as a formula", () => {
    expect(safeCell("=1+1")).toBe("'=1+1");
    expect(safeCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(safeCell("José")).toBe("José");
    expect(safeCell(null)).toBe("");
  });
});
