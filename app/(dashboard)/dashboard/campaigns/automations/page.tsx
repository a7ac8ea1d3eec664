// Dashboard → Berichten → Automatisch: one card per automation (lib/messages/automations.ts),
// each with its switch, texts, settings and a preview. Managers and owners (the
// Berichten layout explains it to staff). docs/messages/automations.md.
import { getTranslations } from "next-intl/server";
import { AutomationList } from "@/components/automations/automation-list";
import { requireTenant } from "@/lib/auth/session";
import { listAutomations, suggestedWinBackDays } from "@/lib/messages/automations";
import { hasRole } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";

export const dynamic = "force-dynamic";

export default async function AutomationsPage() {
  const { ctx, organization } = await requireTenant();
  // The layout shows staff why there is nothing here.
  if (!hasRole(ctx, "MANAGER")) return null;
  const t = await getTranslations("automations");
  const [items, suggestion, program] = await Promise.all([
    listAutomations(ctx),
    suggestedWinBackDays(ctx),
    tenantDb(ctx).cardProgram.findFirst({
      where: { archivedAt: null, status: { not: "ARCHIVED" } },
      orderBy: [{ status: "desc" }, { createdAt: "asc" }], // published first
      select: { rewardText: true, stampsRequired: true, backgroundColor: true },
    }),
  ]);
  // The sample customer of the previews: one stamp before the card's reward.
  const stampsRequired = program?.stampsRequired ?? 10;
  const sample = {
    merchant: organization.name,
    color: program?.backgroundColor ?? "#3b2a20",
    vars: { name: t("preview.sampleName"), reward: program?.rewardText ?? t("preview.sampleReward"), stamps: stampsRequired - 1, toGo: 1 },
  };
  return (
    <section className="space-y-4" data-testid="automations-page">
      <div>
        <h2 className="text-xl font-semibold">{t("title")}</h2>
        <p className="max-w-prose text-stone-600">{t("lead")}</p>
      </div>
      <AutomationList items={items} sample={sample} suggestion={suggestion} />
    </section>
  );
}
