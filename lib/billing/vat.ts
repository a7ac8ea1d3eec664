// Which BTW an invoice carries (docs/billing.md → Facturen). Stempel is a Dutch
// seller: Dutch buyers and buyers without a valid EU VAT number pay 21 % BTW;
// a business in another EU country with a VAT number of the right format gets
// 0 % with "BTW verlegd" (reverse charge, art. 44/196 of the VAT directive).
// Only the format is checked per country: VIES is not queried, so a made-up
// number of the right shape passes (the buyer is responsible for it).
import { VAT_RATE } from "./plans";

/** VAT number formats per EU country, after the two-letter prefix (EL is Greece). */
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
};

/** The number without spaces, dots and dashes, upper case (e.g. "nl 1234.56.789 b01" → "NL123456789B01"). */
export const normalizeVatNumber = (raw: string) => raw.replace(/[\s.\-]/g, "").toUpperCase();

/** The country of a VAT number of valid format, or null. */
export function vatCountry(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const n = normalizeVatNumber(raw);
  const country = n.slice(0, 2);
  const format = FORMATS[country];
  return format && format.test(n.slice(2)) ? country : null;
}

export type VatTreatment = { rateBp: number; reverseCharge: boolean };

/** NL or no valid number: 21 %. Another EU country with a valid-format number: 0 %, reverse charge. */
export function vatTreatment(vatNumber: string | null | undefined): VatTreatment {
  const country = vatCountry(vatNumber);
  if (country && country !== "NL") return { rateBp: 0, reverseCharge: true };
  return { rateBp: Math.round(VAT_RATE * 10_000), reverseCharge: false };
}

/** Net cents → { net, vat, total } at `rateBp`. */
export function addVat(netCents: number, t: VatTreatment) {
  const vat = Math.round((netCents * t.rateBp) / 10_000);
  return { netCents, vatCents: vat, totalCents: netCents + vat };
}

/** Total cents (what Mollie charged) → { net, vat, total } at `rateBp`. */
export function splitVat(totalCents: number, t: VatTreatment) {
  const net = Math.round((totalCents * 10_000) / (10_000 + t.rateBp));
  return { netCents: net, vatCents: totalCents - net, totalCents };
}
