// next-intl without locale prefixes: the language lives in a cookie (set by the
// switcher), defaulting to Dutch. URLs stay the same in both languages.
import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messages } from "./messages";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./config";

export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: "Europe/Amsterdam",
    messages: messages[locale],
  };
});
