// A campaign or automation message as an email (lib/messages/email.ts): the
// merchant's title and text, their optional link as the button, the way to the
// customer's card, and — for marketing — the unsubscribe link that works
// without signing in. In the merchant's colours, like the welcome email.
import { Heading, Hr, Link, Text } from "@react-email/components";
import { createTranslator } from "next-intl";
import { Fragment } from "react";
import type { Locale } from "@/lib/i18n/config";
import { en, nl } from "@/lib/i18n/messages";
import { renderEmail } from "../render";
import { emailTranslator, type EmailT } from "./i18n";
import { ActionButton, EmailLayout, link, small, text, type Brand } from "./layout";

export type MessageEmailProps = {
  locale: Locale;
  merchant: { name: string; privacyContactEmail: string | null };
  brand: Brand;
  title: string;
  /** Plain text as the merchant typed it: a blank line starts a paragraph. */
  body: string;
  link: string | null;
  cardUrl: string;
  /** Set for marketing (consent-based) messages only. */
  unsubscribeUrl: string | null;
  platformUrl: string;
  /** The inbox preview line; by default previewOf(title, body). */
  preview?: string;
};

const MESSAGES = { nl, en } as const;
const messageT = (locale: Locale) => createTranslator({ locale, messages: MESSAGES[locale], namespace: "messageEmail" }) as unknown as EmailT;

/** Paragraphs of the body; single line breaks stay line breaks. */
export const paragraphs = (body: string) =>
  body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** The inbox preview line: the first paragraph, or the title. */
export const previewOf = (title: string, body: string) => paragraphs(body)[0] ?? title;

export function MessageEmail(p: MessageEmailProps) {
  const t = emailTranslator(p.locale);
  const m = messageT(p.locale);
  const body = paragraphs(p.body);
  return (
    <EmailLayout locale={p.locale} t={t} preview={p.preview ?? previewOf(p.title, p.body)} brand={p.brand} merchant={p.merchant} platformUrl={p.platformUrl}>
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", margin: "0 0 12px", color: "#1c1917" }}>
        {p.title}
      </Heading>
      {body.map((para, i) => (
        <Text key={i} style={text}>
          {para.split("\n").map((line, j) => (
            <Fragment key={j}>
              {j > 0 && <br />}
              {line}
            </Fragment>
          ))}
        </Text>
      ))}
      {p.link && <ActionButton href={p.link} label={m("email.link")} brand={p.brand} t={t} />}
      <Text style={text}>
        <Link href={p.cardUrl} style={link} data-testid="message-card-link">
          {m("email.card")}
        </Link>
      </Text>
      <Hr style={{ borderColor: "#e7e5e4", margin: "16px 0 12px" }} />
      <Text style={small}>{m(p.unsubscribeUrl ? "email.marketingNote" : "email.serviceNote", { merchant: p.merchant.name })}</Text>
      {p.unsubscribeUrl && (
        <Text style={small}>
          {m.rich("email.unsubscribe", {
            link: (chunks) => (
              <Link href={p.unsubscribeUrl!} style={link}>
                {chunks}
              </Link>
            ),
          })}
        </Text>
      )}
    </EmailLayout>
  );
}

export const renderMessageEmail = (p: MessageEmailProps) => renderEmail(p.title, <MessageEmail {...p} />);
