// The email channel of messages (docs/messages/channels.md): a campaign or
// automation message as a real email (lib/email/templates/message.tsx, the
// same React Email system as the welcome email). Marketing carries an
// unsubscribe link in the footer and the RFC 8058 one-click headers, so mail
// apps show their own "Afmelden" button; service messages (about the card
// itself) carry neither. Sent by the engine with sendEmailsOnce (by delivery id).
import type { Email } from "@/lib/email/send-email";
import type { Brand } from "@/lib/email/templates/layout";
import { previewOf, renderMessageEmail } from "@/lib/email/templates/message";
import { appUrl } from "@/lib/env";
import { imageUrl } from "@/lib/images/process-upload";
import { fillTemplate, firstName } from "./template";
import type { MessageVars } from "./types";
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
  /** The inbox preview line (default: the first paragraph). */
  preview?: string;
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
    preview: input.preview,
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

// ---- many recipients, one render

const NONCE = Math.random().toString(36).slice(2, 10);
const token = (k: string) => `stmpl${k}x${NONCE}`;
const SLOTS = ["name", "reward", "stamps", "toGo", "card", "unsub"] as const;
type Slot = (typeof SLOTS)[number];
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
// React Email's <Preview>: the text (at most 150 characters), then invisible padding up to 150.
const PREVIEW_MAX = 150;
const previewBlock = (text: string) =>
  escapeHtml(text) + (text.length < PREVIEW_MAX ? `<div>${"\u00a0\u200c\u200b\u200d\u200e\u200f\ufeff".repeat(PREVIEW_MAX - text.length)}</div>` : "");

/** A message to many: the texts as typed (with {naam} …), filled in per recipient. */
export type TemplatedEmailInput = Omit<MessageEmailInput, "title" | "body"> & {
  template: { title: string; body: string };
  vars: MessageVars;
};

/**
 * Rendering a React Email takes ~25 ms of CPU, so a campaign's emails are
 * rendered once per distinct template (language, texts, link, marketing or not)
 * with a marker in each per-recipient place, then every recipient's values are
 * put in (HTML-escaped in the HTML, as typed in the text and subject). The
 * result is the same as messageEmail with the filled-in texts (unit test),
 * including the inbox preview line, which React Email pads to 150 characters
 * (so it is rendered from a marker and rebuilt). A value with a line break or
 * spaces around it (they could change the paragraphs) is rendered whole.
 */
export function templatedEmails(): (input: TemplatedEmailInput) => Promise<Email> {
  const rendered = new Map<string, Promise<Email>>();
  const markers: MessageVars = {
    name: token("name"),
    reward: token("reward"),
    stamps: token("stamps") as unknown as number,
    toGo: token("toGo") as unknown as number,
  };
  return async (input) => {
    const { template, vars, ...rest } = input;
    const values: Record<Slot, string> = {
      name: firstName(vars.name),
      reward: vars.reward,
      stamps: String(vars.stamps),
      toGo: String(vars.toGo),
      card: input.cardUrl,
      unsub: input.unsubscribeUrl ?? "",
    };
    if (Object.values(values).some((v) => /[\r\n]/.test(v) || v !== v.trim() || v.includes(NONCE))) {
      return messageEmail({ ...rest, title: fillTemplate(template.title, vars), body: fillTemplate(template.body, vars) });
    }
    const key = JSON.stringify([rest.locale, rest.merchant, rest.link, !!rest.unsubscribeUrl, rest.brand ?? null, rest.privacyContactEmail ?? null, template]);
    let shape = rendered.get(key);
    if (!shape) {
      shape = messageEmail({
        ...rest,
        to: "",
        title: fillTemplate(template.title, markers),
        body: fillTemplate(template.body, markers),
        cardUrl: token("card"),
        unsubscribeUrl: rest.unsubscribeUrl ? token("unsub") : null,
        preview: token("preview"),
      });
      rendered.set(key, shape);
    }
    const s = await shape;
    const fill = (text: string, escape: boolean) => SLOTS.reduce((t, k) => t.split(token(k)).join(escape ? escapeHtml(values[k]) : values[k]), text);
    const preview = previewOf(fillTemplate(template.title, vars), fillTemplate(template.body, vars)).substring(0, PREVIEW_MAX);
    const html = s.html && fill(s.html, true).replace(previewBlock(token("preview")), () => previewBlock(preview));
    const email: Email = { to: input.to, subject: fill(s.subject, false), html, text: fill(s.text, false) };
    if (s.headers) email.headers = Object.fromEntries(Object.entries(s.headers).map(([h, v]) => [h, fill(v, false)]));
    return email;
  };
}
