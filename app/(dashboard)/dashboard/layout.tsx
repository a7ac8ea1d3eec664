import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { AccountBanner } from "@/components/billing/account-banner";
import { OrgSwitcher } from "@/components/dashboard/org-switcher";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { DpaBanner } from "@/components/legal/dpa-banner";
import { DeletionPending } from "@/components/settings/deletion-pending";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requireTenant } from "@/lib/auth/session";
import { billingEnabled } from "@/lib/billing/config";
import { accountState, usage } from "@/lib/billing/entitlements";
import { effectivePlan } from "@/lib/billing/plans";
import { DPA_VERSION, dpaStatus } from "@/lib/legal/dpa";
import { listMyOrganizations } from "@/lib/organizations/memberships";
import { tenantDb } from "@/lib/tenancy/tenant-db";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { ctx, organization } = await requireTenant();
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  const orgs = (await listMyOrganizations(ctx.userId!)).map((m) => m.organization);
  // The trial, read-only or deleting (a server layout renders once per request, so "now" is that request's).
  const account = accountState(organization, new Date());
  const tl = await getTranslations("billing-limits");
  const ts = await getTranslations("settings");
  const plan = effectivePlan(organization.plan);
  const customers = { used: plan.limits.customers === null ? 0 : await usage(tenantDb(ctx), "customers"), max: plan.limits.customers };
  // The owner signs the data processing agreement for the business: asked until the current version is accepted.
  const dpa = ctx.role === "OWNER" ? dpaStatus(organization) : "current";
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr]">
      <aside className="border-b border-stone-200 bg-white md:min-h-dvh md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4">
          <Link href="/dashboard" className="text-xl font-black tracking-tight">
            Stempel<span className="text-amber-500">.</span>
          </Link>
        </div>
        <DashboardNav />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 bg-white px-4 py-3">
          <div className="flex flex-wrap items-center gap-3">
            <OrgSwitcher current={{ id: organization.id, name: organization.name }} organizations={orgs} />
            {account.mode === "trial" && (
              <span className="rounded-full bg-amber-100 px-3 py-1 text-sm text-amber-900">
                {account.trialDaysLeft ? tl("trialBadge", { days: account.trialDaysLeft }) : t("trialEnded")}
              </span>
            )}
          </div>
          <div className="flex items-center gap-2">
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </header>
        <AccountBanner state={account} billing={billingEnabled()} locale={locale} timeZone={organization.timezone} customers={customers} />
        {dpa !== "current" && <DpaBanner status={dpa} version={DPA_VERSION} business={organization.name} />}
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          {account.mode === "deleting" && organization.deletionScheduledFor ? (
            // The undo window: every page shows only the way back (and, for the owner, the export).
            <div className="space-y-4">
              <DeletionPending scheduledFor={organization.deletionScheduledFor} isOwner={ctx.role === "OWNER"} />
              {ctx.role === "OWNER" && (
                <a href="/dashboard/settings/export" className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline" download>
                  {ts("danger.export.download")}
                </a>
              )}
            </div>
          ) : (
            children
          )}
        </main>
      </div>
    </div>
  );
}
