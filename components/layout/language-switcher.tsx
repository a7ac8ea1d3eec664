"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLocaleAction } from "@/app/actions/preferences";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { cn } from "@/components/ui/cn";
import { LOCALES } from "@/lib/i18n/config";
import { LocaleRequest } from "@/lib/validation/auth";

export function LanguageSwitcher() {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const f = useActionForm({ schema: LocaleRequest, action: setLocaleAction, onSuccess: () => router.refresh() });
  return (
    <>
      <div role="group" aria-label={t("language")} className="inline-flex rounded-lg border border-stone-300 p-0.5 text-sm">
        {LOCALES.map((locale) => (
          <button
            key={locale}
            type="button"
            lang={locale}
            aria-pressed={current === locale}
            disabled={f.pending}
            onClick={() => f.submit({ locale })}
            className={cn(
              "min-h-9 rounded-md px-2.5 font-medium uppercase",
              current === locale ? "bg-stone-900 text-white" : "text-stone-700 hover:bg-stone-100",
            )}
          >
            {locale}
          </button>
        ))}
      </div>
      <FormMessage inline message={f.message} />
    </>
  );
}
