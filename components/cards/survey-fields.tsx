"use client";
// The card designer's "Vragen aan klanten": which questions the customers of
// this card get on their phone (lib/surveys), each with a sentence saying when
// they are asked, built from the values being typed. The NPS numbers and the
// CLI questions only show while the NPS question is on. The ranges are
// SURVEY_SETTINGS (lib/validation/surveys.ts), which the server checks too.
import { useTranslations } from "next-intl";
import type { ChangeEvent } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SURVEY_SETTINGS } from "@/lib/validation/surveys";

type NumberField = keyof typeof SURVEY_SETTINGS;

type Props = {
  values: Record<string, string>;
  errors: Record<string, string[] | undefined>;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
};

/** The number typed, or the default while the field is empty or not a number (the example stays readable). */
const numberOr = (value: string | undefined, field: NumberField) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n > 0 ? n : SURVEY_SETTINGS[field].default;
};

export function SurveyFields({ values, errors, onChange }: Props) {
  const t = useTranslations("survey.settings");
  // The NPS details show while the question is on (or while one of them has an error to fix).
  const nps = values.surveyNps === "true" || Boolean(errors.surveyNpsAfterVisits || errors.surveyNpsEveryDays);

  const checkbox = (name: string, example: string) => (
    <div className="space-y-1.5">
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" name={name} checked={values[name] === "true"} onChange={onChange} className="size-5" aria-describedby={`${name}-example`} />
        {t(name)}
      </label>
      <p id={`${name}-example`} className="text-sm text-stone-600">
        {example}
      </p>
    </div>
  );
  const number = (field: NumberField) => (
    <div className="space-y-1.5">
      <Label htmlFor={field}>{t(field)}</Label>
      <Input
        id={field}
        name={field}
        type="number"
        inputMode="numeric"
        min={SURVEY_SETTINGS[field].min}
        max={SURVEY_SETTINGS[field].max}
        value={values[field] ?? ""}
        onChange={onChange}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `${field}-error` : "surveyNps-example"}
        className="w-28"
      />
      {errors[field] && (
        <p id={`${field}-error`} className="text-sm text-red-700" role="alert">
          {t(`errors.${field}`, { min: SURVEY_SETTINGS[field].min, max: SURVEY_SETTINGS[field].max })}
        </p>
      )}
    </div>
  );

  return (
    <fieldset className="space-y-5 rounded-2xl border border-stone-200 bg-white p-5" data-testid="survey-settings">
      <legend className="px-1 font-semibold">{t("title")}</legend>
      <p className="text-sm text-stone-600">{t("lead")}</p>
      {checkbox("surveySatisfaction", t("satisfactionExample"))}
      {checkbox(
        "surveyNps",
        t("npsExample", {
          visits: numberOr(values.surveyNpsAfterVisits, "surveyNpsAfterVisits"),
          days: numberOr(values.surveyNpsEveryDays, "surveyNpsEveryDays"),
        }),
      )}
      {nps && (
        <div className="space-y-5 border-l-2 border-stone-200 pl-4">
          <div className="flex flex-wrap items-start gap-3">
            {number("surveyNpsAfterVisits")}
            {number("surveyNpsEveryDays")}
          </div>
          {checkbox("surveyCli", t("cliExample"))}
        </div>
      )}
    </fieldset>
  );
}
