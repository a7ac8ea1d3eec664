"use client";
// First run: a manager signed in on this browser pairs the tablet to a location, once.
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { TabletApi } from "./use-tablet-api";

type Location = { id: string; name: string };

export function PairScreen({ locations, pair }: { locations: Location[] | null; pair: TabletApi["pair"] }) {
  const t = useTranslations("tablet");
  const [error, setError] = useState<string | null>(null);
  if (!locations) {
    return (
      <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6 text-center">
        <h1 className="text-3xl font-bold">{t("pairTitle")}</h1>
        <p className="text-lg text-stone-600">{t("pairNeedsManager")}</p>
        <a href="/signin?next=/stamp" className="mx-auto min-h-14 rounded-xl bg-stone-900 px-6 py-4 text-lg text-white">
          {t("pairSignIn")}
        </a>
      </main>
    );
  }
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6">
      <h1 className="text-3xl font-bold">{t("pairTitle")}</h1>
      <p className="text-lg text-stone-600">{t("pairLead")}</p>
      {error && (
        <p className="rounded-lg bg-red-50 px-4 py-3 text-red-800" role="alert">
          {error}
        </p>
      )}
      <form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const r = await pair({ locationId: String(form.get("locationId")), name: String(form.get("name")) });
          if (!r.ok) setError(t("pairFailed"));
        }}
      >
        <label className="block">
          <span className="mb-1 block font-medium">{t("location")}</span>
          <select name="locationId" className="h-14 w-full rounded-xl border border-stone-300 bg-white px-3 text-lg" required>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">{t("deviceName")}</span>
          <input
            name="name"
            defaultValue={t("deviceNameDefault")}
            className="h-14 w-full rounded-xl border border-stone-300 px-3 text-lg"
            required
            maxLength={60}
          />
        </label>
        <button type="submit" className="min-h-14 w-full rounded-xl bg-amber-500 text-lg font-semibold">
          {t("pair")}
        </button>
      </form>
    </main>
  );
}
