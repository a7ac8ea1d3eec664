"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { resetPasswordAction } from "@/app/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN, PasswordResetConfirm } from "@/lib/validation/auth";
import { useActionForm } from "./use-action-form";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm(PasswordResetConfirm, resetPasswordAction, () => router.push("/signin?reset=1"));
  const tokenError = form.fieldErrors.token?.[0];
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-busy={form.pending}>
      {(form.formError || tokenError) && <Alert tone="error">{t(form.formError ?? `validation.${tokenError}`)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <Field name="password" type="password" label={t("auth.password")} hint={t("auth.passwordHint", { min: PASSWORD_MIN })} autoComplete="new-password" required errors={form.fieldErrors.password} />
      <Button type="submit" size="lg" className="w-full" disabled={form.pending}>
        {form.pending ? t("common.loading") : t("auth.resetSubmit")}
      </Button>
    </form>
  );
}
