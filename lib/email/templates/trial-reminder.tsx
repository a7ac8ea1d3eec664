// The trial reminder (7 days and 1 day before the trial ends), to the owner in their own language.
import { Heading, Text } from "@react-email/components";
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/config";
import { en, nl } from "@/lib/i18n/messages";
import { renderEmail } from "../render";
import { emailTranslator, type EmailT } from "./i18n";
import { ActionButton, EmailLayout, PLATFORM_BRAND, text } from "./layout";

export type TrialReminderEmailProps = {
  locale: Locale;
  /** Days before the trial ends: 7 or 1. */
  days: 7 | 1;
  ownerName: string;
  organizationName: string;
  trialEndsAt: Date;
  timeZone: string;
  stampingGraceDays: number;
  link: string;
  platformUrl: string;
};

const limitsT = (locale: Locale) => createTranslator({ locale, messages: { nl, en }[locale], namespace: "billing-limits.email" as never }) as unknown as EmailT;

export function TrialReminderEmail(p: TrialReminderEmailProps) {
  const t = limitsT(p.locale);
  const date = new Intl.DateTimeFormat(p.locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeZone: p.timeZone }).format(p.trialEndsAt);
  return (
    <EmailLayout locale={p.locale} t={emailTranslator(p.locale)} preview={t("preview")} brand={PLATFORM_BRAND} platformUrl={p.platformUrl}>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", margin: "0 0 12px", color: "#1c1917" }}>
        {t(p.days === 7 ? "heading7" : "heading1")}
      </Heading>
      <Text style={text}>{t("body", { name: p.ownerName, org: p.organizationName, date })}</Text>
      <ActionButton href={p.link} label={t("button")} brand={PLATFORM_BRAND} t={emailTranslator(p.locale)} />
      <Text style={text}>{t("after", { days: p.stampingGraceDays })}</Text>
    </EmailLayout>
  );
}

export const renderTrialReminderEmail = (p: TrialReminderEmailProps) =>
  renderEmail(limitsT(p.locale)(p.days === 7 ? "subject7" : "subject1"), <TrialReminderEmail {...p} />);
