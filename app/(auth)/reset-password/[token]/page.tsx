import { getTranslations } from "next-intl/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations("auth");
  const { token } = await params;
  return (
    <AuthShell title={t("resetTitle")}>
      <ResetPasswordForm token={token} />
    </AuthShell>
  );
}
