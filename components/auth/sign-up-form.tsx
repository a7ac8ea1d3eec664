"use client";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { signUpAction } from "@/app/actions/auth";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { Field } from "@/components/ui/field";
import { LEGAL_PATHS, PRICING_PATH } from "@/lib/legal/paths";
import { SignUpRequest } from "@/lib/validation/auth";
import { NewPasswordField } from "./new-password-field";

const FIELDS = ["name", "businessName", "street", "postcode", "city", "email", "password", "dpaAccepted"] as const;

/** A link to one of the legal pages from inside the form: a new tab, so nothing typed is lost. */
function legalLink(href: string) {
  return function LegalLink(chunks: ReactNode) {
    return (
      <Link href={href} target="_blank" className="font-medium text-amber-800 underline">
        {chunks}
      </Link>
    );
  };
}

export function SignUpForm() {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm({
    schema: SignUpRequest,
    action: signUpAction,
    fields: FIELDS,
    onSuccess: async (_data, input) => {
      const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (res?.error) return "errors.INTERNAL";
      router.push("/dashboard");
      router.refresh();
    },
  });
  const e = form.fieldErrors;
  return (
    // An edited field loses its old error at once (the rest stay until the next submit).
    <form
      onSubmit={form.onSubmit}
      onChange={(ev) => ev.target instanceof HTMLInputElement && form.clearFieldError(ev.target.name)}
      noValidate
      className="space-y-6"
      aria-busy={form.pending}
    >
      <FormMessage message={form.message} />
      <fieldset className="space-y-4">
        <legend className="mb-3 text-base font-semibold">{t("signup.shopLegend")}</legend>
        <Field
          name="businessName"
          label={t("auth.businessName")}
          hint={t("auth.businessNameHint")}
          autoComplete="organization"
          required
          errors={e.businessName}
        />
        <Field name="street" label={t("signup.street")} hint={t("signup.addressHint")} autoComplete="address-line1" required errors={e.street} />
        <Field
          name="postcode"
          label={t("signup.postcode")}
          autoComplete="postal-code"
          autoCapitalize="characters"
          placeholder="1234 AB"
          className="block w-36"
          required
          errors={e.postcode}
        />
        <Field name="city" label={t("signup.city")} autoComplete="address-level2" required errors={e.city} />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="mb-3 text-base font-semibold">{t("signup.accountLegend")}</legend>
        <Field name="name" label={t("auth.name")} autoComplete="name" required errors={e.name} />
        <Field
          name="email"
          type="email"
          label={t("auth.email")}
          hint={t("signup.emailHint")}
          autoComplete="email"
          inputMode="email"
          required
          errors={e.email}
        />
        <NewPasswordField errors={e.password} />
      </fieldset>
      <CheckboxField
        name="dpaAccepted"
        required
        errors={e.dpaAccepted}
        label={t.rich("signup.dpa", { dpa: legalLink(LEGAL_PATHS.dpa), terms: legalLink(LEGAL_PATHS.terms) })}
      />
      <Button type="submit" variant="accent" size="lg" className="w-full" disabled={form.pending}>
        {form.pending ? t("auth.signUpBusy") : t("auth.signUpSubmit")}
      </Button>
      <p className="text-sm text-stone-600">{t.rich("signup.legalNote", { privacy: legalLink(LEGAL_PATHS.privacy), pricing: legalLink(PRICING_PATH) })}</p>
    </form>
  );
}
