// The invoice as a PDF (A4, pdf-lib), in the merchant's language, rebuilt from
// the Invoice row's snapshot on every download: what it says never changes.
// The seller is Stempel itself (SELLER below: fill in the real company details
// before billing goes live, docs/billing.md → Mollie configureren).
import { createTranslator } from "next-intl";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { Invoice } from "@/lib/generated/prisma/client";
import { en, nl } from "@/lib/i18n/messages";
import type { InvoiceBuyer, InvoiceLine } from "./invoices";

export const SELLER = {
  name: "Stempel B.V.",
  addressLine: "Oudegracht 1",
  postalCode: "3511 AA",
  city: "Utrecht",
  country: "Nederland",
  kvkNumber: "00000000",
  vatNumber: "NL000000000B01",
  email: "facturen@stempel.nl",
};

const euro = (cents: number, locale: string) =>
  new Intl.NumberFormat(locale === "en" ? "en-NL" : "nl-NL", { style: "currency", currency: "EUR" }).format(cents / 100);
const day = (iso: string | Date, locale: string) =>
  new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "long", timeZone: "Europe/Amsterdam" }).format(new Date(iso));

export async function buildInvoicePdf(invoice: Invoice, locale: "nl" | "en"): Promise<Uint8Array> {
  const t = createTranslator({ locale, messages: locale === "en" ? en : nl, namespace: "billing.invoice" });
  const tp = createTranslator({ locale, messages: locale === "en" ? en : nl, namespace: "billing.plans" });
  const buyer = invoice.buyer as unknown as InvoiceBuyer;
  const lines = invoice.lines as unknown as InvoiceLine[];

  const pdf = await PDFDocument.create();
  pdf.setTitle(`${t("title")} ${invoice.number}`);
  pdf.setAuthor(SELLER.name);
  const page = pdf.addPage([595.28, 841.89]);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const ink = rgb(0.11, 0.1, 0.09);
  const muted = rgb(0.34, 0.33, 0.31);
  const write = (p: PDFPage, text: string, x: number, y: number, font: PDFFont = regular, size = 10, color = ink) =>
    p.drawText(text, { x, y, font, size, color });
  const right = (text: string, xRight: number, y: number, font: PDFFont = regular, size = 10) =>
    write(page, text, xRight - font.widthOfTextAtSize(text, size), y, font, size);

  write(page, t("title"), 50, 780, bold, 24);
  let y = 780;
  for (const [i, l] of [
    SELLER.name,
    SELLER.addressLine,
    `${SELLER.postalCode} ${SELLER.city}`,
    SELLER.country,
    `${t("kvk")} ${SELLER.kvkNumber}`,
    `${t("vatNumber")} ${SELLER.vatNumber}`,
    SELLER.email,
  ].entries())
    right(l, 545, (y -= i === 0 ? 0 : 13), i === 0 ? bold : regular);

  y = 690;
  write(page, t("billedTo"), 50, y, bold, 10, muted);
  const buyerLines = [
    buyer.legalName ?? buyer.name,
    buyer.legalName && buyer.legalName !== buyer.name ? buyer.name : null,
    buyer.addressLine,
    [buyer.postalCode, buyer.city].filter(Boolean).join(" ") || null,
    buyer.country && buyer.country !== "NL" ? buyer.country : null,
    buyer.kvkNumber ? `${t("kvk")} ${buyer.kvkNumber}` : null,
    buyer.vatNumber ? `${t("vatNumber")} ${buyer.vatNumber}` : null,
  ].filter((l): l is string => !!l);
  for (const l of buyerLines) write(page, l, 50, (y -= 14));

  y = 690;
  write(page, t("number"), 340, y, bold, 10, muted);
  right(invoice.number, 545, y, bold);
  write(page, t("date"), 340, (y -= 14), regular, 10, muted);
  right(day(invoice.issuedAt, locale), 545, y);

  y = 560;
  write(page, t("description"), 50, y, bold);
  right(t("amount"), 545, y, bold);
  page.drawLine({ start: { x: 50, y: y - 6 }, end: { x: 545, y: y - 6 }, thickness: 0.5, color: muted });
  y -= 24;
  for (const line of lines) {
    const what = t(`line.${line.kind}`, { plan: tp(`${line.plan as "start" | "groei" | "pro"}.name`), interval: t(`interval.${line.interval}`) });
    write(page, what, 50, y);
    right(euro(line.netCents, locale), 545, y);
    write(page, t("period", { from: day(line.periodStart, locale), to: day(line.periodEnd, locale) }), 50, (y -= 13), regular, 9, muted);
    y -= 22;
  }
  page.drawLine({ start: { x: 300, y: y + 8 }, end: { x: 545, y: y + 8 }, thickness: 0.5, color: muted });
  y -= 8;
  write(page, t("subtotal"), 300, y);
  right(euro(invoice.netCents, locale), 545, y);
  write(page, invoice.reverseCharge ? t("vatReverse") : t("vat", { rate: invoice.vatRateBp / 100 }), 300, (y -= 16));
  right(euro(invoice.vatCents, locale), 545, y);
  write(page, t("total"), 300, (y -= 20), bold, 12);
  right(euro(invoice.totalCents, locale), 545, y, bold, 12);

  y -= 40;
  if (invoice.reverseCharge) write(page, t("reverseChargeNote"), 50, (y -= 14), bold, 10);
  write(page, t("paidNote"), 50, (y -= 14), regular, 10, muted);
  write(page, t("footer", { seller: SELLER.name }), 50, 60, regular, 8, muted);
  return pdf.save();
}
