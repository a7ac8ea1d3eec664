import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignUpForm } from "@/components/auth/sign-up-form";

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  return (
    <AuthShell
      title={t("signUpTitle")}
      lead={t("signUpLead")}
      footer={
        <>
          {t("haveAccount")}{" "}
          <Link className="font-medium text-amber-800 underline" href="/signin">
            {t("signInSubmit")}
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthShell>
  );
}
