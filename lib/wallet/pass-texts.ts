// Every text a wallet pass shows, in one language: labels from the message
// files, the merchant's reward texts filled in. Apple's .lproj files and
// Google's localized strings are both built from this. Pure and small (only the
// pass messages are imported), so the designer's previews use it in the browser.
import enPass from "@/lib/i18n/messages/en/pass.json";
import nlPass from "@/lib/i18n/messages/nl/pass.json";
import enSettings from "@/lib/i18n/messages/en/settings.json";
import nlSettings from "@/lib/i18n/messages/nl/settings.json";
import { readyRewards, type ReadyReward } from "@/lib/cards/rewards";
import type { PassCard } from "./pass-source";

export type PassLanguage = "nl" | "en";

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));

/** The merchant's language first (pass.json, Google's default value), the other as translation. */
export const languages = (card: Pick<PassCard, "locale">): [PassLanguage, PassLanguage] => (card.locale === "en" ? ["en", "nl"] : ["nl", "en"]);

/** "Gratis koekje", "2× Gratis koffie", "Gratis koffie en Gratis koekje". */
function readyText(ready: ReadyReward[], t: typeof nlPass): string {
  const one = (r: ReadyReward) => {
    const name = r.name ?? t.intermediateUnnamed;
    return r.count > 1 ? fill(t.readyCount, { count: r.count, reward: name }) : name;
  };
  return ready.length > 1 ? fill(t.readyAnd, { first: one(ready[0]), second: one(ready[1]) }) : one(ready[0]);
}

export function passTexts(card: PassCard, lang: PassLanguage) {
  const t = lang === "en" ? enPass : nlPass;
  // A closed shop's pass and the business-profile field (Instellingen, lib/organizations).
  const s = (lang === "en" ? enSettings : nlSettings).pass;
  const p = card.program;
  const ready = readyRewards(card, p);
  const many = ready.length > 1 || ready.some((r) => r.count > 1);
  return {
    stampsLabel: t.stampsLabel,
    stampsChange: t.stampsChange,
    rewardsLabel: t.rewardsLabel,
    rewardLabel: t.rewardLabel,
    reward: fill(t.rewardValue, { at: p.stampsRequired, reward: p.rewardText }),
    intermediateLabel: t.intermediateLabel,
    intermediate: p.intermediateStamp && p.intermediateRewardText ? fill(t.rewardValue, { at: p.intermediateStamp, reward: p.intermediateRewardText }) : null,
    /** What is waiting at the counter, by name, or null. */
    readyLabel: t.readyLabel,
    ready: ready.length ? readyText(ready, t) : null,
    readyChange: many ? t.readyChangeMany : t.readyChangeOne,
    nameLabel: t.nameLabel,
    termsLabel: t.termsLabel,
    contactLabel: t.contactLabel,
    webCardLabel: t.webCardLabel,
    privacyLabel: t.privacyLabel,
    surveyLabel: t.surveyLabel,
    messageLinkLabel: t.messageLinkLabel,
    referralLabel: t.referralLabel,
    nearby: fill(t.nearby, { merchant: card.merchantName }),
    description: fill(t.description, { merchant: card.merchantName }),
    businessLabel: fill(s.businessLabel, { merchant: card.merchantName }),
    closedLabel: s.closedLabel,
    closed: s.closed,
    closedBack: fill(s.closedBack, { merchant: card.merchantName }),
  };
}

export type PassTexts = ReturnType<typeof passTexts>;
