// A card's personal share link: the program's sign-up page (lib/enrollment/links.ts)
// with source REFERRAL and the card's public referral code. The code is not the
// web token, so sharing the link opens nobody's card.
import { z } from "zod";
import { enrollmentUrl } from "@/lib/enrollment/links";

/** Card.referralCode: 10 hex characters from the database default (longer codes allowed for later). */
export const ReferralCode = z.string().regex(/^[a-z0-9]{6,32}$/i);

/** `?ref=` of a sign-up form: a valid code or nothing (a mangled link is a plain sign-up). */
export function readReferralCode(value: unknown): string | null {
  const parsed = ReferralCode.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export type ShareCard = { programId: string; referralCode: string };

export function referralUrl(card: ShareCard): string {
  return `${enrollmentUrl(card.programId, "REFERRAL")}&ref=${encodeURIComponent(card.referralCode)}`;
}

/** The same link without the host (the passes add their own base URL). */
export function referralPath(card: ShareCard): string {
  return `/join/${card.programId}?s=referral&ref=${encodeURIComponent(card.referralCode)}`;
}
