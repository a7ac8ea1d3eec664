import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/sign-in-form";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations("auth");
  const params = await searchParams;
  const notice = params.reset ? t("resetDone") : params.signedOut ? t("signedOut") : undefined;
  return (
    <AuthShell
      title={t("signInTitle")}
      lead={t("signInLead")}
      footer={
        <div className="space-y-2">
          <p>
            <Link className="font-medium text-amber-800 underline" href="/forgot-password">
              {t("forgot")}
            </Link>
          </p>
          <p>
            {t("noAccount")}{" "}
            <Link className="font-medium text-amber-800 underline" href="/signup">
              {t("signUpSubmit")}
            </Link>
          </p>
        </div>
      }
    >
      <SignInForm notice={notice} next={safeNext(params.next)} />
    </AuthShell>
  );
}

/** Only same-site paths, never "//evil.example". */
function safeNext(next: string | string[] | undefined): string | undefined {
  return typeof next === "string" && /^\/(?!\/)[\w\-/?=&.%]*$/.test(next) ? next : undefined;
}
