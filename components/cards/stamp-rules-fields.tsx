"use client";
// The card designer's stamp rules: each rule with an example built from the
// values being typed ("Binnen 30 minuten maximaal 10 stempels — genoeg voor een
// groepsbestelling …"), and each field's own message when it is out of range.
// The ranges are STAMP_RULES (lib/validation/programs.ts), which the server checks too.
import { useTranslations } from "next-intl";
import type { ChangeEvent, ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { STAMP_RULES } from "@/lib/validation/programs";

type RuleField = keyof typeof STAMP_RULES;

type Props = {
  values: Record<string, string>;
  errors: Record<string, string[] | undefined>;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
};

/** The number typed, or the default while the field is empty or not a number (the example stays readable). */
const numberOr = (value: string | undefined, field: RuleField) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n >= 0 ? n : STAMP_RULES[field].default;
};

export function StampRulesFields({ values, errors, onChange }: Props) {
  const t = useTranslations("stampRules");
  const minutes = numberOr(values.visitMinutes, "visitMinutes");
  const perVisit = numberOr(values.maxStampsPerVisit, "maxStampsPerVisit");
  const perDay = numberOr(values.maxStampsPerDay, "maxStampsPerDay");
  const seconds = numberOr(values.undoWindowSeconds, "undoWindowSeconds");

  const error = (field: RuleField) => {
    const key = errors[field]?.[0];
    if (!key) return null;
    const text = key === "visitOverDay" ? t("errors.visitOverDay") : t(`errors.${field}`, { min: STAMP_RULES[field].min, max: STAMP_RULES[field].max });
    return (
      <p id={`${field}-error`} className="text-sm text-red-700" role="alert">
        {text}
      </p>
    );
  };
  /** `example`: the id of the sentence explaining the rule (the visit's two fields share one). */
  const number = (field: RuleField, example: string = field) => (
    <Input
      id={field}
      name={field}
      type="number"
      inputMode="numeric"
      min={STAMP_RULES[field].min}
      max={STAMP_RULES[field].max}
      value={values[field] ?? ""}
      onChange={onChange}
      aria-invalid={errors[field] ? true : undefined}
      aria-describedby={errors[field] ? `${field}-error` : `${example}-example`}
      className="w-28"
    />
  );
  const example = (field: string, text: ReactNode) => (
    <p id={`${field}-example`} className="text-sm text-stone-600">
      {text}
    </p>
  );

  return (
    <fieldset className="space-y-5 rounded-2xl border border-stone-200 bg-white p-5" data-testid="stamp-rules">
      <legend className="px-1 font-semibold">{t("title")}</legend>
      <p className="text-sm text-stone-600">{t("lead")}</p>

      <div className="space-y-1.5">
        <div className="flex flex-wrap items-end gap-3">
          <div className="space-y-1.5">
            <Label htmlFor="maxStampsPerVisit">{t("maxStampsPerVisit")}</Label>
            {number("maxStampsPerVisit", "visit")}
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="visitMinutes">{t("visitMinutes")}</Label>
            {number("visitMinutes", "visit")}
          </div>
        </div>
        {error("maxStampsPerVisit")}
        {error("visitMinutes")}
        {example("visit", t("visitExample", { minutes, limit: perVisit }))}
      </div>

      <div className="space-y-1.5">
        <Label htmlFor="maxStampsPerDay">{t("maxStampsPerDay")}</Label>
        {number("maxStampsPerDay")}
        {error("maxStampsPerDay")}
        {example("maxStampsPerDay", t("dayExample", { next: perDay + 1 }))}
      </div>

      <div className="space-y-1.5">
        <Label htmlFor="undoWindowSeconds">{t("undoWindowSeconds")}</Label>
        {number("undoWindowSeconds")}
        {error("undoWindowSeconds")}
        {example("undoWindowSeconds", t("undoExample", { seconds }))}
      </div>

      <div className="space-y-1.5">
        <label className="flex min-h-11 items-center gap-3">
          <input
            type="checkbox"
            name="requirePinToRedeem"
            checked={values.requirePinToRedeem === "true"}
            onChange={onChange}
            className="size-5"
            aria-describedby="requirePinToRedeem-example"
          />
          {t("requirePinToRedeem")}
        </label>
        {example("requirePinToRedeem", t("redeemExample"))}
      </div>
    </fieldset>
  );
}
