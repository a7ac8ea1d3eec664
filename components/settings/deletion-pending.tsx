// Shown while the organization is being deleted (accountState mode "deleting"):
// when it will close, and for the owner the one way back. The dashboard layout
// can render it in place of every page during the undo window.
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { RestoreButton } from "./settings-forms";

export async function DeletionPending({ scheduledFor, isOwner }: { scheduledFor: Date; isOwner: boolean }) {
  const t = await getTranslations("settings.danger.pending");
  const format = await getFormatter();
  return (
    <Card className="space-y-3 border-red-200 bg-red-50 p-5" data-testid="deletion-pending" role="region" aria-labelledby="deletion-pending-heading">
      <h2 id="deletion-pending-heading" className="text-lg font-semibold text-red-900">
        {t("title")}
      </h2>
      <p className="max-w-prose text-red-900">{t("lead", { date: format.dateTime(scheduledFor, { dateStyle: "long" }) })}</p>
      {isOwner ? <RestoreButton /> : <p className="text-sm text-red-900">{t("ownerOnly")}</p>}
    </Card>
  );
}
