"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions/preferences";
import { LOCALES } from "@/lib/i18n/config";
import { cn } from "@/components/ui/cn";

export function LanguageSwitcher() {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t("language")} className="inline-flex rounded-lg border border-stone-300 p-0.5 text-sm">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction({ locale });
              router.refresh();
            })
          }
          className={cn("min-h-9 rounded-md px-2.5 font-medium uppercase", current === locale ? "bg-stone-900 text-white" : "text-stone-700 hover:bg-stone-100")}
        >
          {locale}
        </button>
      ))}
    </div>
  );
}
