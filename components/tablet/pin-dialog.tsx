"use client";
// A PIN asked for one action, over the card: a manager's to override a refused
// rule (first the manager taps their name), or the barista's own to redeem.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Initials, PinKeys } from "./pin-pad";
import type { StaffMember } from "./use-tablet-api";

type Props = {
  title: string;
  /** For an override: the managers and owners to choose from; omitted for the barista's own PIN. */
  choose?: StaffMember[];
  /** Answers null when the action went through, else the message to show. */
  onPin: (pin: string, memberId?: string) => Promise<string | null>;
  onClose: () => void;
};

export function PinDialog({ title, choose, onPin, onClose }: Props) {
  const t = useTranslations("tablet");
  const [who, setWho] = useState<StaffMember | null>(null);
  const picking = choose && !who;
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-black/60 p-4" role="dialog" aria-modal="true" aria-label={title}>
      <div className="flex max-h-full w-full max-w-lg flex-col items-center gap-5 overflow-y-auto rounded-3xl bg-white p-6 shadow-xl">
        <h2 className="text-center text-2xl font-bold">{picking ? t("overrideWho") : title}</h2>
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
          <>
            {who && <p className="text-lg text-stone-600">{t("pinFor", { name: who.name })}</p>}
            <PinKeys tone="light" onPin={(pin) => onPin(pin, who?.id)} />
          </>
        )}
        <div className="flex gap-3">
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
    </div>
  );
}
