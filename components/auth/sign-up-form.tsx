"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { signUpAction } from "@/app/actions/auth";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN, SignUpRequest } from "@/lib/validation/auth";

export function SignUpForm() {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm({
    schema: SignUpRequest,
    action: signUpAction,
    fields: ["name", "businessName", "email", "password"],
    onSuccess: async (_data, input) => {
      const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (res?.error) return "errors.INTERNAL";
      router.push("/dashboard");
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-busy={form.pending}>
      <FormMessage message={form.message} />
      <Field name="name" label={t("auth.name")} autoComplete="name" required errors={form.fieldErrors.name} />
      <Field name="businessName" label={t("auth.businessName")} hint={t("auth.businessNameHint")} autoComplete="organization" required errors={form.fieldErrors.businessName} />
      <Field name="email" type="email" label={t("auth.email")} autoComplete="email" inputMode="email" required errors={form.fieldErrors.email} />
      <Field name="password" type="password" label={t("auth.password")} hint={t("auth.passwordHint", { min: PASSWORD_MIN })} autoComplete="new-password" minLength={PASSWORD_MIN} required errors={form.fieldErrors.password} />
      <Button type="submit" variant="accent" size="lg" className="w-full" disabled={form.pending}>
        {form.pending ? t("auth.signUpBusy") : t("auth.signUpSubmit")}
      </Button>
    </form>
  );
}
