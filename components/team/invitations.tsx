"use client";
import { useTranslations } from "next-intl";
import { inviteAction, resendInvitationAction, revokeInvitationAction } from "@/app/actions/team";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";

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
