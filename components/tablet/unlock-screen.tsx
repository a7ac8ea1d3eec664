"use client";
// The locked tablet: staff tap their name, then type their PIN. PINs need not be
// unique, so the name says whose PIN to check; nothing tells anyone else's.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useExplain } from "./feedback";
import { Initials, PinPad } from "./pin-pad";
import type { StaffMember, TabletApi } from "./use-tablet-api";

export function UnlockScreen({ api, locationName }: { api: TabletApi; locationName: string }) {
  const t = useTranslations("tablet");
  const explain = useExplain();
  const [who, setWho] = useState<StaffMember | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (who) {
    const unlock = async (pin: string) => {
      const r = await api.unlock(who.id, pin);
      return r.ok ? null : r.offline ? t("errors.offline") : explain(r.error);
    };
    return <PinPad locationName={locationName} name={who.name} onUnlock={unlock} onBack={() => setWho(null)} />;
  }

  const retry = async () => {
    const r = await api.loadStaff();
    setProblem(r && !r.ok ? (r.offline ? t("staffOffline") : explain(r.error)) : null);
  };
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center gap-6 bg-stone-900 p-6 text-white">
      <p className="mt-6 text-xl text-stone-300">{locationName}</p>
      <h1 className="text-3xl font-bold">{t("whoTitle")}</h1>
      {problem && (
        <p className="rounded-lg bg-red-700 px-4 py-2 text-lg" role="alert">
          {problem}
        </p>
      )}
      {api.staff === null ? (
        <div className="flex flex-col items-center gap-4">
          <p className="text-lg text-stone-300">{t("loading")}</p>
          <button type="button" onClick={retry} className="min-h-14 rounded-xl bg-white/10 px-6 text-lg">
            {t("retry")}
          </button>
        </div>
      ) : api.staff.length === 0 ? (
        <p className="max-w-md text-center text-lg text-stone-300">{t("noStaff")}</p>
      ) : (
        <ul className="grid w-full max-w-4xl grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-4" aria-label={t("whoTitle")}>
          {api.staff.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                onClick={() => setWho(m)}
                className="flex min-h-24 w-full items-center gap-4 rounded-2xl bg-white/10 px-5 py-4 text-left text-xl font-semibold active:bg-white/30"
              >
                <Initials name={m.name} />
                <span className="min-w-0">
                  <span className="block break-words">{m.name}</span>
                  <span className="block text-base font-normal text-stone-300">{t(`roles.${m.role}`)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
