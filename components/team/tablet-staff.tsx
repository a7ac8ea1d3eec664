"use client";
// "Tabletmedewerker toevoegen": a barista who never signs in to the dashboard —
// a name for their tile on the tablet and a PIN, typed twice. Owners and
// managers only (the server checks again, lib/organizations/manage-members.ts).
import { useTranslations } from "next-intl";
import { addTabletStaffAction } from "@/app/actions/team";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AddTabletStaffRequest } from "@/lib/validation/stamping";

const FIELDS = ["name", "pin", "pinRepeat"] as const;

export function AddTabletStaffForm() {
  const t = useTranslations("team");
  const f = useActionForm({
    schema: AddTabletStaffRequest,
    action: addTabletStaffAction,
    fields: FIELDS,
    resetOnSuccess: true,
    success: (added) => t("staffAdded", { name: added.name }),
  });
  const field = (name: (typeof FIELDS)[number], extra: { inputMode?: "numeric"; type?: string; maxLength: number; autoComplete: string }) => {
    const error = f.fieldErrors[name]?.[0];
    const errorId = `staff-${name}-error`;
    return (
      <div className="space-y-1.5">
        <Label htmlFor={`staff-${name}`}>{t(`staffFields.${name}`)}</Label>
        <Input
          id={`staff-${name}`}
          name={name}
          className="w-44"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={() => f.clearFieldError(name)}
          {...extra}
        />
        {error && (
          <p id={errorId} className="max-w-56 text-sm text-red-700">
            {t.has(`staffErrors.${error}`) ? t(`staffErrors.${error}`) : t("staffErrors.invalid")}
          </p>
        )}
      </div>
    );
  };
  return (
    <form onSubmit={f.onSubmit} noValidate className="mt-3 space-y-3" data-testid="add-tablet-staff">
      <p className="text-sm text-stone-600">{t("staffLead")}</p>
      <div className="flex flex-wrap items-start gap-3">
        {field("name", { maxLength: 40, autoComplete: "off" })}
        {field("pin", { type: "password", inputMode: "numeric", maxLength: 6, autoComplete: "new-password" })}
        {field("pinRepeat", { type: "password", inputMode: "numeric", maxLength: 6, autoComplete: "new-password" })}
      </div>
      <Button size="sm" disabled={f.pending}>
        {t("addStaff")}
      </Button>
      <FormMessage inline message={f.message} />
    </form>
  );
}
