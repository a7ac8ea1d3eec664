// Glue shared by the customer's plain-HTML route handlers (the web card, the
// enrollment form, the survey's form post): the language and its translator,
// and the small 404 page. Everything comes from the Request itself (no
// next/headers), so the handlers answer the same in Next.js and in tests.
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { en, nl } from "@/lib/i18n/messages";
import { requestCookie } from "./cookies";

const MESSAGES = { nl, en } as const;

/** A translator over the message keys as plain strings (the HTML templates build keys at run time). */
export type T = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

/** The language asked for (`?lang=`, where a route takes it), else the language cookie's, else Dutch; and its translator. */
export function requestTranslator(req: Request, requested?: string | null): { locale: Locale; t: T } {
  const fromCookie = requestCookie(req, LOCALE_COOKIE);
  const locale: Locale = isLocale(requested) ? requested : isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  return { locale, t: createTranslator({ locale, messages: MESSAGES[locale] }) as unknown as T };
}

/** The page of a card or program that is not there (served with status 404). `message` is a message key. */
export function notFoundHtml(locale: Locale, t: T, message: string): string {
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>404</title><body style="font-family:system-ui;text-align:center;padding:3rem 1rem"><h1>${t("errors.notFoundTitle")}</h1><p>${t(message)}</p></body></html>`;
}
