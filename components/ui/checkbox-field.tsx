"use client";
import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";

/** A checkbox with its label beside it (which may hold links) and a localized error, wired for screen readers. */
export function CheckboxField({
  name,
  label,
  errors,
  ...input
}: Omit<ComponentProps<"input">, "type"> & { name: string; label: ReactNode; errors?: string[] }) {
  const t = useTranslations();
  const error = errors?.[0];
  const errorId = `${name}-error`;
  return (
    <div className="space-y-1.5">
      <div className="flex items-start gap-3">
        <input
          id={name}
          name={name}
          type="checkbox"
          className="mt-0.5 size-5 shrink-0 accent-amber-600"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          {...input}
        />
        <label htmlFor={name} className="text-sm text-stone-800">
          {label}
        </label>
      </div>
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {t.has(`validation.${error}`) ? t(`validation.${error}`) : t("validation.invalid")}
        </p>
      )}
    </div>
  );
}
