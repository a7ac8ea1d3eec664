import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { EmptyState } from "@/components/dashboard/empty-state";
import { ImportWizard } from "@/components/customers/import/import-wizard";
import { requireTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy/context";

export default async function CustomerImportPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("customerImport");
  // Importing personal data in bulk: owners and managers only.
  if (!hasRole(ctx, "MANAGER")) return <EmptyState title={t("title")} body={t("forbidden")} comingSoon={false} />;
  return (
    <section className="space-y-4">
      <Link href="/dashboard/customers" className="text-sm text-amber-800 underline-offset-4 hover:underline">
        ← {t("backToCustomers")}
      </Link>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="max-w-prose text-stone-600">{t("intro")}</p>
      <ImportWizard />
    </section>
  );
}
