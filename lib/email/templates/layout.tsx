// The frame every email shares: a header in the sender's colours with its logo
// (a merchant's card design, or Stempel's own), the message, a footer naming the
// merchant and their privacy contact, and Stempel's platform footer. Built from
// React Email's table-based components, so it holds up in Outlook and Gmail.
import { Body, Button, Container, Head, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import type { Locale } from "@/lib/i18n/config";
import type { EmailT } from "./i18n";

/** Who the email is from, as the recipient knows them. */
export type Brand = {
  name: string;
  /** Absolute URL (email clients have no base URL). */
  logoUrl: string | null;
  backgroundColor: string;
  foregroundColor: string;
};

/** Stempel's own look, for emails to merchants and their staff. */
export const PLATFORM_BRAND: Brand = { name: "Stempel", logoUrl: null, backgroundColor: "#f59e0b", foregroundColor: "#1c1917" };

const HEX = /^#[0-9a-f]{6}$/i;
/** Colours reach a style attribute: only a plain #rrggbb gets there (they are validated on save too). */
const color = (value: string, fallback: string) => (HEX.test(value) ? value : fallback);

export const text: CSSProperties = { fontSize: "16px", lineHeight: "24px", color: "#1c1917", margin: "0 0 16px" };
export const small: CSSProperties = { fontSize: "13px", lineHeight: "20px", color: "#78716c", margin: "0 0 8px" };
export const link: CSSProperties = { color: "#92400e", textDecoration: "underline" };

export function EmailLayout({
  locale,
  t,
  preview,
  brand,
  merchant,
  platformUrl,
  children,
}: {
  locale: Locale;
  t: EmailT;
  preview: string;
  brand: Brand;
  /** For emails a merchant sends to their customers: who they are and where privacy questions go. */
  merchant?: { name: string; privacyContactEmail: string | null };
  /** The app's base URL, for the platform footer's privacy link. */
  platformUrl: string;
  children: ReactNode;
}) {
  const background = color(brand.backgroundColor, PLATFORM_BRAND.backgroundColor);
  const foreground = color(brand.foregroundColor, PLATFORM_BRAND.foregroundColor);
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{ backgroundColor: "#fafaf9", fontFamily: 'system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif', margin: 0, padding: "24px 0" }}
      >
        <Container style={{ maxWidth: "560px", margin: "0 auto", padding: "0 12px" }}>
          <Section style={{ backgroundColor: background, color: foreground, borderRadius: "16px 16px 0 0", padding: "24px" }}>
            {brand.logoUrl && (
              <Img src={brand.logoUrl} alt={brand.name} height="48" style={{ maxWidth: "200px", height: "48px", objectFit: "contain", marginBottom: "12px" }} />
            )}
            <Text style={{ fontSize: "20px", lineHeight: "28px", fontWeight: 700, color: foreground, margin: 0 }}>{brand.name}</Text>
          </Section>
          <Section style={{ backgroundColor: "#ffffff", borderRadius: "0 0 16px 16px", padding: "24px" }}>{children}</Section>
          <Section style={{ padding: "16px 8px 0" }}>
            {merchant && (
              <>
                <Text style={small}>{t("layout.merchantFooter", { merchant: merchant.name })}</Text>
                {merchant.privacyContactEmail && (
                  <Text style={small}>{t("layout.privacyContact", { merchant: merchant.name, email: merchant.privacyContactEmail })}</Text>
                )}
                <Hr style={{ borderColor: "#e7e5e4", margin: "12px 0" }} />
              </>
            )}
            <Text style={small}>
              {t("layout.platform")}{" "}
              <Link href={`${platformUrl}/privacy`} style={link}>
                {t("layout.platformPrivacy")}
              </Link>
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** The one call to action: a big button in the sender's colours, with the link written out below for clients that drop buttons. */
export function ActionButton({ href, label, brand, t }: { href: string; label: string; brand: Brand; t: EmailT }) {
  return (
    <>
      <Section style={{ margin: "8px 0 16px" }}>
        <ButtonLink
          href={href}
          label={label}
          background={color(brand.backgroundColor, PLATFORM_BRAND.backgroundColor)}
          foreground={color(brand.foregroundColor, PLATFORM_BRAND.foregroundColor)}
        />
      </Section>
      {/* The text version already has the link next to the button's label. */}
      <Text style={{ ...small, marginBottom: "16px" }} data-skip-in-text="true">
        {t("layout.linkFallback")}{" "}
        <Link href={href} style={{ ...link, wordBreak: "break-all" }}>
          {href}
        </Link>
      </Text>
    </>
  );
}

export function ButtonLink({ href, label, background, foreground }: { href: string; label: string; background: string; foreground: string }) {
  return (
    <Button
      href={href}
      style={{
        backgroundColor: background,
        color: foreground,
        borderRadius: "12px",
        padding: "14px 24px",
        fontSize: "16px",
        fontWeight: 600,
        textDecoration: "none",
        display: "inline-block",
      }}
    >
      {label}
    </Button>
  );
}
