"use client";
// First run: the tablet is paired to a location, once. Usually by the one-time
// code from the dashboard (Stempeltablet): scanned — /stamp?pair=<code> pairs
// at once — or typed here. A manager signed in on this browser can still pick
// the location here instead.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { PairByCodeRequest } from "@/lib/validation/pairing";
import type { Answer, TabletApi } from "./use-tablet-api";

type Location = { id: string; name: string };

type Props = {
  locations: Location[] | null;
  pair: TabletApi["pair"];
  /** A code from the URL (the scanned QR code): paired at once. */
  initialCode?: string | null;
  /** Paired by code, or given up: the app carries on. */
  onDone?: () => void;
  /** The tablet is paired already (a code came from the URL): it may go back to that pairing. */
  canCancel?: boolean;
};

export function PairScreen({ locations, pair, initialCode, onDone, canCancel }: Props) {
  const t = useTranslations("tablet");
  const ts = useTranslations("tabletSetup");
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState(initialCode?.toUpperCase() ?? "");
  const [pending, setPending] = useState(false);
  const tried = useRef(false);

  /** The sentence for a refused pairing: the code's problem, too many tries, no network, or a generic one. */
  function explain(r: Exclude<Answer<unknown>, { ok: true }>) {
    if (r.offline) return ts("errors.offline");
    if (r.status === 429) return ts("errors.RATE_LIMITED");
    const keys = [r.error.message, ...Object.values(r.error.fieldErrors ?? {}).flat()];
    const known = keys.find((k) => k && ts.has(`errors.${k}`));
    return known ? ts(`errors.${known}`) : ts("errors.generic");
  }

  async function pairByCode(input: unknown) {
    const checked = PairByCodeRequest.safeParse(input);
    if (!checked.success) {
      const key = checked.error.issues[0]?.message ?? "generic";
      return setError(ts.has(`errors.${key}`) ? ts(`errors.${key}`) : ts("errors.generic"));
    }
    setPending(true);
    setError(null);
    const r = await pair(checked.data);
    setPending(false);
    // The code was used (or refused): it has no place in the URL, where a reload would send it again.
    if (new URL(window.location.href).searchParams.has("pair")) window.history.replaceState(null, "", "/stamp");
    if (r.ok) onDone?.();
    else setError(explain(r));
  }

  // A scanned QR code: pair at once, no typing.
  useEffect(() => {
    if (!initialCode || tried.current) return;
    tried.current = true;
    void pairByCode({ code: initialCode });
  }, [initialCode]); // eslint-disable-line react-hooks/exhaustive-deps

  const alert = error && (
    <p className="rounded-lg bg-red-50 px-4 py-3 text-lg text-red-800" role="alert" data-testid="pair-error">
      {error}
    </p>
  );

  if (locations && !initialCode) {
    return (
      <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6">
        <h1 className="text-3xl font-bold">{t("pairTitle")}</h1>
        <p className="text-lg text-stone-600">{t("pairLead")}</p>
        {alert}
        <form
          className="space-y-4"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const name = String(form.get("name") ?? "").trim();
            if (!name) return setError(ts("errors.deviceNameRequired"));
            const r = await pair({ locationId: String(form.get("locationId")), name });
            if (!r.ok) setError(t("pairFailed"));
          }}
        >
          <label className="block">
            <span className="mb-1 block font-medium">{t("location")}</span>
            <select name="locationId" className="h-14 w-full rounded-xl border border-stone-300 bg-white px-3 text-lg">
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="mb-1 block font-medium">{t("deviceName")}</span>
            <input name="name" defaultValue={t("deviceNameDefault")} className="h-14 w-full rounded-xl border border-stone-300 px-3 text-lg" maxLength={60} />
          </label>
          <button type="submit" className="min-h-14 w-full rounded-xl bg-amber-500 text-lg font-semibold">
            {t("pair")}
          </button>
        </form>
      </main>
    );
  }

  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6">
      <h1 className="text-3xl font-bold">{t("pairTitle")}</h1>
      <p className="text-lg text-stone-600">{ts("tablet.lead")}</p>
      {alert}
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          void pairByCode({ code: form.get("code"), name: form.get("name") });
        }}
      >
        <label className="block">
          <span className="mb-1 block font-medium">{ts("tablet.code")}</span>
          <input
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            placeholder="K7QM-4PXD"
            autoCapitalize="characters"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={12}
            className="h-20 w-full rounded-xl border-2 border-stone-300 px-4 text-center font-mono text-4xl tracking-widest uppercase"
            data-testid="pair-code"
          />
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">{ts("tablet.name")}</span>
          <input
            name="name"
            placeholder={ts("tablet.namePlaceholder")}
            maxLength={60}
            className="h-14 w-full rounded-xl border border-stone-300 px-3 text-lg"
            data-testid="pair-name"
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="min-h-14 w-full rounded-xl bg-amber-500 text-lg font-semibold disabled:opacity-60"
          data-testid="pair-submit"
        >
          {pending ? ts("tablet.pairing") : ts("tablet.submit")}
        </button>
      </form>
      {canCancel ? (
        <button type="button" onClick={onDone} className="mx-auto min-h-12 px-4 text-stone-700 underline">
          {ts("tablet.cancel")}
        </button>
      ) : (
        !locations && (
          <p className="text-center text-stone-600">
            {ts("tablet.managerPath")}{" "}
            <a href="/signin?next=/stamp" className="inline-flex min-h-12 items-center font-semibold text-stone-900 underline">
              {t("pairSignIn")}
            </a>
          </p>
        )
      )}
    </main>
  );
}
