// The email to a merchant's owners when an endpoint was switched off after
// failing for about a day (texts in the "webhooks" message files).
import { appUrl } from "@/lib/env";
import en from "@/lib/i18n/messages/en/webhooks.json";
import nl from "@/lib/i18n/messages/nl/webhooks.json";

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

export function disabledEmail(locale: "nl" | "en", values: { shop: string; url: string; reason: string }) {
  const m = (locale === "en" ? en : nl).disabledEmail;
  const all = { ...values, link: `${appUrl()}/dashboard/settings/webhooks` };
  return { subject: fill(m.subject, all), text: fill(m.text, all) };
}
