import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * The messages client components read. They are serialized into every page
 * under this provider: all of them (about 160 kB) by default, for the
 * dashboard; only `namespaces` where a phone on a slow network opens the page
 * (the customer's web card: tests/e2e/lighthouse.spec.ts).
 */
export async function MessagesProvider({ namespaces, children }: { namespaces?: string[]; children: React.ReactNode }) {
  if (!namespaces) return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
  const all = await getMessages();
  return <NextIntlClientProvider messages={Object.fromEntries(namespaces.map((n) => [n, all[n]]))}>{children}</NextIntlClientProvider>;
}
