// Instellingen: one section per subject. Wallets first (the one place a
// merchant sees wallet status); the shop's own settings follow in a later issue.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { requireTenant } from "@/lib/auth/session";
import { appleWalletStatus, type WalletState } from "@/lib/wallet/apple/config";
import { googleWalletStatus } from "@/lib/wallet/google/config";

const BADGE: Record<WalletState, string> = {
  active: "bg-emerald-100 text-emerald-900",
  test: "bg-amber-100 text-amber-900",
  unavailable: "bg-stone-200 text-stone-700",
};

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3" data-testid={`settings-${id}`}>
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {title}
        </h2>
        {lead && <p className="max-w-prose text-sm text-stone-600">{lead}</p>}
      </div>
      {children}
    </section>
  );
}

export default async function SettingsPage() {
  await requireTenant();
  const t = await getTranslations("settings");
  const tw = await getTranslations("webhooks");
  const ta = await getTranslations("apiKeys");
  const wallets = [
    { id: "apple", state: appleWalletStatus().state },
    { id: "google", state: googleWalletStatus().state },
  ] as const;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <Section id="wallets" title={t("wallets.title")} lead={t("wallets.lead")}>
        <Card className="p-0">
          <ul className="divide-y divide-stone-100">
            {wallets.map((w) => (
              <li key={w.id} className="space-y-1 px-5 py-4" data-testid={`wallet-${w.id}`} data-state={w.state}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{t(`wallets.${w.id}`)}</span>
                  <span className={cn("rounded-full px-3 py-1 text-sm font-medium", BADGE[w.state])} data-testid={`wallet-${w.id}-state`}>
                    {t(`wallets.state.${w.state}`)}
                  </span>
                </div>
                <p className="text-sm text-stone-600">{t(`wallets.explain.${w.id}.${w.state}`)}</p>
              </li>
            ))}
          </ul>
        </Card>
      </Section>
      <Section id="webhooks" title={tw("settingsLink.title")} lead={tw("settingsLink.lead")}>
        <Link href="/dashboard/settings/webhooks" className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline">
          {tw("settingsLink.open")}
        </Link>
      </Section>
      <Section id="api" title={ta("settingsLink.title")} lead={ta("settingsLink.lead")}>
        <div className="flex flex-wrap gap-4">
          <Link href="/dashboard/settings/api" className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline">
            {ta("settingsLink.open")}
          </Link>
          <Link href="/dashboard/settings/api/docs" className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline">
            {ta("settingsLink.docs")}
          </Link>
        </div>
      </Section>
    </div>
  );
}
