"use client";
import { useTranslations } from "next-intl";
import { archiveLocationAction, updateLocationAction } from "@/app/actions/team";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { LocationInput } from "@/lib/organizations/locations";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const FIELDS = ["name", "address", "city", "latitude", "longitude", ...DAYS.flatMap((d) => [`${d}_open`, `${d}_close`])];

type Loc = { id: string; name: string; address: string | null; city: string | null; latitude: number | null; longitude: number | null; openingHours: unknown };

export function LocationEditor({ location }: { location: Loc }) {
  const t = useTranslations();
  const f = useActionForm({ action: (input: unknown) => updateLocationAction(location.id, input as LocationInput), fields: FIELDS, success: "team.idleSaved" });
  const hours = (location.openingHours ?? {}) as Record<string, string[][]>;
  const err = (name: string) =>
    f.fieldErrors[name] && (
      <p className="text-sm text-red-700">{t.has(`validation.${f.fieldErrors[name][0]}`) ? t(`validation.${f.fieldErrors[name][0]}`) : t("errors.INTERNAL")}</p>
    );
  const input = "h-10 w-full rounded-lg border border-stone-300 px-2";
  return (
    <details className="py-2">
      <summary className="cursor-pointer">
        {location.name} <span className="text-sm text-stone-500">{[location.address, location.city].filter(Boolean).join(", ")}</span>
      </summary>
      <form onSubmit={f.onSubmit} className="mt-3 space-y-3" noValidate>
        <div className="grid gap-2 sm:grid-cols-3">
          <label className="text-sm">
            {t("team.locationName")}
            <input name="name" defaultValue={location.name} className={input} />
            {err("name")}
          </label>
          <label className="text-sm">
            {t("team.address")}
            <input name="address" defaultValue={location.address ?? ""} className={input} />
            {err("address")}
          </label>
          <label className="text-sm">
            {t("team.city")}
            <input name="city" defaultValue={location.city ?? ""} className={input} />
            {err("city")}
          </label>
          <label className="text-sm">
            {t("team.latitude")}
            <input name="latitude" inputMode="decimal" defaultValue={location.latitude ?? ""} className={input} />
            {err("latitude")}
          </label>
          <label className="text-sm">
            {t("team.longitude")}
            <input name="longitude" inputMode="decimal" defaultValue={location.longitude ?? ""} className={input} />
            {err("longitude")}
          </label>
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("team.openingHours")}</legend>
          {DAYS.map((d) => (
            <div key={d} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="w-10">{t(`team.days.${d}`)}</span>
              <input
                type="time"
                name={`${d}_open`}
                aria-label={`${t(`team.days.${d}`)} ${t("team.opens")}`}
                defaultValue={hours[d]?.[0]?.[0] ?? ""}
                className="h-9 rounded border border-stone-300 px-1"
              />
              <span>–</span>
              <input
                type="time"
                name={`${d}_close`}
                aria-label={`${t(`team.days.${d}`)} ${t("team.closes")}`}
                defaultValue={hours[d]?.[0]?.[1] ?? ""}
                className="h-9 rounded border border-stone-300 px-1"
              />
              {err(`${d}_open`)}
              {err(`${d}_close`)}
            </div>
          ))}
          <p className="text-xs text-stone-500">{t("team.hoursHint")}</p>
        </fieldset>
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" disabled={f.pending}>
            {t("team.save")}
          </Button>
          <Button
            type="button"
            size="sm"
            variant="ghost"
            className="text-red-700"
            disabled={f.pending}
            onClick={() => window.confirm(t("team.archiveConfirm")) && f.run(() => archiveLocationAction(location.id))}
          >
            {t("team.archiveLocation")}
          </Button>
          <FormMessage inline message={f.message} />
        </div>
      </form>
    </details>
  );
}
