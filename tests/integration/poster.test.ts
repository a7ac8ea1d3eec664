import { PDFDocument } from "pdf-lib";
import { qrCodesInPdf } from "@/tests/support/qr";
import { describe, expect, it } from "vitest";
import { buildPoster, POSTER_SIZES } from "@/lib/enrollment/poster";
import { enrollmentUrl } from "@/lib/enrollment/links";

describe("QR poster", () => {
  it.each(["A4", "A5"] as const)("is a valid %s PDF whose QR decodes to the enrollment URL", async (size) => {
    const url = enrollmentUrl("cmposterprogram000000001", "TABLE_TENT");
    const bytes = await buildPoster({
      size,
      url,
      merchantName: "Koffiebar De Hoek",
      headline: "Scan & spaar",
      subline: "Bij 10 stempels: gratis koffie",
      footer: "Richt je camera op de code.",
      backgroundColor: "#3b2a20",
      foregroundColor: "#ffffff",
      labelColor: "#f5d7a1",
      logoKey: null,
    });
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    const page = pdf.getPage(0);
    expect([page.getWidth(), page.getHeight()].map(Math.round)).toEqual(POSTER_SIZES[size].map(Math.round));
    expect(await qrCodesInPdf(bytes)).toEqual([url]);
    expect(url).toMatch(/\/join\/cmposterprogram000000001\?s=table_tent$/);
  });
});
