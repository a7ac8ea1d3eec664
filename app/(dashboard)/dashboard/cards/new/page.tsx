import { getTranslations } from "next-intl/server";
import { ProgramDesigner } from "@/components/cards/program-designer";
import { requireTenant } from "@/lib/auth/session";
import { designerValues } from "@/lib/programs/program-data";

export default async function NewProgramPage() {
  const { organization } = await requireTenant();
  const t = await getTranslations("designer");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("newTitle")}</h1>
      <ProgramDesigner programId={null} status="DRAFT" merchantName={organization.name} initial={designerValues(null, { name: t("defaultName"), rewardText: t("defaultReward") })} />
    </section>
  );
}
