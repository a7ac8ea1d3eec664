// A shop's address in the Netherlands, as sign-up asks for it (and, later, the
// location editor). Messages are keys under "validation".
import { z } from "zod";

/**
 * A Dutch postcode in its written form "1234 AB", from however it was typed:
 * "1234ab", " 1234  ab ", "1234-AB". Null when it is not a postcode: four digits
 * not starting with 0, then two letters (SA, SD and SS are never issued).
 */
export function normalizePostcode(raw: string): string | null {
  const m = /^([1-9]\d{3})[\s-]*([a-z]{2})$/i.exec(raw.trim());
  if (!m) return null;
  const letters = m[2].toUpperCase();
  return ["SA", "SD", "SS"].includes(letters) ? null : `${m[1]} ${letters}`;
}

/** "Dorpsstraat 12", "1e Jan Steenstraat 5-hs", "Plein 1944 3a": a street name and a house number. */
const street = z
  .string()
  .trim()
  .min(1, "streetRequired")
  .max(100, "tooLong")
  .refine((s) => s === "" || (/\p{L}{2}/u.test(s) && /\d/.test(s)), "streetInvalid");

const postcode = z
  .string()
  .trim()
  .min(1, "postcodeRequired")
  .transform((v, ctx) => normalizePostcode(v) ?? (ctx.addIssue({ code: "custom", message: "postcodeInvalid" }), z.NEVER));

const city = z.string().trim().min(2, "cityRequired").max(60, "tooLong");

export const AddressFields = { street, postcode, city };

/** One line for the places that show an address (team page, wallet passes): "Dorpsstraat 12, 1234 AB". */
export const addressLine = (a: { street: string; postcode: string }) => `${a.street}, ${a.postcode}`;
