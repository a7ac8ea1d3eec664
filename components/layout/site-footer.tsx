import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LEGAL_PATHS, PRICING_PATH } from "@/lib/legal/paths";

/** The public pages' footer: pricing and the platform's legal documents. */
export async function SiteFooter() {
  const t = await getTranslations();
  const links = [
    [PRICING_PATH, t("legal.pricing")],
    [LEGAL_PATHS.privacy, t("legal.privacy")],
    [LEGAL_PATHS.terms, t("legal.terms")],
    [LEGAL_PATHS.dpa, t("legal.dpa")],
  ] as const;
  return (
    <footer className="border-t border-stone-200 py-8 text-center text-sm text-stone-500">
      <nav aria-label={t("legal.footerNav")} className="mx-auto flex max-w-5xl flex-wrap justify-center gap-x-6 gap-y-1 px-4">
        {links.map(([href, label]) => (
          <Link key={href} href={href} className="inline-block py-2 text-stone-700 underline-offset-4 hover:underline">
            {label}
          </Link>
        ))}
      </nav>
      <p className="mt-3">{t("landing.footer")}</p>
    </footer>
  );
}
