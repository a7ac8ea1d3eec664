// The email channel of messages (docs/messages/channels.md): a campaign or
// automation message as a real email (lib/email/templates/message.tsx, the
// same React Email system as the welcome email). Marketing carries an
// unsubscribe link in the footer and the RFC 8058 one-click headers, so mail
// apps show their own "Afmelden" button; service messages (about the card
// itself) carry neither. Sent by the engine with sendEmailOnce(delivery.id, …).
import type { Email } from "@/lib/email/send-email";
import type { Brand } from "@/lib/email/templates/layout";
import { renderMessageEmail } from "@/lib/email/templates/message";
import { appUrl } from "@/lib/env";
import { imageUrl } from "@/lib/images/process-upload";
import { unsubscribeToken } from "./unsubscribe";

export type MessageEmailInput = {
  to: string;
  locale: "nl" | "en";
  merchant: string;
  title: string;
  body: string;
  link: string | null;
  /** The customer's web card. */
  cardUrl: string;
  /** Null for service messages (about the card itself); set for marketing. */
  unsubscribeUrl: string | null;
  /** The card's colours and logo (messageBrand); without: the merchant's name on Stempel's default card colours. */
  brand?: Brand;
  /** Where customers send privacy questions (Organization.privacyContactEmail), shown in the footer. */
  privacyContactEmail?: string | null;
};

/** The email's look from the card program the message goes on (like the welcome email's). */
export function messageBrand(merchant: string, program: { backgroundColor: string; foregroundColor: string; logoKey: string | null }): Brand {
  const logo = imageUrl(program.logoKey);
  return { name: merchant, logoUrl: logo && `${appUrl()}${logo}`, backgroundColor: program.backgroundColor, foregroundColor: program.foregroundColor };
}

export async function messageEmail(input: MessageEmailInput): Promise<Email> {
  const { subject, html, text } = await renderMessageEmail({
    locale: input.locale,
    merchant: { name: input.merchant, privacyContactEmail: input.privacyContactEmail ?? null },
    brand: input.brand ?? { name: input.merchant, logoUrl: null, backgroundColor: "#3b2a20", foregroundColor: "#ffffff" },
    title: input.title,
    body: input.body,
    link: input.link,
    cardUrl: input.cardUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    platformUrl: appUrl(),
  });
  const email: Email = { to: input.to, subject, html, text };
  // RFC 8058: the mail app POSTs "List-Unsubscribe=One-Click" to this URL (app/(customer)/u/[token]/route.ts).
  if (input.unsubscribeUrl) email.headers = { "List-Unsubscribe": `<${input.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
  return email;
}

/** The no-login unsubscribe link for a customer (a signed token, lib/messages/unsubscribe.ts). */
export function unsubscribeUrl(orgId: string, customerId: string): string {
  return `${appUrl()}/u/${unsubscribeToken(orgId, customerId)}`;
}
