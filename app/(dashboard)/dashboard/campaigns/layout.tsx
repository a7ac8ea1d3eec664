// Dashboard → Berichten: campaigns, automations and referrals as tabs. For
// managers and owners (staff get a short explanation). docs/messages.md.
import { getTranslations } from "next-intl/server";
import { CampaignTabs } from "@/components/messages/campaign-tabs";
import { requireTenant } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy/context";

export const dynamic = "force-dynamic";

export default async function MessagesLayout({ children }: { children: React.ReactNode }) {
  const { ctx } = await requireTenant();
  const t = await getTranslations("messages");
  if (!hasRole(ctx, "MANAGER")) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p
          className="max-w-prose rounded-2xl border-2 border-dashed border-stone-300 bg-white p-10 text-center text-stone-600"
          data-testid="messages-forbidden"
        >
          {t("managersOnly")}
        </p>
      </section>
    );
  }
  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="max-w-prose text-stone-600">{t("intro")}</p>
      </div>
      <CampaignTabs />
      {children}
    </section>
  );
}
