// An invitation to join a merchant's team (link valid for 7 days), in the team's language.
import { Heading, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { renderEmail } from "../render";
import { emailTranslator } from "./i18n";
import { ActionButton, EmailLayout, PLATFORM_BRAND, text } from "./layout";

export type InvitationEmailProps = { locale: Locale; organizationName: string; role: "OWNER" | "MANAGER" | "STAFF"; link: string; platformUrl: string };

export function InvitationEmail(p: InvitationEmailProps) {
  const t = emailTranslator(p.locale);
  const values = { org: p.organizationName, role: t(`invitation.roles.${p.role}`) };
  return (
    <EmailLayout locale={p.locale} t={t} preview={t("invitation.preview", values)} brand={PLATFORM_BRAND} platformUrl={p.platformUrl}>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", margin: "0 0 12px", color: "#1c1917" }}>
        {t("invitation.heading")}
      </Heading>
      <Text style={text}>{t("invitation.body", values)}</Text>
      <ActionButton href={p.link} label={t("invitation.button")} brand={PLATFORM_BRAND} t={t} />
      <Text style={text}>{t("invitation.valid")}</Text>
      <Text style={text}>{t("invitation.ignore")}</Text>
    </EmailLayout>
  );
}

export const renderInvitationEmail = (p: InvitationEmailProps) =>
  renderEmail(emailTranslator(p.locale)("invitation.subject", { org: p.organizationName }), <InvitationEmail {...p} />);
