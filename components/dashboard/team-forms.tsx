"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { addLocationAction, revokeDeviceAction, setPinAction, tabletSettingsAction } from "@/app/actions/team";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

/** Submits a small form to a server action and shows one localized line of feedback. */
export function useSubmit(action: (input: Record<string, string>) => Promise<ActionResult<null>>, okKey: string) {
  const t = useTranslations();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    start(async () => {
      const r = await action(values);
      if (r.ok) form.reset();
      const key = r.ok ? okKey : (Object.values(r.fieldErrors ?? {})[0]?.[0] ? `validation.${Object.values(r.fieldErrors!)[0][0]}` : r.error);
      setMessage({ ok: r.ok, text: t.has(key) ? t(key) : t("errors.INTERNAL") });
    });
  };
  return { onSubmit, message, pending };
}

export function PinForm({ membershipId }: { membershipId: string }) {
  const t = useTranslations("team");
  const f = useSubmit(setPinAction, "team.pinSaved");
  return (
    <form onSubmit={f.onSubmit} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="membershipId" value={membershipId} />
      <label className="sr-only" htmlFor={`pin-${membershipId}`}>{t("newPin")}</label>
      <input id={`pin-${membershipId}`} name="pin" inputMode="numeric" pattern="\d{4,6}" maxLength={6} placeholder={t("newPin")} className="h-10 w-28 rounded-lg border border-stone-300 px-2" autoComplete="off" />
      <Button size="sm" variant="outline" disabled={f.pending}>{t("setPin")}</Button>
      {f.message && <span role="status" className={`text-sm ${f.message.ok ? "text-emerald-700" : "text-red-700"}`}>{f.message.text}</span>}
    </form>
  );
}

export function RevokeDeviceButton({ deviceId }: { deviceId: string }) {
  const t = useTranslations("team");
  const [pending, start] = useTransition();
  return (
    <Button size="sm" variant="ghost" className="text-red-700" disabled={pending} onClick={() => window.confirm(t("revokeConfirm")) && start(async () => void (await revokeDeviceAction(deviceId)))}>
      {t("revoke")}
    </Button>
  );
}

export function AddLocationForm() {
  const t = useTranslations("team");
  const f = useSubmit(addLocationAction, "team.locationAdded");
  return (
    <form onSubmit={f.onSubmit} noValidate className="mt-4 flex flex-wrap gap-2">
      <input name="name" placeholder={t("locationName")} aria-label={t("locationName")} className="h-10 min-w-0 flex-1 basis-40 rounded-lg border border-stone-300 px-2" required />
      <input name="address" placeholder={t("address")} aria-label={t("address")} className="h-10 min-w-0 flex-1 basis-40 rounded-lg border border-stone-300 px-2" />
      <input name="city" placeholder={t("city")} aria-label={t("city")} className="h-10 min-w-0 flex-1 basis-28 rounded-lg border border-stone-300 px-2" />
      <Button size="sm" disabled={f.pending}>{t("addLocation")}</Button>
      {f.message && <p role="status" className={`w-full text-sm ${f.message.ok ? "text-emerald-700" : "text-red-700"}`}>{f.message.text}</p>}
    </form>
  );
}

export function TabletIdleForm({ minutes }: { minutes: number }) {
  const t = useTranslations("team");
  const f = useSubmit(tabletSettingsAction, "team.idleSaved");
  return (
    <form onSubmit={f.onSubmit} className="mt-4 flex flex-wrap items-center gap-2">
      <label htmlFor="tabletIdleMinutes" className="text-sm">{t("idleLabel")}</label>
      <input id="tabletIdleMinutes" name="tabletIdleMinutes" type="number" min={1} max={120} defaultValue={minutes} className="h-10 w-20 rounded-lg border border-stone-300 px-2" />
      <Button size="sm" variant="outline" disabled={f.pending}>{t("save")}</Button>
      {f.message && <span role="status" className={`text-sm ${f.message.ok ? "text-emerald-700" : "text-red-700"}`}>{f.message.text}</span>}
    </form>
  );
}
