// Shared shapes of the messages feature (issue 15, docs/messages.md).
import type { AutomationKind } from "@/lib/generated/prisma/enums";

/** A message's texts in both languages; the customer's locale picks one (English falls back to Dutch). */
export type MessageTexts = { titleNl: string; titleEn: string | null; bodyNl: string; bodyEn: string | null; link: string | null };

/**
 * Deliverability: what sending to an audience now would do. Every customer in
 * the audience is counted in exactly one bucket, so the buckets add up to
 * `total`. The first two are left out on purpose; the rest by best channel:
 * an installed Apple pass, then a saved Google pass, then email, SMS, the web card.
 */
export type Reach = {
  total: number;
  /** Marketing without consent (or unsubscribed): left out. */
  noConsent: number;
  /** Already had the merchant's weekly number of messages (frequency cap): left out. */
  capped: number;
  /** An installed Apple pass: on the lock screen. */
  apple: number;
  /** A saved Google pass with a notification. */
  googleNotify: number;
  /** A saved Google pass over Google's 3 notifications a day: a silent update. */
  googleSilent: number;
  /** No wallet pass, an email address (and consent for marketing). */
  email: number;
  /** No pass or email, a phone number and SMS configured. */
  sms: number;
  /** Only the web card: they see it the next time they open it. */
  web: number;
  /** Nothing reachable. */
  none: number;
};

/** Template variables filled per recipient: {naam} {beloning} {stempels} {nog} (and English {name} {reward} {stamps} {togo}). */
export type MessageVars = { name: string; reward: string; stamps: number; toGo: number };

export type { AutomationKind };
