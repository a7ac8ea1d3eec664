import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { LanguageSwitcher } from "./language-switcher";

export async function SiteHeader() {
  const t = await getTranslations("nav");
  return (
    <header className="mx-auto flex max-w-5xl items-center justify-between gap-3 px-4 py-4">
      <Link href="/" className="text-xl font-black tracking-tight">
        Stempel<span className="text-amber-500">.</span>
      </Link>
      <nav className="flex items-center gap-2">
        <LanguageSwitcher />
        <Button asChild variant="ghost" size="sm">
          <Link href="/signin">{t("signIn")}</Link>
        </Button>
      </nav>
    </header>
  );
}
