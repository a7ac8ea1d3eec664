import { getTranslations } from "next-intl/server";
import { AuthShell } from "@/components/auth/auth-shell";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { Alert } from "@/components/ui/alert";
import { currentUserId } from "@/lib/auth/session";
import { getInvitation } from "@/lib/organizations/invitations";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const invitation = await getInvitation(token);
  if (!invitation) {
    return (
      <AuthShell title={t("invite.title")}>
        <Alert tone="error">{t("validation.tokenInvalid")}</Alert>
      </AuthShell>
    );
  }
  const userId = await currentUserId();
  return (
    <AuthShell
      title={t("invite.title")}
      lead={t("invite.lead", { org: invitation.organization.name, role: t(`dashboard.roles.${invitation.role}`), email: invitation.email })}
    >
      <AcceptInvitationForm
        token={token}
        email={invitation.email}
        needsAccount={!invitation.existingUserId}
        signedInAsInvitee={!!userId && userId === invitation.existingUserId}
      />
    </AuthShell>
  );
}
