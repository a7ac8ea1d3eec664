// Pairing a tablet by a one-time code (lib/stamping/pairing.ts): the code's
// format, defined once for the dashboard that shows it, the tablet that sends
// it (typed or from the QR's URL) and the server that checks it.
import { z } from "zod";
import { EntityId } from "./ids";
import { SERIAL_ALPHABET } from "./serial";

/** The card numbers' alphabet (no 0/O, no 1/I/L): easy to read off a screen and type on a tablet. */
export const PAIRING_ALPHABET = SERIAL_ALPHABET;
export const PAIRING_CODE_LENGTH = 8;
const CODE = new RegExp(`^[${PAIRING_ALPHABET}]{${PAIRING_CODE_LENGTH}}$`);

/** A code as typed or scanned (any case, spaces and dashes anywhere or missing) → its 8 characters, or null. */
export function normalizePairingCode(text: string): string | null {
  const chars = text.toUpperCase().replace(/[\s-]+/g, "");
  return CODE.test(chars) ? chars : null;
}

/** Eight code characters → the shown form, "K7QM-4PXD". */
export const formatPairingCode = (chars: string) => `${chars.slice(0, 4)}-${chars.slice(4)}`;

/** POST /api/tablet/pair from a tablet with a code: no sign-in. Without a name the server calls it "Tablet 1", "Tablet 2", … */
export const PairByCodeRequest = z.object({
  code: z
    .string({ error: "pairingCodeRequired" })
    .max(40, "pairingCodeWrong")
    .transform((v, c) => normalizePairingCode(v) ?? (c.addIssue({ code: "custom", message: v.trim() ? "pairingCodeWrong" : "pairingCodeRequired" }), z.NEVER)),
  name: z
    .string()
    .trim()
    .max(60, "tooLong")
    .optional()
    .transform((v) => v || undefined),
});

/** Dashboard → Stempeltablet: a new code for a location. */
export const CreatePairingRequest = z.object({ locationId: z.string({ error: "locationRequired" }).min(1, "locationRequired").pipe(EntityId) });
