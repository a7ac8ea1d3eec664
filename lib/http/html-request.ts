// Glue shared by the customer's plain-HTML route handlers (the web card, the
// enrollment form, the survey's form post, the unsubscribe page): the language
// and its translator, and the small 404 page. Everything comes from the Request
// itself (no next/headers), so the handlers answer the same in Next.js and in tests.
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "@/lib/i18n/config";
import { en, nl } from "@/lib/i18n/messages";
import { requestCookie } from "./cookies";

const MESSAGES = { nl, en } as const;

/** A translator over the message keys as plain strings (the HTML templates build keys at run time). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;
/** The same, and whether a key exists. */
export type T = Translate & { has: (key: string) => boolean };

/** The language asked for (`?lang=`, where a route takes it), else the language cookie's, else Dutch. */
export function requestLocale(req: Request, requested?: string | null): Locale {
  const fromCookie = requestCookie(req, LOCALE_COOKIE);
  return isLocale(requested) ? requested : isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}

/** The translator of a language, optionally within one namespace of the messages. */
export function translatorFor(locale: Locale, namespace?: string): T {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: namespace as never }) as unknown as T;
}

/** The request's language (see requestLocale) and its translator. */
export function requestTranslator(req: Request, requested?: string | null): { locale: Locale; t: T } {
  const locale = requestLocale(req, requested);
  return { locale, t: translatorFor(locale) };
}

/** The page of a card or program that is not there (served with status 404). `message` is a message key. */
export function notFoundHtml(locale: Locale, t: Translate, message: string): string {
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>404</title><body style="font-family:system-ui;text-align:center;padding:3rem 1rem"><h1>${t("errors.notFoundTitle")}</h1><p>${t(message)}</p></body></html>`;
}
