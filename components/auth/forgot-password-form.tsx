"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { requestPasswordResetAction } from "@/app/actions/auth";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PasswordResetRequest } from "@/lib/validation/auth";

export function ForgotPasswordForm() {
  const t = useTranslations();
  const [sent, setSent] = useState(false);
  const form = useActionForm({ schema: PasswordResetRequest, action: requestPasswordResetAction, fields: ["email"], onSuccess: () => setSent(true) });
  if (sent) return <Alert tone="success">{t("auth.forgotSent")}</Alert>;
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-busy={form.pending}>
      <FormMessage message={form.message} />
      <Field name="email" type="email" label={t("auth.email")} autoComplete="email" inputMode="email" required errors={form.fieldErrors.email} />
      <Button type="submit" size="lg" className="w-full" disabled={form.pending}>
        {form.pending ? t("common.loading") : t("auth.forgotSubmit")}
      </Button>
    </form>
  );
}
