// The card number, defined once: generated here (lib/cards/identifiers.ts),
// printed under the QR, read aloud at the counter, typed into the tablet's
// search, sent by the tablet with every tap, and sent back by iPhones in the
// PassKit web service's URLs. Every one of those uses this file.
import { z } from "zod";

/** No 0/O and no 1/I/L: a serial must survive being read aloud and typed in. */
export const SERIAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** Characters per dash-separated group, as printed: "K7QM-2XHD-9P". */
const GROUPS = [4, 4, 2];
export const SERIAL_LENGTH = GROUPS.reduce((a, b) => a + b);

const CHAR = `[${SERIAL_ALPHABET}]`;
/** The printed form; unanchored, so a scanner can find it inside a URL. */
export const SERIAL_FORMAT = new RegExp(GROUPS.map((n) => `${CHAR}{${n}}`).join("-"));
const PRINTED = new RegExp(`^${SERIAL_FORMAT.source}$`);
const SEPARATORS = /[\s-]+/g;
const ONLY_SERIAL_CHARS = new RegExp(`^${CHAR}+$`);
/** Shortest fragment the tablet's search treats as part of a card number (one group). */
const MIN_FRAGMENT = GROUPS[0];

/** Where the dashes go: the offsets, in the undashed serial, at which a new group starts. */
const GROUP_STARTS = GROUPS.slice(0, -1).map((_, i) => GROUPS.slice(0, i + 1).reduce((a, b) => a + b));

/** `chars`, sitting at `offset` in the undashed serial, with the printed form's dashes put in. */
function withDashes(chars: string, offset = 0): string {
  return [...chars].map((c, i) => (i > 0 && GROUP_STARTS.includes(offset + i) ? `-${c}` : c)).join("");
}

/** Ten serial characters → the printed form. */
export const formatSerial = (chars: string): string => withDashes(chars);

/** A serial as people type it or scanners read it (any case, dashes and spaces anywhere or missing) → the printed form, or null. */
export function normalizeSerial(text: string): string | null {
  const printed = withDashes(text.toUpperCase().replace(SEPARATORS, ""));
  return PRINTED.test(printed) ? printed : null;
}

/**
 * A typed fragment of a card number ("2xhd", "QM-2X", "qm2x") → the substrings
 * of printed serials it can be: one per position, dashes put where that
 * position has them. Empty when the text cannot be part of a serial.
 */
export function serialFragments(text: string): string[] {
  const chars = text.toUpperCase().replace(SEPARATORS, "");
  if (chars.length < MIN_FRAGMENT || chars.length > SERIAL_LENGTH || !ONLY_SERIAL_CHARS.test(chars)) return [];
  const forms = new Set<string>();
  for (let offset = 0; offset + chars.length <= SERIAL_LENGTH; offset++) forms.add(withDashes(chars, offset));
  return [...forms];
}

/** Exactly the printed form (what we issued, e.g. in Apple's web-service URLs). */
export const Serial = z.string().regex(PRINTED, "serialInvalid");

/** A serial as typed or scanned, normalized to the printed form. */
export const SerialInput = z
  .string()
  .max(40, "serialInvalid")
  .transform((s) => normalizeSerial(s) ?? s)
  .pipe(Serial);
