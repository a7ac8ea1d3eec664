"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/result";
import { SignInRequest } from "@/lib/validation/auth";

const ERRORS: Record<string, string> = { RATE_LIMITED: "errors.RATE_LIMITED", CredentialsSignin: "auth.invalidCredentials" };

async function signInWithCredentials(input: SignInRequest): Promise<ActionResult<null>> {
  const res = await signIn("credentials", { ...input, redirect: false });
  if (!res || res.error) return { ok: false, error: ERRORS[res?.error ?? ""] ?? "errors.INTERNAL" };
  return { ok: true, data: null };
}

export function SignInForm({ notice, next = "/dashboard" }: { notice?: string; next?: string }) {
  const t = useTranslations();
  const router = useRouter();
  const form = useActionForm({
    schema: SignInRequest,
    action: signInWithCredentials,
    fields: ["email", "password"],
    onSuccess: () => {
      router.push(next);
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-4" aria-busy={form.pending}>
      {notice && !form.message && <Alert tone="success">{notice}</Alert>}
      <FormMessage message={form.message} />
      <Field name="email" type="email" label={t("auth.email")} autoComplete="email" inputMode="email" required errors={form.fieldErrors.email} />
      <Field name="password" type="password" label={t("auth.password")} autoComplete="current-password" required errors={form.fieldErrors.password} />
      <Button type="submit" size="lg" className="w-full" disabled={form.pending}>
        {form.pending ? t("auth.signInBusy") : t("auth.signInSubmit")}
      </Button>
    </form>
  );
}
