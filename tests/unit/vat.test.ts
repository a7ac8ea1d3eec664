import { describe, expect, it } from "vitest";
import { addVat, normalizeVatNumber, splitVat, vatCountry, vatTreatment } from "@/lib/billing/vat";
import { prorate } from "@/lib/billing/proration";
import { plan } from "@/lib/billing/plans";

describe("vat", () => {
  it("recognises EU VAT number formats per country", () => {
    expect(normalizeVatNumber("nl 1234.56.789 b01")).toBe("NL123456789B01");
    expect(vatCountry("NL123456789B01")).toBe("NL");
    expect(vatCountry("BE0123456789")).toBe("BE");
    expect(vatCountry("DE 123456789")).toBe("DE");
    expect(vatCountry("ATU12345678")).toBe("AT");
    expect(vatCountry("FRXX123456789")).toBe("FR");
    expect(vatCountry("NL123456789")).toBeNull(); // missing B01
    expect(vatCountry("DE12345678")).toBeNull(); // one digit short
    expect(vatCountry("GB123456789")).toBeNull(); // not in the EU
    expect(vatCountry("")).toBeNull();
    expect(vatCountry(null)).toBeNull();
  });

  it("NL or no valid number: 21 %; another EU country: 0 % reverse charge", () => {
    expect(vatTreatment("NL123456789B01")).toEqual({ rateBp: 2100, reverseCharge: false });
    expect(vatTreatment(null)).toEqual({ rateBp: 2100, reverseCharge: false });
    expect(vatTreatment("DE12345")).toEqual({ rateBp: 2100, reverseCharge: false });
    expect(vatTreatment("BE0123456789")).toEqual({ rateBp: 0, reverseCharge: true });
  });

  it("adds and splits BTW in whole cents", () => {
    expect(addVat(3900, { rateBp: 2100, reverseCharge: false })).toEqual({ netCents: 3900, vatCents: 819, totalCents: 4719 });
    expect(splitVat(4719, { rateBp: 2100, reverseCharge: false })).toEqual({ netCents: 3900, vatCents: 819, totalCents: 4719 });
    expect(splitVat(3900, { rateBp: 0, reverseCharge: true })).toEqual({ netCents: 3900, vatCents: 0, totalCents: 3900 });
  });
});

describe("proration", () => {
  const periodEnd = new Date("2031-04-01T00:00:00Z");
  it("charges the price difference for the rest of the period", () => {
    const args = { from: plan("start"), to: plan("groei"), interval: "month" as const, periodEnd };
    expect(prorate({ ...args, now: new Date("2031-03-01T00:00:00Z") })).toBe(2000);
    expect(prorate({ ...args, now: new Date("2031-03-16T12:00:00Z") })).toBe(1000);
    expect(prorate({ ...args, now: periodEnd })).toBe(0);
    expect(prorate({ ...args, from: plan("pro"), now: new Date("2031-03-10T00:00:00Z") })).toBe(0);
  });
});
