// The email namespace of the message catalogs, for one language: a template
// is rendered in the recipient's language, not the language of whoever caused it.
import { createTranslator } from "next-intl";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/config";
import { en, nl } from "@/lib/i18n/messages";

type Values = Record<string, string | number>;
export type EmailT = {
  (key: string, values?: Values): string;
  /** Messages with tags (`<link>…</link>`), each tag rendered by the function of its name. */
  rich(key: string, values: Record<string, string | number | ((chunks: ReactNode) => ReactNode)>): ReactNode;
};

const MESSAGES = { nl, en } as const;

export function emailTranslator(locale: Locale): EmailT {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "email" }) as unknown as EmailT;
}
