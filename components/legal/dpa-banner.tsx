"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { acceptDpaAction } from "@/app/actions/legal";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { LEGAL_PATHS } from "@/lib/legal/paths";
import { AcceptDpaRequest } from "@/lib/validation/legal";

/** Asks the owner to accept the data processing agreement: the first time, or again after a new version. */
export function DpaBanner({ status, version, business }: { status: "missing" | "outdated"; version: string; business: string }) {
  const t = useTranslations("legal.dpaBanner");
  const router = useRouter();
  const form = useActionForm({
    schema: AcceptDpaRequest,
    action: acceptDpaAction,
    fields: ["accepted"],
    success: "legal.dpaBanner.done",
    onSuccess: () => router.refresh(),
  });
  return (
    <section aria-labelledby="dpa-banner-title" className="border-b border-amber-200 bg-amber-50 px-4 py-4 text-amber-950" data-testid="dpa-banner">
      <form
        onSubmit={form.onSubmit}
        onChange={(ev) => ev.target instanceof HTMLInputElement && form.clearFieldError(ev.target.name)}
        noValidate
        className="mx-auto max-w-6xl space-y-3"
        aria-busy={form.pending}
      >
        <h2 id="dpa-banner-title" className="font-semibold">
          {t(status === "missing" ? "missingTitle" : "outdatedTitle")}
        </h2>
        <p className="text-sm">
          {t("body", { version, business })}{" "}
          <Link href={LEGAL_PATHS.dpa} target="_blank" className="font-medium underline">
            {t("read")}
          </Link>
        </p>
        <input type="hidden" name="version" value={version} />
        <FormMessage inline message={form.message} />
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
          <CheckboxField name="accepted" label={t("checkbox", { version, business })} errors={form.fieldErrors.accepted} />
          <Button type="submit" size="sm" disabled={form.pending}>
            {form.pending ? t("busy") : t("submit")}
          </Button>
        </div>
      </form>
    </section>
  );
}
