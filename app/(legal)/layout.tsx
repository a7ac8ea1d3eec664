import { MessagesProvider } from "@/components/i18n/messages-provider";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";

/** The platform's legal documents: readable width, the public header and footer. */
export default function LegalLayout({ children }: { children: React.ReactNode }) {
  return (
    <MessagesProvider>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-3xl px-4 pb-16 pt-6">
        {children}
      </main>
      <SiteFooter />
    </MessagesProvider>
  );
}
