import { createHmac } from "node:crypto";

// Keyed hash of a tablet PIN. A 4–6 digit PIN is too small for a slow hash to
// add much; what protects it is the server secret (a stolen database alone
// cannot be brute-forced), the lockout (./pin-lockout.ts), and that it only works on a
// paired tablet, for the one person chosen there. PINs are not unique: two
// people may share one; only the chosen person's PIN is ever compared.
export function pinHash(orgId: string, pin: string): string {
  const secret = process.env.PIN_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET (or PIN_SECRET) must be set to hash PINs");
  return createHmac("sha256", secret).update(`${orgId}:${pin}`).digest("hex");
}
