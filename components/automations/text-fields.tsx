"use client";
// A title and a message with live counts against each channel's limits (like the
// campaign composer), counted on the text as the sample customer gets it.
import { useTranslations } from "next-intl";
import { textCounts } from "@/components/messages/compose";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { MessageVars } from "@/lib/messages/types";
import { TEXT_LIMITS } from "@/lib/validation/messages";

type Props = {
  id: string;
  lang: "Nl" | "En";
  title: string;
  body: string;
  placeholderTitle: string;
  placeholderBody: string;
  hint: string;
  vars: MessageVars;
  errors: { title?: string; body?: string };
  onChange: (field: "title" | "body", value: string) => void;
};

function Counter({ text, over, testId }: { text: string; over: boolean; testId?: string }) {
  const t = useTranslations("automations.count");
  return (
    <span className={cn("tabular-nums", over ? "font-medium text-amber-800" : "text-stone-500")} data-testid={testId}>
      {text}
      {over && ` (${t("cut")})`}
    </span>
  );
}

export function TextFields({ id, lang, title, body, placeholderTitle, placeholderBody, hint, vars, errors, onChange }: Props) {
  const t = useTranslations("automations");
  // Empty fields send the default: count that.
  const c = textCounts(title || placeholderTitle, body || placeholderBody, vars);
  const titleId = `${id}-title${lang}`;
  const bodyId = `${id}-body${lang}`;
  return (
    <fieldset className="space-y-3">
      <div className="space-y-1.5">
        <Label htmlFor={titleId}>{t(`form.title${lang}`)}</Label>
        <Input
          id={titleId}
          name={`title${lang}`}
          value={title}
          placeholder={placeholderTitle}
          onChange={(e) => onChange("title", e.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${titleId}-error` : undefined}
        />
        <p className="text-xs">
          <Counter text={t("count.chars", { count: c.title.used, max: c.title.max })} over={c.title.over} />
        </p>
        {errors.title && (
          <p id={`${titleId}-error`} className="text-sm text-red-700">
            {errors.title}
          </p>
        )}
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={bodyId}>{t(`form.body${lang}`)}</Label>
        <textarea
          id={bodyId}
          name={`body${lang}`}
          value={body}
          rows={3}
          placeholder={placeholderBody}
          onChange={(e) => onChange("body", e.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${bodyId}-hint${errors.body ? ` ${bodyId}-error` : ""}`}
          className="w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 placeholder:text-stone-400 focus:border-amber-500 focus:outline-none focus:ring-2 focus:ring-amber-500/40 aria-[invalid=true]:border-red-600"
        />
        <p className="flex flex-wrap gap-x-3 text-xs" data-testid={`automation-counts-${lang}`}>
          <Counter text={t("count.apple", { count: c.apple.used, max: c.apple.max })} over={c.apple.over} />
          <Counter text={t("count.google", { count: c.google.used, max: c.google.max })} over={c.google.over} />
          <Counter text={t("count.sms", { parts: c.sms.parts })} over={c.sms.over} />
          <Counter text={t("count.chars", { count: c.body.used, max: TEXT_LIMITS.body })} over={c.body.over} />
        </p>
        <p id={`${bodyId}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
        {errors.body && (
          <p id={`${bodyId}-error`} className="text-sm text-red-700">
            {errors.body}
          </p>
        )}
      </div>
    </fieldset>
  );
}
