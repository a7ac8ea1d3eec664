// Invoices: gapless numbers per year under concurrency (a rolled-back invoice
// gives its number back), issued once per payment, and a PDF that says what it
// must (read back with pdfjs-dist): seller and buyer with KvK and BTW numbers,
// 21 % BTW, or "BTW verlegd" for an EU business; tenant-checked download.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { buildInvoicePdf, SELLER } from "@/lib/billing/invoice-pdf";
import { getInvoice, issueInvoice } from "@/lib/billing/invoices";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { appError, makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
let other: Merchant;
let k = 0;

beforeAll(async () => {
  m = await makeMerchant("Koffiebar Factuur");
  other = await makeMerchant("Andere Zaak");
  await db().organization.update({
    where: { id: m.org.id },
    data: {
      legalName: "Koffiebar Factuur B.V.",
      addressLine: "Lange Nieuwstraat 12",
      postalCode: "3512 PH",
      city: "Utrecht",
      kvkNumber: "12345678",
      vatNumber: "NL123456789B01",
    },
  });
});

async function paidPayment(x: Merchant, net = 3900, vat = 819) {
  return db().payment.create({
    data: {
      organizationId: x.org.id,
      molliePaymentId: `tr_test${++k}${Date.now()}`,
      kind: "RECURRING",
      status: "PAID",
      plan: "GROEI",
      interval: "MONTH",
      netCents: net,
      vatCents: vat,
      totalCents: net + vat,
      periodStart: new Date("2031-03-01T00:00:00Z"),
      periodEnd: new Date("2031-04-01T00:00:00Z"),
      description: "Stempel Groei (per maand)",
      paidAt: new Date(),
    },
  });
}
const issue = (x: Merchant, paymentId: string, at: Date) =>
  tenantDb({ orgId: x.org.id }).$transaction((tx, sql) => issueInvoice(tx, sql, x.org.id, paymentId, at));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl: path.resolve("node_modules/pdfjs-dist/standard_fonts") + "/",
  }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((i) => ("str" in i ? i.str : "")).join("\n");
}

describe("invoices", () => {
  it("numbers are gapless under concurrency, and a rolled-back invoice leaves no gap", async () => {
    const at = new Date("2031-03-15T12:00:00Z");
    const rows = await Promise.all(Array.from({ length: 20 }, (_, i) => paidPayment(i % 2 ? m : other)));
    const invoices = await Promise.all(rows.map((p) => issue(p.organizationId === m.org.id ? m : other, p.id, at)));
    expect(invoices.map((i) => i.number).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `2031-${String(i + 1).padStart(6, "0")}`));

    const doomed = await paidPayment(m);
    await expect(
      tenantDb({ orgId: m.org.id }).$transaction(async (tx, sql) => {
        await issueInvoice(tx, sql, m.org.id, doomed.id, at);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await issue(m, doomed.id, at)).number).toBe("2031-000021");
    // Issued once: a second call returns the same invoice.
    expect((await issue(m, doomed.id, at)).number).toBe("2031-000021");
    // A new year starts at 1.
    expect((await issue(m, (await paidPayment(m)).id, new Date("2032-01-01T00:00:00Z"))).number).toBe("2032-000001");
  });

  it("the PDF names seller and buyer with KvK and BTW numbers and shows 21 % BTW", async () => {
    const invoice = await issue(m, (await paidPayment(m)).id, new Date("2031-05-02T09:00:00Z"));
    const text = await pdfText(await buildInvoicePdf(invoice, "nl"));
    for (const s of [
      "Factuur",
      invoice.number,
      SELLER.name,
      `KvK ${SELLER.kvkNumber}`,
      `Btw-nummer ${SELLER.vatNumber}`,
      "Koffiebar Factuur B.V.",
      "Lange Nieuwstraat 12",
      "3512 PH Utrecht",
      "KvK 12345678",
      "Btw-nummer NL123456789B01",
      "Stempel Groei, per maand",
      "Btw 21%",
      "€ 39,00",
      "€ 8,19",
      "€ 47,19",
    ])
      expect(text.replace(/\u00a0/g, " ")).toContain(s);
    expect(text).not.toContain("verlegd");
  });

  it("reverse charge for an EU business: 0 % and the note, in English for an English-speaking merchant", async () => {
    await db().organization.update({ where: { id: other.org.id }, data: { vatNumber: "DE123456789", country: "DE", locale: "en" } });
    const invoice = await issue(other, (await paidPayment(other, 3900, 0)).id, new Date("2031-06-01T09:00:00Z"));
    expect(invoice).toMatchObject({ reverseCharge: true, vatRateBp: 0, vatCents: 0, totalCents: 3900 });
    const text = (await pdfText(await buildInvoicePdf(invoice, "en"))).replace(/\u00a0/g, " ");
    expect(text).toContain("VAT reverse charged (0%)");
    expect(text).toContain("Reverse charge: VAT to be accounted for by the recipient.");
    expect(text).toContain("VAT number DE123456789");
  });

  it("only the organization's owners and managers get its invoices", async () => {
    const invoice = await issue(m, (await paidPayment(m)).id, new Date("2031-07-01T09:00:00Z"));
    expect((await getInvoice(m.ctx("MANAGER"), invoice.id)).number).toBe(invoice.number);
    expect((await appError(getInvoice(m.ctx("STAFF"), invoice.id))).code).toBe("FORBIDDEN");
    expect((await appError(getInvoice(other.ctx(), invoice.id))).code).toBe("NOT_FOUND");
  });
});
