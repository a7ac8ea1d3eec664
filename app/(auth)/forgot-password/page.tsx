import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <AuthShell
      title={t("forgotTitle")}
      lead={t("forgotLead")}
      footer={
        <Link className="font-medium text-amber-800 underline" href="/signin">
          {t("signInSubmit")}
        </Link>
      }
    >
      <ForgotPasswordForm />
    </AuthShell>
  );
}
