"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { resetPasswordAction } from "@/app/actions/auth";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { PasswordResetConfirm } from "@/lib/validation/auth";
import { NewPasswordField } from "./new-password-field";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const router = useRouter();
  // The hidden token has no field of its own: its error (an old link) is the form's message.
  const form = useActionForm({
    schema: PasswordResetConfirm,
    action: resetPasswordAction,
    fields: ["password"],
    onSuccess: () => router.push("/signin?reset=1"),
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-busy={form.pending}>
      <FormMessage message={form.message} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordField errors={form.fieldErrors.password} />
      <Button type="submit" size="lg" className="w-full" disabled={form.pending}>
        {form.pending ? t("common.loading") : t("auth.resetSubmit")}
      </Button>
    </form>
  );
}
