"use client";
import { useTranslations } from "next-intl";
import { addLocationAction, revokeDeviceAction, setPinAction, tabletSettingsAction } from "@/app/actions/team";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { SetPinRequest } from "@/lib/validation/stamping";

// Small one-line forms: their field errors are shown as the form's message.

/**
 * Sets a tablet PIN: your own, or (shown only where allowed, and checked again by the
 * server) that of someone of a lower role. PINs may repeat, so the answer never hints at
 * anyone else's; the person is told when someone else set theirs.
 */
export function PinForm({ membershipId, own, name }: { membershipId: string; own: boolean; name: string }) {
  const t = useTranslations("team");
  const f = useActionForm({ schema: SetPinRequest, action: setPinAction, success: "team.pinSaved", resetOnSuccess: true });
  return (
    <form onSubmit={f.onSubmit} noValidate className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="membershipId" value={membershipId} />
      <label className="sr-only" htmlFor={`pin-${membershipId}`}>
        {own ? t("newOwnPin") : t("newPinFor", { name })}
      </label>
      <input
        id={`pin-${membershipId}`}
        name="pin"
        inputMode="numeric"
        maxLength={6}
        placeholder={t("newPin")}
        className="h-10 w-28 rounded-lg border border-stone-300 px-2"
        autoComplete="off"
      />
      <Button size="sm" variant="outline" disabled={f.pending}>
        {t("setPin")}
      </Button>
      <FormMessage inline message={f.message} />
    </form>
  );
}

export function RevokeDeviceButton({ deviceId }: { deviceId: string }) {
  const t = useTranslations("team");
  const f = useActionForm({ action: () => revokeDeviceAction(deviceId) });
  return (
    <div className="flex items-center gap-2">
      <FormMessage inline message={f.message} />
      <Button size="sm" variant="ghost" className="text-red-700" disabled={f.pending} onClick={() => window.confirm(t("revokeConfirm")) && f.submit()}>
        {t("revoke")}
      </Button>
    </div>
  );
}

export function AddLocationForm() {
  const t = useTranslations("team");
  const f = useActionForm({ action: addLocationAction, success: "team.locationAdded", resetOnSuccess: true });
  return (
    <form onSubmit={f.onSubmit} noValidate className="mt-4 flex flex-wrap gap-2">
      <input
        name="name"
        placeholder={t("locationName")}
        aria-label={t("locationName")}
        className="h-10 min-w-0 flex-1 basis-40 rounded-lg border border-stone-300 px-2"
        required
      />
      <input
        name="address"
        placeholder={t("address")}
        aria-label={t("address")}
        className="h-10 min-w-0 flex-1 basis-40 rounded-lg border border-stone-300 px-2"
      />
      <input name="city" placeholder={t("city")} aria-label={t("city")} className="h-10 min-w-0 flex-1 basis-28 rounded-lg border border-stone-300 px-2" />
      <Button size="sm" disabled={f.pending}>
        {t("addLocation")}
      </Button>
      <FormMessage inline message={f.message} className="w-full" />
    </form>
  );
}

export function TabletIdleForm({ minutes }: { minutes: number }) {
  const t = useTranslations("team");
  const f = useActionForm({ action: tabletSettingsAction, success: "team.idleSaved" });
  return (
    <form onSubmit={f.onSubmit} noValidate className="mt-4 flex flex-wrap items-center gap-2">
      <label htmlFor="tabletIdleMinutes" className="text-sm">
        {t("idleLabel")}
      </label>
      <input
        id="tabletIdleMinutes"
        name="tabletIdleMinutes"
        type="number"
        min={1}
        max={120}
        defaultValue={minutes}
        className="h-10 w-20 rounded-lg border border-stone-300 px-2"
      />
      <Button size="sm" variant="outline" disabled={f.pending}>
        {t("save")}
      </Button>
      <FormMessage inline message={f.message} />
    </form>
  );
}
