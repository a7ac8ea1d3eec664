"use client";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/lib/validation/auth";

/**
 * The one "choose a password" field (sign-up, reset, accepting an invitation):
 * the minimum length in the hint, the browser's password manager offered a new
 * password, and errors from the form's own checks (forms are noValidate).
 */
export function NewPasswordField({ errors }: { errors?: string[] }) {
  const t = useTranslations("auth");
  return (
    <Field
      name="password"
      type="password"
      label={t("password")}
      hint={t("passwordHint", { min: PASSWORD_MIN })}
      autoComplete="new-password"
      required
      errors={errors}
    />
  );
}
