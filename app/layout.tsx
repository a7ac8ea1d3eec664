import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { MessagesProvider } from "@/components/i18n/messages-provider";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: t("title"), description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1c1917" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("skipToContent")}
        </a>
        {/* The error page's messages; each group's layout passes what its pages need. */}
        <MessagesProvider namespaces={["errors"]}>{children}</MessagesProvider>
      </body>
    </html>
  );
}
