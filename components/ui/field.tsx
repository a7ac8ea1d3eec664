"use client";
import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";
import { Input } from "./input";
import { Label } from "./label";

/** Label + input + hint + localized error, wired for screen readers. */
export function Field({ name, label, hint, errors, ...input }: ComponentProps<"input"> & { name: string; label: string; hint?: string; errors?: string[] }) {
  const t = useTranslations();
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  const error = errors?.[0];
  return (
    <div className="space-y-1.5">
      <Label htmlFor={name}>{label}</Label>
      <Input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {hint && !error && (
        <p id={hintId} className="text-sm text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {t.has(`validation.${error}`) ? t(`validation.${error}`) : t("validation.invalid")}
        </p>
      )}
    </div>
  );
}
