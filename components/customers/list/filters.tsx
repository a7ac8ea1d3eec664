// The list's search and filters: a plain GET form, so it works without
// JavaScript and the result is a URL to bookmark or share. Sort and page size
// ride along as hidden fields; the page goes back to 1. A value from the URL
// that did not make sense was dropped by the page and is named here (`ignored`).
// The Insights groups (?segment=, ?rung=, ?cell= — links from Inzichten) show as
// removable chips with their names, and ride along as hidden fields.
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { DEFAULT_DIR, DEFAULT_LIST, isFiltered, SOURCES, type CustomerFilter, type CustomerListParams } from "@/lib/validation/customers";
import { clearedHref, listHref, LIST_PATH } from "./href";

export type FilterOptions = {
  programs: { id: string; name: string; status: string }[];
  locations: { id: string; name: string; archivedAt: Date | null }[];
  tags: { tag: string; customers: number }[];
};

const control =
  "h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 focus:border-amber-500 focus:outline-none focus:ring-2 focus:ring-amber-500/40 aria-[invalid=true]:border-red-600";

function Item({ name, label, error, children }: { name: string; label: string; error?: string; children: (a11y: object) => ReactNode }) {
  const id = `filter-${name}`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined })}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function CustomerFilters({
  params,
  options,
  ignored,
}: {
  params: CustomerListParams;
  options: FilterOptions;
  ignored: readonly (keyof CustomerFilter)[];
}) {
  const t = useTranslations("customers.list");
  const ts = useTranslations("customers.export.sources");
  const tSeg = useTranslations("insightsSegments");
  const tLoy = useTranslations("insightsLoyalty");
  const groups = (["segment", "rung", "cell"] as const).flatMap((key) => {
    const value = params[key];
    if (!value) return [];
    const name = key === "segment" ? tSeg(`names.${params.segment!}`) : key === "rung" ? tLoy(`rungs.${params.rung!}`) : tLoy(`cells.${params.cell!}`);
    const label = key === "segment" ? tSeg("filter.chip", { name }) : tLoy(`filter.${key}`, { name });
    const remove = tSeg("filter.remove", { name: label });
    return [{ key, value, label, remove }];
  });
  const badGroup = (["segment", "rung", "cell"] as const).some((k) => ignored.includes(k));
  const error = (k: keyof CustomerFilter) =>
    ignored.includes(k) ? t(k.endsWith("From") || k.endsWith("To") ? "filters.badDay" : "filters.badValue") : undefined;
  const select = (name: "program" | "source" | "location" | "consent" | "reward" | "tag", choices: [string, string][]) => (
    <Item name={name} label={t(`filters.${name}`)} error={error(name)}>
      {(a11y) => (
        <select {...a11y} defaultValue={params[name] ?? ""} className={control}>
          <option value="">{t("filters.any")}</option>
          {choices.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Item>
  );
  const day = (name: "lastVisitFrom" | "lastVisitTo" | "joinedFrom" | "joinedTo") => (
    <Item name={name} label={t(`filters.${name}`)} error={error(name)}>
      {(a11y) => <input {...a11y} type="date" defaultValue={params[name] ?? ""} className={control} />}
    </Item>
  );
  const yesNo: [string, string][] = [
    ["yes", t("filters.yes")],
    ["no", t("filters.no")],
  ];
  const filtered = isFiltered(params);
  // The details open for a filter set inside them (the Insights groups show as chips outside).
  const narrowed =
    isFiltered({ ...params, q: undefined, segment: undefined, rung: undefined, cell: undefined }) ||
    ignored.some((k) => !["segment", "rung", "cell"].includes(k));

  return (
    <form method="get" action={LIST_PATH} noValidate role="search" className="space-y-3" data-testid="customer-filters">
      {params.sort !== DEFAULT_LIST.sort && <input type="hidden" name="sort" value={params.sort} />}
      {params.dir !== DEFAULT_DIR[params.sort] && <input type="hidden" name="dir" value={params.dir} />}
      {params.size !== DEFAULT_LIST.size && <input type="hidden" name="size" value={params.size} />}
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-60 flex-1 space-y-1.5">
          <label htmlFor="filter-q" className="text-sm font-medium text-stone-800">
            {t("search")}
          </label>
          <Input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={params.q ?? ""}
            placeholder={t("searchPlaceholder")}
            aria-describedby="filter-q-hint"
            maxLength={100}
            autoComplete="off"
            data-testid="customer-search"
          />
          <span id="filter-q-hint" className="sr-only">
            {t("searchPlaceholder")}
          </span>
        </div>
        <Button type="submit">{t("filters.apply")}</Button>
        {filtered && (
          <Button asChild variant="ghost">
            <Link href={clearedHref(params)} data-testid="customer-filters-clear">
              {t("filters.clear")}
            </Link>
          </Button>
        )}
      </div>
      {(groups.length > 0 || badGroup) && (
        <div className="flex flex-wrap items-center gap-2" data-testid="customer-insight-filters">
          {groups.map((g) => (
            <span
              key={g.key}
              className="inline-flex items-center gap-1 rounded-full bg-amber-100 py-1 pr-1 pl-3 text-sm font-medium text-amber-950"
              data-testid={`filter-chip-${g.key}`}
            >
              <input type="hidden" name={g.key} value={g.value} />
              {g.label}
              <Link
                href={listHref(params, { [g.key]: undefined })}
                aria-label={g.remove}
                title={g.remove}
                className="inline-flex size-6 items-center justify-center rounded-full hover:bg-amber-200 focus:ring-2 focus:ring-amber-500 focus:outline-none"
                data-testid={`filter-chip-remove-${g.key}`}
              >
                ×
              </Link>
            </span>
          ))}
          {badGroup && (
            <p className="text-sm text-red-700" data-testid="filter-chip-ignored">
              {t("filters.badValue")}
            </p>
          )}
        </div>
      )}
      <details open={narrowed} className="rounded-xl border border-stone-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">{t("filters.title")}</summary>
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {select(
            "program",
            options.programs.map((p) => [p.id, p.status === "ARCHIVED" ? t("filters.archived", { name: p.name }) : p.name]),
          )}
          {select(
            "source",
            SOURCES.map((s) => [s, ts(s)]),
          )}
          {select(
            "location",
            options.locations.map((l) => [l.id, l.archivedAt ? t("filters.archived", { name: l.name }) : l.name]),
          )}
          {select(
            "tag",
            options.tags.map((g) => [g.tag, t("filters.tagOption", { tag: g.tag, count: g.customers })]),
          )}
          {select("consent", yesNo)}
          {select("reward", yesNo)}
          {day("lastVisitFrom")}
          {day("lastVisitTo")}
          {day("joinedFrom")}
          {day("joinedTo")}
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <Button type="submit" variant="outline">
            {t("filters.apply")}
          </Button>
        </div>
      </details>
    </form>
  );
}
