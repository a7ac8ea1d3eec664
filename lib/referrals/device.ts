// The browser a customer enrolls from, for the referral rules: a first-party,
// httpOnly cookie with a random id, set by the sign-up page. Only its SHA-256
// is stored (Customer.enrollDeviceHash): a friend signing up from the
// referrer's own browser, or from a browser someone already enrolled from,
// earns no referral bonus. Clearing cookies gets around it, the other rules
// (same email/phone, new to the merchant, the monthly limit) still hold.
import { createHash, randomBytes } from "node:crypto";

export const DEVICE_COOKIE = "stempel_device";
const ID = /^[A-Za-z0-9_-]{20,64}$/;

export const newDeviceId = () => randomBytes(24).toString("base64url");

/** The device id from a Cookie header, or null (absent or not one of ours). */
export function readDeviceId(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === DEVICE_COOKIE) {
      const id = v.join("=");
      return ID.test(id) ? id : null;
    }
  }
  return null;
}

export const deviceHash = (id: string) => createHash("sha256").update(id).digest("hex");

/** Set-Cookie for the device id: two years, first-party, not readable by scripts. */
export const deviceCookie = (id: string, secure: boolean) =>
  `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=${2 * 365 * 24 * 3600}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
