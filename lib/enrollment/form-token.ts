// Bot resistance without third-party captchas: the enrollment form carries a
// signed, time-limited token. A submit must come at least MIN_AGE after the
// form was served (bots post instantly) and within MAX_AGE; the token's nonce
// doubles as the idempotency key, so a double tap creates one card.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { formTokenSecret } from "@/lib/env";

export const MIN_AGE_MS = 1500;
export const MAX_AGE_MS = 2 * 3600 * 1000;

function secret(): string {
  const s = formTokenSecret();
  if (!s) throw new Error("NEXTAUTH_SECRET (or FORM_TOKEN_SECRET) must be set to sign forms");
  return s;
}

const sign = (payload: string) => createHmac("sha256", secret()).update(payload).digest("base64url");

export function issueFormToken(programId: string, now = Date.now()): string {
  const payload = `${programId}.${now}.${randomBytes(12).toString("base64url")}`;
  return `${payload}.${sign(payload)}`;
}

export type TokenCheck = { ok: true; nonce: string } | { ok: false; reason: "invalid" | "tooFast" | "expired" };

export function checkFormToken(token: string, programId: string, now = Date.now()): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 4) return { ok: false, reason: "invalid" };
  const [pid, issued, nonce, mac] = parts;
  const expected = Buffer.from(sign(`${pid}.${issued}.${nonce}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || pid !== programId) return { ok: false, reason: "invalid" };
  const age = now - Number(issued);
  if (!(age >= MIN_AGE_MS)) return { ok: false, reason: "tooFast" };
  if (age > MAX_AGE_MS) return { ok: false, reason: "expired" };
  return { ok: true, nonce };
}
