"use client";
// A PIN asked for one action, over the card: a manager's to override a refused
// rule (first the manager taps their name), or the barista's own to redeem.
// What is being approved — the tap, the customer and, for an override, why the
// rule refused it — stays in view beside the names and the keys (two columns from
// 768 px wide, so at 1024×768 nothing needed scrolls away).
import { useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { Initials, PinKeys } from "./pin-pad";
import type { StaffMember } from "./use-tablet-api";

type Props = {
  title: string;
  /** What is being approved, e.g. "+1 voor Anna de Vries". */
  subject: string;
  /** Why a rule refused it (an override). */
  reason?: string;
  /** For an override: the managers and owners to choose from; omitted for the barista's own PIN. */
  choose?: StaffMember[];
  /** Answers null when the action went through, else the message to show. */
  onPin: (pin: string, memberId?: string) => Promise<string | null>;
  onClose: () => void;
};

export function PinDialog({ title, subject, reason, choose, onPin, onClose }: Props) {
  const t = useTranslations("tablet");
  const [who, setWho] = useState<StaffMember | null>(null);
  const picking = choose && !who;
  const heading = useId();
  const panel = useRef<HTMLDivElement>(null);

  // Focus moves into the dialog (keyboard users start there); Escape closes it.
  const onKey = useEffectEvent((e: KeyboardEvent) => e.key === "Escape" && onClose());
  useEffect(() => {
    panel.current?.focus();
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-black/60 p-4" role="dialog" aria-modal="true" aria-labelledby={heading}>
      <div
        ref={panel}
        tabIndex={-1}
        className="grid max-h-full w-full max-w-lg gap-5 overflow-y-auto rounded-3xl bg-white p-6 shadow-xl outline-none md:max-w-3xl md:grid-cols-[1fr_20rem]"
      >
        <div className="flex flex-col gap-4 md:sticky md:top-0 md:self-start">
          <p className="text-2xl font-bold" data-testid="pin-dialog-subject">
            {subject}
          </p>
          {reason && (
            <p className="rounded-xl border-l-8 border-red-700 bg-red-50 px-4 py-3 text-lg text-red-900" data-testid="pin-dialog-reason">
              {reason}
            </p>
          )}
          <h2 id={heading} className="text-xl font-semibold">
            {picking ? t("overrideWho") : title}
          </h2>
          {who && <p className="text-lg text-stone-600">{t("pinFor", { name: who.name })}</p>}
          <div className="flex flex-wrap gap-3">
            {who && (
              <button type="button" onClick={() => setWho(null)} className="min-h-14 rounded-xl border-2 border-stone-300 px-6 text-lg">
                {t("back")}
              </button>
            )}
            <button type="button" onClick={onClose} className="min-h-14 rounded-xl bg-stone-900 px-6 text-lg text-white">
              {t("cancel")}
            </button>
          </div>
        </div>
        <div className="flex flex-col items-center">
          {picking ? (
            choose.length === 0 ? (
              <p className="text-center text-lg text-stone-600">{t("noManagers")}</p>
            ) : (
              <ul className="grid w-full gap-3">
                {choose.map((m) => (
                  <li key={m.id}>
                    <button
                      type="button"
                      onClick={() => setWho(m)}
                      className="flex min-h-20 w-full items-center gap-4 rounded-2xl bg-stone-100 px-5 text-left text-xl font-semibold active:bg-stone-300"
                    >
                      <Initials name={m.name} />
                      <span>
                        {m.name}
                        <span className="block text-base font-normal text-stone-500">{t(`roles.${m.role}`)}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : (
            <PinKeys tone="light" onPin={(pin) => onPin(pin, who?.id)} />
          )}
        </div>
      </div>
    </div>
  );
}
