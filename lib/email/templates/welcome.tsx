// Sent once to a customer who gave an email at sign-up: their card link (so
// closing the tab never loses the card), wallet buttons for the wallets that
// work, and where to see or delete their data. In the merchant's colours.
import { Heading, Link, Section, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { renderEmail } from "../render";
import { emailTranslator } from "./i18n";
import { ActionButton, ButtonLink, EmailLayout, link, text, type Brand } from "./layout";

export type WelcomeEmailProps = {
  locale: Locale;
  customerName: string;
  merchant: { name: string; privacyContactEmail: string | null };
  program: { name: string; rewardText: string; stampsRequired: number };
  brand: Brand;
  links: {
    card: string;
    privacy: string;
    /** Only the wallets that work (null: no button). */
    apple: string | null;
    google: string | null;
  };
  platformUrl: string;
};

export function WelcomeEmail(p: WelcomeEmailProps) {
  const t = emailTranslator(p.locale);
  return (
    <EmailLayout locale={p.locale} t={t} preview={t("welcome.preview")} brand={p.brand} merchant={p.merchant} platformUrl={p.platformUrl}>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", margin: "0 0 12px", color: "#1c1917" }}>
        {t("welcome.heading", { name: p.customerName })}
      </Heading>
      <Text style={text}>{t("welcome.intro", { merchant: p.merchant.name })}</Text>
      <Text style={{ ...text, fontWeight: 600 }}>
        {p.program.name}: {t("welcome.goal", { stamps: p.program.stampsRequired, reward: p.program.rewardText })}
      </Text>
      <ActionButton href={p.links.card} label={t("welcome.open")} brand={p.brand} t={t} />
      {(p.links.apple || p.links.google) && (
        <Section style={{ margin: "0 0 16px" }}>
          <Text style={text}>{t("welcome.walletLead")}</Text>
          {p.links.apple && (
            <Section style={{ margin: "0 0 8px" }}>
              <ButtonLink href={p.links.apple} label={t("welcome.apple")} background="#000000" foreground="#ffffff" />
            </Section>
          )}
          {p.links.google && (
            <Section style={{ margin: "0 0 8px" }}>
              <ButtonLink href={p.links.google} label={t("welcome.google")} background="#1f1f1f" foreground="#ffffff" />
            </Section>
          )}
        </Section>
      )}
      <Text style={text}>{t("welcome.keep")}</Text>
      <Text style={text}>
        {t.rich("welcome.privacy", {
          link: (chunks) => (
            <Link href={p.links.privacy} style={link}>
              {chunks}
            </Link>
          ),
        })}
      </Text>
    </EmailLayout>
  );
}

export const renderWelcomeEmail = (p: WelcomeEmailProps) =>
  renderEmail(emailTranslator(p.locale)("welcome.subject", { merchant: p.merchant.name }), <WelcomeEmail {...p} />);
