import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrgSwitcher } from "@/components/dashboard/org-switcher";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { DpaBanner } from "@/components/legal/dpa-banner";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { requireTenant } from "@/lib/auth/session";
import { DPA_VERSION, dpaStatus } from "@/lib/legal/dpa";
import { listMyOrganizations } from "@/lib/organizations/memberships";

export const dynamic = "force-dynamic";

/** Whole days left in the trial (a server layout renders once per request, so "now" is that request's). */
const daysLeft = (end: Date, now: Date) => Math.max(0, Math.ceil((end.getTime() - now.getTime()) / 86_400_000));

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { ctx, organization } = await requireTenant();
  const t = await getTranslations("dashboard");
  const orgs = (await listMyOrganizations(ctx.userId!)).map((m) => m.organization);
  const trialDays = daysLeft(organization.trialEndsAt, new Date());
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
            {organization.plan === "TRIAL" && (
              <span className="rounded-full bg-amber-100 px-3 py-1 text-sm text-amber-900">
                {trialDays > 0 ? t("trial", { days: trialDays }) : t("trialEnded")}
              </span>
            )}
          </div>
          <div className="flex items-center gap-2">
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </header>
        {dpa !== "current" && <DpaBanner status={dpa} version={DPA_VERSION} business={organization.name} />}
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
