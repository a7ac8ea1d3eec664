// To the address on file when someone signs up with it again: where their
// existing card is (the new sign-up got its own, empty card). Only this address
// hears about it, so enrollment never tells who is already a customer.
import { Heading, Text } from "@react-email/components";
import type { Locale } from "@/lib/i18n/config";
import { renderEmail } from "../render";
import { emailTranslator } from "./i18n";
import { ActionButton, EmailLayout, text, type Brand } from "./layout";

export type ExistingCardEmailProps = {
  locale: Locale;
  merchant: { name: string; privacyContactEmail: string | null };
  brand: Brand;
  cardLink: string;
  platformUrl: string;
};

export function ExistingCardEmail(p: ExistingCardEmailProps) {
  const t = emailTranslator(p.locale);
  return (
    <EmailLayout
      locale={p.locale}
      t={t}
      preview={t("existingCard.preview", { merchant: p.merchant.name })}
      brand={p.brand}
      merchant={p.merchant}
      platformUrl={p.platformUrl}
    >
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", margin: "0 0 12px", color: "#1c1917" }}>
        {t("existingCard.heading")}
      </Heading>
      <Text style={text}>{t("existingCard.body", { merchant: p.merchant.name })}</Text>
      <ActionButton href={p.cardLink} label={t("existingCard.open")} brand={p.brand} t={t} />
      <Text style={text}>{t("existingCard.newCard")}</Text>
    </EmailLayout>
  );
}

export const renderExistingCardEmail = (p: ExistingCardEmailProps) =>
  renderEmail(emailTranslator(p.locale)("existingCard.subject", { merchant: p.merchant.name }), <ExistingCardEmail {...p} />);
