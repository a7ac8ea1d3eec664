"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { acceptInvitationAction, inviteAction, resendInvitationAction, revokeInvitationAction } from "@/app/actions/team";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useSubmit } from "@/components/dashboard/team-forms";
import { PASSWORD_MIN } from "@/lib/validation/auth";

export function InviteForm({ canInviteManagers }: { canInviteManagers: boolean }) {
  const t = useTranslations();
  const { onSubmit: submit, message, pending } = useSubmit(inviteAction, "invite.sent");
  return (
    <form onSubmit={submit} noValidate className="mt-4 flex flex-wrap items-end gap-2">
      <label className="flex-1">
        <span className="block text-sm">{t("invite.email")}</span>
        <input name="email" type="email" required className="h-10 w-full rounded-lg border border-stone-300 px-2" />
      </label>
      <label>
        <span className="block text-sm">{t("invite.role")}</span>
        <select name="role" className="h-10 rounded-lg border border-stone-300 bg-white px-2">
          <option value="STAFF">{t("dashboard.roles.STAFF")}</option>
          {canInviteManagers && <option value="MANAGER">{t("dashboard.roles.MANAGER")}</option>}
        </select>
      </label>
      <Button size="sm" disabled={pending}>{t("invite.send")}</Button>
      {message && <p role="status" className={`w-full text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`}>{message.text}</p>}
    </form>
  );
}

export function PendingInvitation({ id, email, role }: { id: string; email: string; role: string }) {
  const t = useTranslations();
  const [note, setNote] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <span>{email} <span className="text-sm text-stone-500">· {t(`dashboard.roles.${role}`)}</span></span>
      <span className="flex items-center gap-1">
        {note && <span className="text-sm text-emerald-700" role="status">{note}</span>}
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => start(async () => { const r = await resendInvitationAction(id); if (r.ok) setNote(t("invite.resent")); })}>{t("invite.resend")}</Button>
        <Button size="sm" variant="ghost" className="text-red-700" disabled={pending} onClick={() => start(async () => void (await revokeInvitationAction(id)))}>{t("invite.revoke")}</Button>
      </span>
    </li>
  );
}

export function AcceptInvitation({ token, email, needsAccount, signedInAsInvitee }: { token: string; email: string; needsAccount: boolean; signedInAsInvitee: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const values = { token, ...Object.fromEntries(new FormData(e.currentTarget)) } as Record<string, string>;
    start(async () => {
      const r = await acceptInvitationAction(values);
      if (!r.ok) {
        setErrors(r.fieldErrors ?? {});
        setError(r.fieldErrors ? null : r.error);
        return;
      }
      if (needsAccount) await signIn("credentials", { email, password: values.password, redirect: false });
      router.push("/dashboard");
      router.refresh();
    });
  };
  if (!needsAccount && !signedInAsInvitee) {
    return (
      <Button asChild className="w-full">
        <a href={`/signin?next=/invite/${token}`}>{t("invite.signInToAccept")}</a>
      </Button>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {error && <Alert tone="error">{t.has(error) ? t(error) : t("errors.INTERNAL")}</Alert>}
      {errors.token && <Alert tone="error">{t(`validation.${errors.token[0]}`)}</Alert>}
      {needsAccount && (
        <>
          <Field name="name" label={t("auth.name")} autoComplete="name" errors={errors.name} />
          <Field name="password" type="password" label={t("auth.password")} hint={t("auth.passwordHint", { min: PASSWORD_MIN })} autoComplete="new-password" errors={errors.password} />
        </>
      )}
      <Button type="submit" variant="accent" size="lg" className="w-full" disabled={pending}>{t("invite.accept")}</Button>
    </form>
  );
}
