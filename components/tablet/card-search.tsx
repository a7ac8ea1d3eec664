"use client";
// Finding the card: the camera first, a search by name, phone or card number as fallback.
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { TabletCard } from "@/lib/validation/tablet";

type Props = { results: TabletCard[]; onScan: () => void; onSearch: (q: string) => void; onOpen: (serial: string) => void };

export function CardSearch({ results, onScan, onSearch, onOpen }: Props) {
  const t = useTranslations("tablet");
  const [tooShort, setTooShort] = useState(false);
  return (
    <section className="space-y-3">
      <button type="button" onClick={onScan} className="min-h-16 w-full rounded-2xl bg-stone-900 text-xl font-semibold text-white">
        {t("scan")}
      </button>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
          setTooShort(q.length < 2);
          if (q.length >= 2) onSearch(q);
        }}
        className="space-y-2"
        role="search"
      >
        <div className="flex gap-2">
          <label htmlFor="q" className="sr-only">
            {t("searchLabel")}
          </label>
          <input
            id="q"
            name="q"
            placeholder={t("searchPlaceholder")}
            className="h-14 min-w-0 flex-1 rounded-xl border border-stone-300 px-4 text-lg aria-invalid:border-red-700"
            autoComplete="off"
            aria-invalid={tooShort}
            aria-describedby={tooShort ? "q-error" : undefined}
            onChange={() => setTooShort(false)}
          />
          <button type="submit" className="min-h-14 rounded-xl bg-amber-500 px-5 text-lg font-semibold">
            {t("search")}
          </button>
        </div>
        {tooShort && (
          <p id="q-error" className="text-red-800" role="alert">
            {t("searchTooShort")}
          </p>
        )}
      </form>
      <ul className="space-y-2">
        {results.map((r) => (
          <li key={r.serial}>
            <button
              type="button"
              onClick={() => onOpen(r.serial)}
              className="flex min-h-14 w-full items-center justify-between rounded-xl bg-white px-4 text-left text-lg shadow-sm"
            >
              <span>{r.customer.name}</span>
              <span className="text-stone-500">
                {r.stampCount}/{r.program.stampsRequired}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
