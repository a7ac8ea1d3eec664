import { getTranslations } from "next-intl/server";
import { ProgramDesigner } from "@/components/cards/program-designer";
import { requireTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy/context";
import { EmptyState } from "@/components/dashboard/empty-state";
import { designerValues } from "@/lib/programs/program-data";
import { appUrl } from "@/lib/env";

export default async function NewProgramPage() {
  const { ctx, organization } = await requireTenant();
  const t = await getTranslations("designer");
  // Designing cards is for managers and owners (see the permission table).
  if (!hasRole(ctx, "MANAGER")) return <EmptyState title={t("newTitle")} body={(await getTranslations("errors"))("FORBIDDEN")} comingSoon={false} />;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("newTitle")}</h1>
      <ProgramDesigner
        programId={null}
        status="DRAFT"
        merchantName={organization.name}
        locale={organization.locale}
        appBase={appUrl()}
        initial={designerValues(null, { name: t("defaultName"), rewardText: t("defaultReward") })}
      />
    </section>
  );
}
