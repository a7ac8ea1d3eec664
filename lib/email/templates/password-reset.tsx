// A link to choose a new password (valid for an hour, once), in the user's language.
import { Heading, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { renderEmail } from "../render";
import { emailTranslator } from "./i18n";
import { ActionButton, EmailLayout, PLATFORM_BRAND, text } from "./layout";

export type PasswordResetEmailProps = { locale: Locale; name: string; link: string; platformUrl: string };

export function PasswordResetEmail(p: PasswordResetEmailProps) {
  const t = emailTranslator(p.locale);
  return (
    <EmailLayout locale={p.locale} t={t} preview={t("passwordReset.preview")} brand={PLATFORM_BRAND} platformUrl={p.platformUrl}>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", margin: "0 0 12px", color: "#1c1917" }}>
        {t("passwordReset.heading")}
      </Heading>
      <Text style={text}>{t("passwordReset.greeting", { name: p.name })}</Text>
      <Text style={text}>{t("passwordReset.body")}</Text>
      <ActionButton href={p.link} label={t("passwordReset.button")} brand={PLATFORM_BRAND} t={t} />
      <Text style={text}>{t("passwordReset.ignore")}</Text>
    </EmailLayout>
  );
}

export const renderPasswordResetEmail = (p: PasswordResetEmailProps) =>
  renderEmail(emailTranslator(p.locale)("passwordReset.subject"), <PasswordResetEmail {...p} />);
