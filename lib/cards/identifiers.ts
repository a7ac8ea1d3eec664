import { randomBytes, randomInt } from "node:crypto";
import { formatSerial, SERIAL_ALPHABET, SERIAL_LENGTH } from "@/lib/validation/serial";

/** Public card number, printed in the barcode: e.g. "K7QM-2XHD-9P" (format: lib/validation/serial.ts). */
export function newSerial(): string {
  let s = "";
  for (let i = 0; i < SERIAL_LENGTH; i++) s += SERIAL_ALPHABET[randomInt(SERIAL_ALPHABET.length)];
  return formatSerial(s);
}

/** Secret for wallet web services (never shown in the UI). */
export function newAuthToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Secret in the customer's web-card URL. */
export function newWebToken(): string {
  return randomBytes(18).toString("base64url");
}
