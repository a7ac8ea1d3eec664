"use client";
import { useTranslations } from "next-intl";
import { updateProfileAction } from "@/app/actions/customers";
import { Button } from "@/components/ui/button";
import { ProfileInput } from "@/lib/validation/customer-detail";
import { Said, TextField } from "./fields";
import { useCustomerForm } from "./use-customer-form";

type Profile = { name: string; email: string | null; phone: string | null; birthday: string | null };

/** The customer's name and contact details, editable by managers and owners. */
export function ProfileForm({ customerId, profile }: { customerId: string; profile: Profile }) {
  const t = useTranslations("customers.profile");
  const f = useCustomerForm({
    schema: ProfileInput,
    action: (input: unknown) => updateProfileAction(customerId, input),
    fields: ["name", "email", "phone", "birthday"],
    success: () => t("saved"),
  });
  return (
    <form
      noValidate
      data-testid="customer-profile-form"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        f.submit(Object.fromEntries(new FormData(e.currentTarget)));
      }}
    >
      <TextField idPrefix="profile" name="name" label={t("name")} defaultValue={profile.name} errors={f.fieldErrors.name} autoComplete="off" maxLength={80} />
      <TextField
        idPrefix="profile"
        name="email"
        type="email"
        label={t("email")}
        defaultValue={profile.email ?? ""}
        errors={f.fieldErrors.email}
        autoComplete="off"
      />
      <TextField
        idPrefix="profile"
        name="phone"
        type="tel"
        label={t("phone")}
        defaultValue={profile.phone ?? ""}
        errors={f.fieldErrors.phone}
        autoComplete="off"
      />
      <TextField idPrefix="profile" name="birthday" type="date" label={t("birthday")} defaultValue={profile.birthday ?? ""} errors={f.fieldErrors.birthday} />
      <Said message={f.message} testId="customer-profile-message" />
      <Button type="submit" disabled={f.pending} data-testid="customer-profile-save">
        {t("save")}
      </Button>
    </form>
  );
}
