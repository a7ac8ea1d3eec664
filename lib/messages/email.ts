// STUB (replaced by the channels helper): a message as an email (React Email, like the welcome email).
import type { Email } from "@/lib/email/send-email";

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
};

export async function messageEmail(input: MessageEmailInput): Promise<Email> {
  return { to: input.to, subject: input.title, text: `${input.body}\n\n${input.cardUrl}` };
}

/** The no-login unsubscribe link for a customer (a signed token). */
export function unsubscribeUrl(_orgId: string, _customerId: string): string {
  return "";
}
