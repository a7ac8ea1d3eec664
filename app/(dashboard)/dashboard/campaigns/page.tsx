import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/dashboard/empty-state";
import { requireTenant } from "@/lib/auth/session";

export default async function Page() {
  await requireTenant();
  const t = await getTranslations("dashboard");
  return <EmptyState title={t("nav.campaigns")} body={t("empty.campaigns")} />;
}
