"use client";
// Who gets the message: everyone, an Insights group (RFM segment, ladder rung,
// matrix cell, by their Dutch names), a location's customers, customers with a
// reward waiting, a tag, a saved customer-list filter, or the filtered customer
// list the merchant came from. Two selects: keyboard and touch friendly.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { CELLS, RUNGS, SEGMENTS } from "@/lib/validation/customers";
import type { Audience, AudienceKind } from "@/lib/validation/messages";

export type AudienceOptions = {
  locations: { id: string; name: string }[];
  tags: string[];
  saved: { id: string; name: string }[];
  /** The customer list's query string when the composer was opened from it (?audience=filter&filter=…). */
  filter: string | null;
};

const selectClass =
  "h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 focus:border-amber-500 focus:outline-none focus:ring-2 focus:ring-amber-500/40 aria-[invalid=true]:border-red-600";

type Names = (key: string) => string;

/** The choices for one kind of audience: [value, label] (`names`: the customers.detail.insights translator). */
function audienceValues(kind: AudienceKind, options: AudienceOptions, t: Names): [string, string][] {
  switch (kind) {
    case "segment":
      return SEGMENTS.map((s) => [s, t(`segment.names.${s}`)]);
    case "rung":
      return RUNGS.map((r) => [r, t(`rung.names.${r}`)]);
    case "cell":
      return CELLS.map((c) => [c, t(`cell.names.${c}`)]);
    case "location":
      return options.locations.map((l) => [l.id, l.name]);
    case "tag":
      return options.tags.map((g) => [g, g]);
    case "saved":
      return options.saved.map((s) => [s.id, s.name]);
    default:
      return [];
  }
}

/** The audience of a kind with its first choice (or the filter it came with). */
export function firstAudience(kind: AudienceKind, options: AudienceOptions, values: [string, string][]): Audience | null {
  if (kind === "all" || kind === "reward") return { kind };
  if (kind === "filter") return options.filter !== null ? { kind, value: options.filter } : null;
  const first = values[0]?.[0];
  return first ? ({ kind, value: first } as Audience) : null;
}

export function AudiencePicker({
  value,
  onChange,
  options,
  error,
}: {
  value: Audience;
  onChange: (a: Audience) => void;
  options: AudienceOptions;
  error?: string | null;
}) {
  const t = useTranslations("messages.audience");
  const kinds: AudienceKind[] = [
    "all",
    "segment",
    "rung",
    "cell",
    "location",
    "reward",
    "tag",
    "saved",
    ...(options.filter !== null ? (["filter"] as const) : []),
  ];
  const names = useTranslations("customers.detail.insights") as unknown as Names;
  const values = audienceValues(value.kind, options, names);
  const current = "value" in value ? value.value : "";

  function pickKind(kind: AudienceKind) {
    // A kind without choices (no tags yet) stays picked, with an empty value the schema refuses.
    onChange(firstAudience(kind, options, audienceValues(kind, options, names)) ?? ({ kind, value: "" } as Audience));
  }

  const needsValue = !["all", "reward", "filter"].includes(value.kind);
  return (
    <fieldset className="space-y-3" data-testid="audience-picker">
      <legend className="text-lg font-semibold">{t("title")}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1.5">
          <Label htmlFor="audience-kind">{t("kindLabel")}</Label>
          <select
            id="audience-kind"
            className={selectClass}
            value={value.kind}
            onChange={(e) => pickKind(e.target.value as AudienceKind)}
            data-testid="audience-kind"
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {needsValue && (
          <div className="space-y-1.5">
            <Label htmlFor="audience-value">{t(`valueLabel.${value.kind}`)}</Label>
            {values.length === 0 ? (
              <p className="py-2 text-sm text-stone-600" data-testid="audience-no-values">
                {t(`noValues.${value.kind}`)}
              </p>
            ) : (
              <select
                id="audience-value"
                className={selectClass}
                value={current}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "audience-error" : undefined}
                onChange={(e) => onChange({ kind: value.kind, value: e.target.value } as Audience)}
                data-testid="audience-value"
              >
                {values.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </div>
        )}
      </div>
      <p className="text-sm text-stone-600" data-testid="audience-hint">
        {t(`hints.${value.kind}`)}
      </p>
      {value.kind === "filter" && options.filter !== null && (
        <Link href={`/dashboard/customers${options.filter ? `?${options.filter}` : ""}`} className="text-sm text-amber-800 underline underline-offset-4">
          {t("filterLink")}
        </Link>
      )}
      {error && (
        <p id="audience-error" className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
