"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { acceptInvitationAction, inviteAction, resendInvitationAction, revokeInvitationAction } from "@/app/actions/team";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/lib/validation/auth";

export function InviteForm({ canInviteManagers }: { canInviteManagers: boolean }) {
  const t = useTranslations();
  const f = useActionForm({ action: inviteAction, success: "invite.sent", resetOnSuccess: true });
  return (
    <form onSubmit={f.onSubmit} noValidate className="mt-4 flex flex-wrap items-end gap-2">
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
      <Button size="sm" disabled={f.pending}>
        {t("invite.send")}
      </Button>
      <FormMessage inline message={f.message} className="w-full" />
    </form>
  );
}

export function PendingInvitation({ id, email, role }: { id: string; email: string; role: string }) {
  const t = useTranslations();
  const f = useActionForm({ action: () => resendInvitationAction(id), success: "invite.resent" });
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <span>
        {email} <span className="text-sm text-stone-500">· {t(`dashboard.roles.${role}`)}</span>
      </span>
      <span className="flex items-center gap-1">
        <FormMessage inline message={f.message} />
        <Button size="sm" variant="ghost" disabled={f.pending} onClick={() => f.submit()}>
          {t("invite.resend")}
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700" disabled={f.pending} onClick={() => f.run(() => revokeInvitationAction(id))}>
          {t("invite.revoke")}
        </Button>
      </span>
    </li>
  );
}

// What the accept form sends (the server parses it again).
type AcceptInput = { token: string; name?: string; password?: string };

export function AcceptInvitation({
  token,
  email,
  needsAccount,
  signedInAsInvitee,
}: {
  token: string;
  email: string;
  needsAccount: boolean;
  signedInAsInvitee: boolean;
}) {
  const t = useTranslations();
  const router = useRouter();
  // The hidden token has no field of its own: its error (an old link) is the form's message.
  const f = useActionForm({
    action: (input: AcceptInput) => acceptInvitationAction(input),
    fields: ["name", "password"],
    onSuccess: async (_data, input) => {
      if (needsAccount) await signIn("credentials", { email, password: input.password, redirect: false });
      router.push("/dashboard");
      router.refresh();
    },
  });
  if (!needsAccount && !signedInAsInvitee) {
    return (
      <Button asChild className="w-full">
        <a href={`/signin?next=/invite/${token}`}>{t("invite.signInToAccept")}</a>
      </Button>
    );
  }
  return (
    <form onSubmit={f.onSubmit} className="space-y-4" noValidate>
      <FormMessage message={f.message} />
      <input type="hidden" name="token" value={token} />
      {needsAccount && (
        <>
          <Field name="name" label={t("auth.name")} autoComplete="name" errors={f.fieldErrors.name} />
          <Field
            name="password"
            type="password"
            label={t("auth.password")}
            hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
            autoComplete="new-password"
            errors={f.fieldErrors.password}
          />
        </>
      )}
      <Button type="submit" variant="accent" size="lg" className="w-full" disabled={f.pending}>
        {t("invite.accept")}
      </Button>
    </form>
  );
}
