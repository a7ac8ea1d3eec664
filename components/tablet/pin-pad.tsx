"use client";
// PIN entry on big keys: the lock screen's (after a name was tapped) and, on a
// light background, the PIN a manager or the barista types for one action.
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useState } from "react";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/**
 * Digits, backspace and OK, by touch or on a keyboard (digits, Backspace, Enter).
 * `onPin` answers null when the PIN was taken, else the message to show; the
 * entry is cleared either way.
 */
export function PinKeys({ onPin, tone = "dark" }: { onPin: (pin: string) => Promise<string | null>; tone?: "dark" | "light" }) {
  const t = useTranslations("tablet");
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy || pin.length < 4) return;
    setBusy(true);
    const err = await onPin(pin);
    setBusy(false);
    setPin("");
    setError(err);
  };
  const press = (d: string) => {
    if (busy) return;
    setPin((p) => (p + d).slice(0, 6));
    setError(null);
  };

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const target = e.target instanceof Element ? e.target : null;
    if (e.ctrlKey || e.metaKey || e.altKey || target?.closest("input, textarea, select")) return;
    // Enter on another button (Cancel, Back) is that button's; on a digit key or nothing in particular it is OK.
    if (e.key === "Enter" && target?.closest("button") && !target.closest("[data-pin-key]")) return;
    if (/^\d$/.test(e.key)) press(e.key);
    else if (e.key === "Backspace") setPin((p) => p.slice(0, -1));
    else if (e.key === "Enter") void submit();
    else return;
    e.preventDefault();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
  const dark = tone === "dark";
  const key = `size-20 rounded-full text-3xl font-semibold ${dark ? "bg-white/10 active:bg-white/30" : "bg-stone-100 active:bg-stone-300"}`;
  return (
    <div className="flex flex-col items-center gap-5">
      <p className="h-10 text-4xl tracking-[0.5em]" aria-hidden="true">
        {"•".repeat(pin.length)}
      </p>
      <p className="sr-only" aria-live="polite">
        {t("pinEntered", { count: pin.length })}
      </p>
      {error && (
        <p className={`rounded-lg px-4 py-2 text-lg ${dark ? "bg-red-700 text-white" : "bg-red-50 text-red-800"}`} role="alert">
          {error}
        </p>
      )}
      <div className="grid grid-cols-3 gap-3">
        {DIGITS.map((d) => (
          <button key={d} type="button" onClick={() => press(d)} className={key} data-pin-key>
            {d}
          </button>
        ))}
        <button type="button" onClick={() => setPin(pin.slice(0, -1))} className="size-20 rounded-full text-lg" aria-label={t("backspace")} data-pin-key>
          ⌫
        </button>
        <button type="button" onClick={() => press("0")} className={key} data-pin-key>
          0
        </button>
        <button
          type="button"
          disabled={pin.length < 4 || busy}
          onClick={submit}
          className="size-20 rounded-full bg-amber-500 text-lg font-bold text-stone-950 disabled:opacity-40"
        >
          {t("ok")}
        </button>
      </div>
    </div>
  );
}

/** The locked tablet, once someone tapped their name: their PIN, or back to the names. */
export function PinPad({
  locationName,
  name,
  onUnlock,
  onBack,
}: {
  locationName: string;
  name: string;
  onUnlock: (pin: string) => Promise<string | null>;
  onBack: () => void;
}) {
  const t = useTranslations("tablet");
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-stone-900 p-6 text-white">
      <p className="text-xl text-stone-300">{locationName}</p>
      <p className="flex items-center gap-3 text-2xl font-semibold" data-testid="pin-for">
        <Initials name={name} /> {name}
      </p>
      <h1 className="text-3xl font-bold">{t("pinTitle")}</h1>
      <PinKeys onPin={onUnlock} />
      <button type="button" onClick={onBack} className="min-h-14 rounded-xl bg-white/10 px-6 text-lg">
        {t("notMe")}
      </button>
    </main>
  );
}

/** A round badge with someone's initials (a tile's face). */
export function Initials({ name, className = "bg-amber-500 text-stone-950" }: { name: string; className?: string }) {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0])
    .filter((c) => /\p{L}/u.test(c));
  const initials = (letters.length > 1 ? letters[0] + letters[letters.length - 1] : (letters[0] ?? "?")).toUpperCase();
  return (
    <span aria-hidden className={`inline-flex size-12 shrink-0 items-center justify-center rounded-full text-lg font-bold ${className}`}>
      {initials}
    </span>
  );
}
