// Every text a wallet pass shows, in one language: labels from the message
// files, the merchant's reward texts filled in. Apple's .lproj files and
// Google's localized strings are both built from this.
import { en, nl } from "@/lib/i18n/messages";
import type { PassCard } from "./pass-source";

export type PassLanguage = "nl" | "en";

const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ""));

/** The merchant's language first (pass.json, Google's default value), the other as translation. */
export const languages = (card: Pick<PassCard, "locale">): [PassLanguage, PassLanguage] => (card.locale === "en" ? ["en", "nl"] : ["nl", "en"]);

export function passTexts(card: PassCard, lang: PassLanguage) {
  const t = lang === "en" ? en.pass : nl.pass;
  const p = card.program;
  return {
    stampsLabel: t.stampsLabel,
    stampsChange: t.stampsChange,
    rewardsLabel: t.rewardsLabel,
    rewardsChange: t.rewardsChange,
    rewardLabel: t.rewardLabel,
    reward: fill(t.rewardValue, { at: p.stampsRequired, reward: p.rewardText }),
    intermediateLabel: t.intermediateLabel,
    intermediate: p.intermediateStamp && p.intermediateRewardText ? fill(t.rewardValue, { at: p.intermediateStamp, reward: p.intermediateRewardText }) : null,
    nameLabel: t.nameLabel,
    termsLabel: t.termsLabel,
    contactLabel: t.contactLabel,
    webCardLabel: t.webCardLabel,
    privacyLabel: t.privacyLabel,
    nearby: fill(t.nearby, { merchant: card.merchantName }),
    description: fill(t.description, { merchant: card.merchantName }),
  };
}

export type PassTexts = ReturnType<typeof passTexts>;
