"use client";
// Per member on the Team page: owners change roles, hand over ownership and
// remove anyone; managers remove staff (tablet staff included, who have no role
// to change). The server checks every rule again
// (lib/organizations/manage-members.ts); a removal asks for confirmation.
import { useTranslations } from "next-intl";
import { changeRoleAction, removeMemberAction, transferOwnershipAction } from "@/app/actions/team";
import { FormMessage } from "@/components/forms/form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";

type Role = "OWNER" | "MANAGER" | "STAFF";

export function MemberActions({
  membershipId,
  name,
  role,
  canChangeRoles,
  canRemove,
  tabletOnly = false,
}: {
  membershipId: string;
  name: string;
  role: Role;
  canChangeRoles: boolean;
  canRemove: boolean;
  /** Tablet staff: their stamps keep their name after removal, and the confirmation says so. */
  tabletOnly?: boolean;
}) {
  const t = useTranslations("team");
  const roles = useTranslations("dashboard.roles");
  const change = useActionForm({ action: (next: Role) => changeRoleAction(membershipId, { role: next }), success: "team.roleSaved" });
  const remove = useActionForm({ action: () => removeMemberAction(membershipId) });
  const transfer = useActionForm({ action: () => transferOwnershipAction(membershipId), success: "team.ownershipTransferred" });
  const pending = change.pending || remove.pending || transfer.pending;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canChangeRoles && (
        <label className="flex items-center gap-1 text-sm">
          <span className="sr-only">{t("roleOf", { name })}</span>
          <select
            className="h-10 rounded-lg border border-stone-300 px-2"
            defaultValue={role}
            disabled={pending}
            aria-label={t("roleOf", { name })}
            onChange={(e) => change.submit(e.currentTarget.value as Role)}
          >
            {(["STAFF", "MANAGER", "OWNER"] as const).map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </select>
        </label>
      )}
      {canChangeRoles && role !== "OWNER" && (
        <Button size="sm" variant="ghost" disabled={pending} onClick={() => window.confirm(t("transferConfirm", { name })) && transfer.submit()}>
          {t("transfer")}
        </Button>
      )}
      {canRemove && (
        <Button
          size="sm"
          variant="ghost"
          className="text-red-700"
          disabled={pending}
          onClick={() => window.confirm(t(tabletOnly ? "removeStaffConfirm" : "removeConfirm", { name })) && remove.submit()}
        >
          {t("remove")}
        </Button>
      )}
      <FormMessage inline message={change.message ?? transfer.message ?? remove.message} />
    </div>
  );
}
