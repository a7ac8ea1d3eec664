"use client";
// The customer's sign-up form behind the QR: only the fields the merchant asked
// for, explicit consent, then either the card or a 6-digit code step for a
// returning customer. Works with one hand on a phone; double taps are harmless.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { enrollAction, verifyEnrollmentAction } from "@/app/actions/enrollment";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { validate } from "@/lib/actions/result";
import { enrollmentSchema, VerifyRequest } from "@/lib/validation/enrollment";
import type { FormFields } from "@/lib/validation/programs";

type Props = { programId: string; token: string; source: string; fields: FormFields; merchantName: string; consentText: string | null; hasTerms: boolean };

export function EnrollForm({ programId, token, source, fields, merchantName, consentText, hasTerms }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [verify, setVerify] = useState<{ id: string; emailHint: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const schema = enrollmentSchema(fields);

  const showErrors = (fieldErrors: Record<string, string[]> | undefined, error: string) => {
    const { _form, ...rest } = fieldErrors ?? {};
    setErrors(rest);
    setFormError(_form ? `validation.${_form[0]}` : Object.keys(rest).length ? null : error);
  };

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    const values = Object.fromEntries(new FormData(e.currentTarget));
    const checked = validate(schema, values);
    if (!checked.ok) return showErrors(checked.fieldErrors, checked.error);
    startTransition(async () => {
      const result = await enrollAction(programId, values);
      if (!result.ok) return showErrors(result.fieldErrors, result.error);
      if (result.data.kind === "card") router.push(`/c/${result.data.webToken}?welcome=1`);
      else setVerify({ id: result.data.verificationId, emailHint: result.data.emailHint });
    });
  }

  function submitCode(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = { verificationId: verify!.id, code: String(new FormData(e.currentTarget).get("code") ?? "") };
    const checked = validate(VerifyRequest, values);
    if (!checked.ok) return showErrors(checked.fieldErrors, checked.error);
    startTransition(async () => {
      const result = await verifyEnrollmentAction(programId, values);
      if (!result.ok) return showErrors(result.fieldErrors, result.error);
      router.push(`/c/${result.data.webToken}`);
    });
  }

  if (verify) {
    return (
      <form onSubmit={submitCode} noValidate className="space-y-4" aria-busy={pending}>
        <Alert tone="info">{t("join.verifyLead", { email: verify.emailHint })}</Alert>
        {formError && <Alert tone="error">{t(formError)}</Alert>}
        <Field name="code" label={t("join.code")} inputMode="numeric" autoComplete="one-time-code" maxLength={6} pattern="\d{6}" errors={errors.code} autoFocus />
        <Button type="submit" variant="accent" size="lg" className="w-full" disabled={pending}>{pending ? t("common.loading") : t("join.verifySubmit")}</Button>
      </form>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-busy={pending}>
      {formError && <Alert tone="error">{t(formError)}</Alert>}
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="source" value={source} />
      <div aria-hidden className="absolute -left-[9999px]">
        <label>Website <input name="website" tabIndex={-1} autoComplete="off" /></label>
      </div>
      <Field name="name" label={t("join.name")} autoComplete="name" required errors={errors.name} />
      {fields.email !== "hidden" && (
        <Field name="email" type="email" inputMode="email" autoComplete="email" label={t(fields.email === "required" ? "join.email" : "join.emailOptional")} errors={errors.email} hint={t("join.emailHint")} />
      )}
      {fields.phone !== "hidden" && (
        <Field name="phone" type="tel" inputMode="tel" autoComplete="tel" label={t(fields.phone === "required" ? "join.phone" : "join.phoneOptional")} errors={errors.phone} />
      )}
      {fields.birthday !== "hidden" && (
        <Field name="birthday" type="date" label={t(fields.birthday === "required" ? "join.birthday" : "join.birthdayOptional")} errors={errors.birthday} hint={t("join.birthdayHint")} />
      )}
      <label className="flex items-start gap-3">
        <input type="checkbox" name="termsAccepted" className="mt-1 size-5 shrink-0" aria-invalid={errors.termsAccepted ? true : undefined} />
        <span>{t(hasTerms ? "join.termsWithLink" : "join.terms", { merchant: merchantName })}</span>
      </label>
      {errors.termsAccepted && <p className="text-sm text-red-700">{t(`validation.${errors.termsAccepted[0]}`)}</p>}
      {fields.marketingConsent && (
        <label className="flex items-start gap-3">
          <input type="checkbox" name="marketingConsent" className="mt-1 size-5 shrink-0" />
          <span>{consentText || t("join.marketing", { merchant: merchantName })}</span>
        </label>
      )}
      <Button type="submit" variant="accent" size="lg" className="w-full" disabled={pending}>{pending ? t("common.loading") : t("join.submit")}</Button>
    </form>
  );
}
