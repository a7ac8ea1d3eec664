"use client";
// The locked tablet: staff unlock it with their own PIN on big keys.
import { useTranslations } from "next-intl";
import { useState } from "react";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** `onUnlock` answers null when the PIN opened the tablet, else the message to show. */
export function PinPad({ locationName, onUnlock }: { locationName: string; onUnlock: (pin: string) => Promise<string | null> }) {
  const t = useTranslations("tablet");
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const err = await onUnlock(pin);
    setBusy(false);
    setPin("");
    setError(err);
  };
  const press = (d: string) => {
    if (busy) return;
    setPin((pin + d).slice(0, 6));
    setError(null);
  };
  const key = "size-20 rounded-full bg-white/10 text-3xl font-semibold active:bg-white/30";
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-stone-900 p-6 text-white">
      <p className="text-xl text-stone-300">{locationName}</p>
      <h1 className="text-3xl font-bold">{t("pinTitle")}</h1>
      <p className="h-10 text-4xl tracking-[0.5em]" aria-live="polite" aria-label={t("pinEntered", { count: pin.length })}>{"•".repeat(pin.length)}</p>
      {error && <p className="rounded-lg bg-red-700 px-4 py-2 text-lg" role="alert">{error}</p>}
      <div className="grid grid-cols-3 gap-3">
        {DIGITS.map((d) => (
          <button key={d} type="button" onClick={() => press(d)} className={key}>{d}</button>
        ))}
        <button type="button" onClick={() => setPin(pin.slice(0, -1))} className="size-20 rounded-full text-lg" aria-label={t("backspace")}>⌫</button>
        <button type="button" onClick={() => press("0")} className={key}>0</button>
        <button type="button" disabled={pin.length < 4 || busy} onClick={submit} className="size-20 rounded-full bg-amber-500 text-lg font-bold text-stone-950 disabled:opacity-40">{t("ok")}</button>
      </div>
    </main>
  );
}
