"use client";
// One program's referral settings (Berichten → Vrienden werven): the switch, the
// bonus for the customer who shares and for the friend, and how many referrals
// a month earn a bonus. The browser checks with the same zod schema as the server.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { saveReferralSettingsAction } from "@/app/actions/referrals";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ReferralSettings } from "@/lib/validation/messages";

type Values = { referralEnabled: boolean; referralBonusStamps: string; referralFriendBonusStamps: string; referralMonthlyLimit: string };
const NUMBERS = ["referralBonusStamps", "referralFriendBonusStamps", "referralMonthlyLimit"] as const;

export function ReferralSettingsForm({ program }: { program: { id: string; name: string } & ReferralSettings }) {
  const t = useTranslations("referrals.settings");
  const tAll = useTranslations();
  const router = useRouter();
  const [values, setValues] = useState<Values>({
    referralEnabled: program.referralEnabled,
    referralBonusStamps: String(program.referralBonusStamps),
    referralFriendBonusStamps: String(program.referralFriendBonusStamps),
    referralMonthlyLimit: String(program.referralMonthlyLimit),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  const id = (name: string) => `${name}-${program.id}`;
  const message = (key: string | undefined) =>
    key && tAll.has(`referrals.errors.${key}`) ? tAll(`referrals.errors.${key}`) : tAll("referrals.errors.invalid");

  function change(patch: Partial<Values>) {
    setValues((v) => ({ ...v, ...patch }));
    setSaved(false);
    setErrors({});
    setFormError(null);
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    const input = { ...values, ...Object.fromEntries(NUMBERS.map((k) => [k, values[k].trim() === "" ? Number.NaN : values[k]])) };
    const checked = ReferralSettings.safeParse(input);
    if (!checked.success) {
      setErrors(Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0]), message(i.message)])));
      return;
    }
    start(async () => {
      try {
        const result = await saveReferralSettingsAction(program.id, checked.data);
        if (!result.ok) {
          const fields = result.fieldErrors ?? {};
          setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, message(v[0])])));
          if (!Object.keys(fields).length) setFormError(message(result.error.replace(/^(validation|errors)\./, "")));
          return;
        }
        setSaved(true);
        router.refresh();
      } catch {
        setFormError(tAll("referrals.errors.INTERNAL"));
      }
    });
  }

  return (
    <form
      onSubmit={save}
      noValidate
      className="space-y-4 rounded-2xl border border-stone-200 bg-white p-4"
      data-testid="referral-settings"
      data-program={program.id}
    >
      <h2 className="text-lg font-semibold">{program.name}</h2>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1 size-5"
          checked={values.referralEnabled}
          onChange={(e) => change({ referralEnabled: e.target.checked })}
          data-testid="referral-enabled"
        />
        <span>
          <span className="font-medium">{t("enabled")}</span>
          <span className="block text-sm text-stone-600">{t("enabledHint")}</span>
        </span>
      </label>
      <div className="grid gap-4 sm:grid-cols-3">
        {NUMBERS.map((name) => (
          <div key={name} className="space-y-1.5">
            <Label htmlFor={id(name)}>{t(name)}</Label>
            <Input
              id={id(name)}
              name={name}
              type="number"
              inputMode="numeric"
              value={values[name]}
              onChange={(e) => change({ [name]: e.target.value } as Partial<Values>)}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={errors[name] ? `${id(name)}-error` : `${id(name)}-hint`}
              data-testid={`referral-${name}`}
            />
            {errors[name] ? (
              <p id={`${id(name)}-error`} className="text-sm text-red-700" role="alert">
                {errors[name]}
              </p>
            ) : (
              <p id={`${id(name)}-hint`} className="text-sm text-stone-500">
                {t(`${name}Hint`)}
              </p>
            )}
          </div>
        ))}
      </div>
      {formError && (
        <p className="text-sm text-red-700" role="alert">
          {formError}
        </p>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="referral-save">
          {pending ? tAll("common.loading") : tAll("common.save")}
        </Button>
        {saved && (
          <p className="text-sm text-emerald-700" role="status" data-testid="referral-saved">
            {t("saved")}
          </p>
        )}
      </div>
    </form>
  );
}
