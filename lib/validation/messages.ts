// Messages (issue 15, docs/messages.md): what a merchant may compose and whom it
// may go to, checked at every boundary (server actions, routes, jobs).
import { z } from "zod";
import { AutomationKind, LoyaltyCell, LoyaltyRung, RfmSegment } from "@/lib/generated/prisma/enums";
import { EntityId } from "./ids";
import { parseCustomerListParams, type CustomerFilter } from "./customers";

/**
 * How long a text may be per channel. A title is the pass message's label and
 * the email's subject. Bodies longer than a channel shows are still sent but
 * cut off there: the composer counts against each limit as you type.
 *  - apple: what the lock screen shows of a pass change message before "…";
 *  - google: Google Wallet's message body in the notification;
 *  - sms: one SMS (GSM-7; 70 with other characters), up to 3 parts are sent;
 *  - email, web: the whole body.
 */
export const TEXT_LIMITS = { title: 40, body: 500, apple: 150, google: 300, sms: 160, smsParts: 3 } as const;

// The GSM 03.38 alphabet (ë, ï and ó are not in it: a Dutch text with them goes
// as Unicode), and its extension characters, each sent as an escape + itself.
const GSM = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€\f]*$/;
const GSM_EXTENSION = new Set(["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"]);

/**
 * SMS parts a text costs: 160 GSM places in one SMS, 153 per part when split;
 * a text with any other character goes as UCS-2: 70, 67 per part. An
 * extension character takes two GSM places, a character outside the Basic
 * Multilingual Plane (emoji) two UCS-2 places; neither is split across parts.
 */
export function smsParts(text: string): { parts: number; perPart: number; unicode: boolean } {
  const unicode = !GSM.test(text);
  const single = unicode ? 70 : 160;
  const multi = unicode ? 67 : 153;
  const sizes = [...text].map((c) => (unicode ? c.length : GSM_EXTENSION.has(c) ? 2 : 1));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= single) return { parts: total ? 1 : 0, perPart: single, unicode };
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      parts++;
      used = 0;
    }
    used += size;
  }
  return { parts, perPart: multi, unicode };
}

const line = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max, "tooLong"));
const body = z
  .string()
  .transform((s) => s.normalize("NFC").replace(/\r\n/g, "\n").trim())
  .pipe(z.string().max(TEXT_LIMITS.body, "tooLong"));
const optional = <T extends z.ZodType<string>>(t: T) => t.optional().transform((s) => (s ? s : null));

/** An https link the message carries (a menu, a review page). */
export const MessageLink = z
  .string()
  .trim()
  .max(500, "tooLong")
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "https:" && !!u.hostname.includes(".");
    } catch {
      return false;
    }
  }, "badLink");

export const AUDIENCE_KINDS = ["all", "segment", "rung", "cell", "location", "reward", "tag", "saved", "filter"] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

/**
 * Who a campaign goes to. Every kind is a customer-list filter
 * (lib/customers/customer-filter.ts), so "who is in it" means the same here as
 * in Klanten: `value` names the segment, rung, cell, location, tag or saved
 * filter id; "filter" carries the customer list's query string.
 */
export const Audience = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("segment"), value: z.enum(RfmSegment) }),
  z.object({ kind: z.literal("rung"), value: z.enum(LoyaltyRung) }),
  z.object({ kind: z.literal("cell"), value: z.enum(LoyaltyCell) }),
  z.object({ kind: z.literal("location"), value: EntityId }),
  z.object({ kind: z.literal("reward") }),
  z.object({ kind: z.literal("tag"), value: line(40).pipe(z.string().min(1, "required")) }),
  z.object({ kind: z.literal("saved"), value: EntityId }),
  z.object({ kind: z.literal("filter"), value: z.string().max(2000) }),
]);
export type Audience = z.infer<typeof Audience>;

/** The customer-list filter of an audience; a saved filter's own filter is passed in by the caller (it lives in the database). */
export function audienceFilter(a: Audience, saved?: CustomerFilter): CustomerFilter {
  switch (a.kind) {
    case "all":
      return {};
    case "segment":
      return { segment: a.value };
    case "rung":
      return { rung: a.value };
    case "cell":
      return { cell: a.value };
    case "location":
      return { location: a.value };
    case "reward":
      return { reward: "yes" };
    case "tag":
      return { tag: a.value };
    case "saved":
      return saved ?? {};
    case "filter":
      return customerFilterOf(a.value);
  }
}

/** Only the filter fields of a customer-list query string (no sort or page). */
export function customerFilterOf(query: string | URLSearchParams): CustomerFilter {
  const { sort: _s, dir: _d, page: _p, size: _z, ...filter } = parseCustomerListParams(new URLSearchParams(query));
  return filter;
}

/** A campaign as composed (the form, a server action): Dutch text required, English optional. */
export const CampaignInput = z
  .object({
    name: line(80).pipe(z.string().min(1, "required")),
    titleNl: line(TEXT_LIMITS.title).pipe(z.string().min(1, "required")),
    titleEn: optional(line(TEXT_LIMITS.title)),
    bodyNl: body.pipe(z.string().min(1, "required")),
    bodyEn: optional(body),
    link: optional(MessageLink),
    bonusStamps: z.coerce.number().int("bonusRange").min(0, "bonusRange").max(10, "bonusRange").default(0),
    /** Last local day (YYYY-MM-DD) the bonus counts, in the merchant's time zone. */
    bonusUntilDay: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "badDay")
      .optional(),
    audience: Audience,
    holdoutPercent: z.coerce.number().int().min(0).max(50).default(0),
    /** Local date and time "YYYY-MM-DDTHH:mm" in the merchant's time zone; absent: send now. */
    scheduleAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "badTime")
      .optional(),
  })
  .refine((c) => c.bonusStamps === 0 || !!c.bonusUntilDay, { path: ["bonusUntilDay"], message: "bonusUntilRequired" });
export type CampaignInput = z.infer<typeof CampaignInput>;

/** The kinds of automation, in the order the page lists them. */
export const AUTOMATION_KINDS = Object.values(AutomationKind) as AutomationKind[];

/** Marketing automations need consent and are held to the frequency cap; service ones (about the card itself) are not. */
export const SERVICE_AUTOMATIONS: ReadonlySet<AutomationKind> = new Set<AutomationKind>(["WELCOME", "ONE_TO_GO", "REWARD_READY", "REWARD_EXPIRING", "SURVEY"]);

/** An automation's own settings; which apply depends on the kind (docs/messages.md). */
export const AutomationSettings = z.object({
  /** WIN_BACK: days without a visit (null: each customer's own median interval × 2, at least 14); REWARD_EXPIRING: days before. */
  days: z.coerce.number().int().min(1).max(365).nullable().default(null),
  /** BIRTHDAY: bonus stamps on the birthday. */
  bonusStamps: z.coerce.number().int().min(0).max(10).default(0),
  /** REVIEW: where promoters leave a review (e.g. Google reviews). */
  link: MessageLink.nullable().default(null),
});
export type AutomationSettings = z.infer<typeof AutomationSettings>;

export const AutomationInput = z.object({
  kind: z.enum(AutomationKind),
  enabled: z.boolean(),
  titleNl: optional(line(TEXT_LIMITS.title)),
  titleEn: optional(line(TEXT_LIMITS.title)),
  bodyNl: optional(body),
  bodyEn: optional(body),
  settings: AutomationSettings,
});
export type AutomationInput = z.infer<typeof AutomationInput>;

/** Referral settings of a card program (Berichten → Vrienden werven). */
export const ReferralSettings = z.object({
  referralEnabled: z.boolean(),
  referralBonusStamps: z.coerce.number().int("bonusRange").min(0, "bonusRange").max(10, "bonusRange"),
  referralFriendBonusStamps: z.coerce.number().int("bonusRange").min(0, "bonusRange").max(10, "bonusRange"),
  referralMonthlyLimit: z.coerce.number().int("limitRange").min(1, "limitRange").max(50, "limitRange"),
});
export type ReferralSettings = z.infer<typeof ReferralSettings>;

/** The frequency cap (Berichten → Instellingen): messages per customer per 7 days, 0 = no limit. */
export const MessageCap = z.coerce.number().int("capRange").min(0, "capRange").max(14, "capRange");
