import { randomBytes, randomInt } from "node:crypto";

// No 0/O, 1/I/L: a serial must survive being read aloud at the counter.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** Public card number, printed in the barcode: e.g. "K7QM-2XHD-9P". */
export function newSerial(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Secret for wallet web services (never shown in the UI). */
export function newAuthToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Secret in the customer's web-card URL. */
export function newWebToken(): string {
  return randomBytes(18).toString("base64url");
}
