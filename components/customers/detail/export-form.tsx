"use client";
// Exporteren (for the customer list, managers and owners): a CSV of the list's
// current search and filters, with the separator and marketing options. A plain
// GET download (GET /api/customers/export), so the browser streams it to disk.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** `query`: the list's current query string (customerListSearch), without "?". */
export function CustomerExportForm({ query }: { query: string }) {
  const t = useTranslations("customers.export");
  const [sep, setSep] = useState<"semicolon" | "comma">("semicolon");
  const [marketing, setMarketing] = useState(false);
  const params = new URLSearchParams(query);
  params.set("sep", sep);
  if (marketing) params.set("marketing", "1");
  return (
    <div className="space-y-3" data-testid="customer-export">
      <p className="text-sm text-stone-600">{t("intro")}</p>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-stone-800">{t("separator")}</legend>
        {(["semicolon", "comma"] as const).map((v) => (
          <label key={v} className="flex items-center gap-2 text-sm">
            <input type="radio" name="sep" value={v} checked={sep === v} onChange={() => setSep(v)} data-testid={`customer-export-${v}`} />
            {t(v)}
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={marketing} onChange={(e) => setMarketing(e.target.checked)} data-testid="customer-export-marketing" />
        {t("marketing")}
      </label>
      <Button asChild variant="outline">
        <a href={`/api/customers/export?${params.toString()}`} download data-testid="customer-export-download">
          {t("download")}
        </a>
      </Button>
    </div>
  );
}
