// Pure helpers of the campaign composer (Berichten → Nieuw bericht): the live
// character counts per channel, the sample customer the previews are filled
// with, the composer's values as CampaignInput, and the deliverability sums.
// No React and no server imports: tests/unit/messages-composer.test.ts.
import { fillTemplate } from "@/lib/messages/template";
import type { MessageVars, Reach } from "@/lib/messages/types";
import { customerListSearch, DEFAULT_LIST } from "@/lib/validation/customers";
import { customerFilterOf, smsParts, TEXT_LIMITS, type Audience } from "@/lib/validation/messages";

export type Count = { used: number; max: number; over: boolean };
export type TextCounts = {
  title: Count;
  apple: Count;
  google: Count;
  /** Email and the web card show the whole body. */
  body: Count;
  sms: { parts: number; max: number; unicode: boolean; over: boolean; used: number };
};

const length = (s: string) => [...s].length;
const count = (used: number, max: number): Count => ({ used, max, over: used > max });

/**
 * How a text fits each channel, counted on the text as one customer gets it
 * (placeholders filled in with `vars`). The pass shows title and body apart;
 * an SMS carries "title: body".
 */
export function textCounts(title: string, body: string, vars: MessageVars): TextCounts {
  const t = fillTemplate(title.trim(), vars);
  const b = fillTemplate(body.trim(), vars);
  const sms = smsParts(t && b ? `${t}: ${b}` : t || b);
  return {
    title: count(length(t), TEXT_LIMITS.title),
    apple: count(length(b), TEXT_LIMITS.apple),
    google: count(length(b), TEXT_LIMITS.google),
    body: count(length(b), TEXT_LIMITS.body),
    sms: {
      parts: sms.parts,
      max: TEXT_LIMITS.smsParts,
      unicode: sms.unicode,
      over: sms.parts > TEXT_LIMITS.smsParts,
      used: length(t && b ? `${t}: ${b}` : t || b),
    },
  };
}

/** What a channel shows of a body: cut at `max` characters with "…". */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/** The example customer every preview is filled in for. */
export function sampleVars(reward: string, stampsRequired: number, locale: "nl" | "en" = "nl"): MessageVars {
  const required = Math.max(1, stampsRequired);
  const stamps = Math.max(0, required - 3);
  return {
    name: locale === "nl" ? "Sanne de Vries" : "Sam Smith",
    reward: reward || (locale === "nl" ? "een gratis koffie" : "a free coffee"),
    stamps,
    toGo: required - stamps,
  };
}

/** Puts `token` ("{naam}") into `text` at the cursor (`start`–`end`), with a space where words would touch. */
export function insertAt(text: string, token: string, start = text.length, end = start): { text: string; cursor: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const pre = before && !/\s$/.test(before) ? " " : "";
  const post = after && !/^[\s.,!?;:]/.test(after) ? " " : "";
  const inserted = `${pre}${token}${post}`;
  return { text: before + inserted + after, cursor: before.length + inserted.length };
}

/** Who gets the message of a Reach, and who does not (left out on purpose, or out of reach). */
export function reachSums(r: Reach) {
  const recipients = r.apple + r.googleNotify + r.googleSilent + r.email + r.sms + r.web;
  return { recipients, leftOut: r.noConsent + r.capped, unreachable: r.none };
}

/** The buckets of a Reach in the order the panel shows them. */
export const REACH_BUCKETS = [
  "apple",
  "googleNotify",
  "googleSilent",
  "email",
  "sms",
  "web",
  "none",
  "noConsent",
  "capped",
] as const satisfies readonly (keyof Reach)[];

/** The composer's state. Text fields as typed; the form keeps them on any error. */
export type ComposerValues = {
  name: string;
  titleNl: string;
  bodyNl: string;
  english: boolean;
  titleEn: string;
  bodyEn: string;
  link: string;
  bonus: boolean;
  bonusStamps: string;
  bonusUntilDay: string;
  audience: Audience;
  holdout: boolean;
  holdoutPercent: string;
  when: "now" | "later";
  scheduleDay: string;
  scheduleTime: string;
};

/** The values as CampaignInput takes them (unchecked: the schema checks). */
export function campaignInput(v: ComposerValues) {
  return {
    name: v.name,
    titleNl: v.titleNl,
    bodyNl: v.bodyNl,
    titleEn: v.english ? v.titleEn : undefined,
    bodyEn: v.english ? v.bodyEn : undefined,
    link: v.link.trim() || undefined,
    bonusStamps: v.bonus ? v.bonusStamps : 0,
    bonusUntilDay: v.bonus && v.bonusUntilDay ? v.bonusUntilDay : undefined,
    audience: v.audience,
    holdoutPercent: v.holdout ? v.holdoutPercent : 0,
    // An empty date or time gives "T" alone, which the schema calls badTime next to the field.
    scheduleAt: v.when === "later" ? `${v.scheduleDay}T${v.scheduleTime}` : undefined,
  };
}

/** Field errors of the schema under the composer's own field names (scheduleAt sits at the date, audience.value at the picker). */
export function composerField(path: string): string {
  if (path === "scheduleAt") return "scheduleDay";
  if (path.startsWith("audience")) return "audience";
  return path;
}

/** Fewer people than this in either group and a visit rate says little: the report says "nog te weinig data". */
export const MIN_GROUP = 30;

export type VisitGroup = { n: number; visited: number };

/** Visit rates (whole percentages) of recipients and holdout, and the difference in percentage points. */
export function compareVisits(recipients: VisitGroup, holdout: VisitGroup) {
  const rate = (g: VisitGroup) => (g.n > 0 ? Math.round((g.visited / g.n) * 100) : null);
  const r = rate(recipients);
  const h = rate(holdout);
  return {
    recipientsRate: r,
    holdoutRate: h,
    difference: r !== null && h !== null ? r - h : null,
    enough: recipients.n >= MIN_GROUP && holdout.n >= MIN_GROUP,
  };
}

/** A saved filter (SavedCustomerFilter.filter, JSON) as the customer list's query string, re-read through the list's parser. */
export function savedFilterQuery(json: unknown): string {
  const params = new URLSearchParams();
  if (json && typeof json === "object")
    for (const [k, v] of Object.entries(json)) if (v !== null && v !== undefined && typeof v !== "object") params.set(k, String(v));
  return customerListSearch({ ...DEFAULT_LIST, ...customerFilterOf(params) });
}

/** The composer for exactly the customers of a customer-list query. */
export const messageListHref = (query: string) => `/dashboard/campaigns/new?audience=filter&filter=${encodeURIComponent(query)}`;
