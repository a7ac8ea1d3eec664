// Instellingen: one section per subject. Bedrijf (business profile, on
// invoices, passes and the enrollment page), Regio & taal, Account (own name,
// password, sessions), Wallets (status only), links to Webhooks, API, Logboek
// and Abonnement, and for the owner the Gevarenzone (export, delete).
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DeletionPending } from "@/components/settings/deletion-pending";
import {
  BusinessForm,
  DeleteOrganizationForm,
  EndAllSessionsButton,
  EndSessionButton,
  OwnProfileForm,
  PasswordForm,
  RegionForm,
} from "@/components/settings/settings-forms";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { currentSession, requireTenant } from "@/lib/auth/session";
import { describeUserAgent, listSessions } from "@/lib/auth/sessions";
import { getBusinessProfile } from "@/lib/organizations/profile";
import { appleWalletStatus, type WalletState } from "@/lib/wallet/apple/config";
import { googleWalletStatus } from "@/lib/wallet/google/config";

const BADGE: Record<WalletState, string> = {
  active: "bg-emerald-100 text-emerald-900",
  test: "bg-amber-100 text-amber-900",
  unavailable: "bg-stone-200 text-stone-700",
};

const LINK = "text-sm font-medium text-amber-800 underline-offset-4 hover:underline";

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-6 space-y-3" data-testid={`settings-${id}`}>
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
  const { ctx, organization, user } = await requireTenant();
  const t = await getTranslations("settings");
  const tw = await getTranslations("webhooks");
  const ta = await getTranslations("apiKeys");
  const format = await getFormatter();
  const owner = ctx.role === "OWNER";
  const [profile, session] = await Promise.all([getBusinessProfile(ctx), currentSession()]);
  const sessions = await listSessions(ctx.userId!, session?.sessionId ?? null);
  const zones = Intl.supportedValuesOf("timeZone");
  const wallets = [
    { id: "apple", state: appleWalletStatus().state },
    { id: "google", state: googleWalletStatus().state },
  ] as const;
  const deleting = organization.deletionRequestedAt && !organization.deletedAt ? organization.deletionScheduledFor : null;
  const tabs = [
    ["business", t("tabs.business")],
    ["region", t("tabs.region")],
    ["account", t("tabs.account")],
    ["wallets", t("wallets.title")],
    ["more", t("tabs.more")],
    ...(owner ? [["danger", t("tabs.danger")]] : []),
  ];
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-600">{t("lead")}</p>
        <nav aria-label={t("title")} className="flex flex-wrap gap-2">
          {tabs.map(([id, label]) => (
            <a key={id} href={`#${id}`} className="rounded-full border border-stone-200 bg-white px-3 py-1 text-sm hover:bg-stone-50">
              {label}
            </a>
          ))}
        </nav>
      </div>
      {deleting && <DeletionPending scheduledFor={deleting} isOwner={owner} />}

      <Section id="business" title={t("business.title")} lead={t("business.lead")}>
        <Card className="p-5">
          <BusinessForm profile={profile} canEdit={owner} />
        </Card>
      </Section>

      <Section id="region" title={t("region.title")} lead={t("region.lead")}>
        <Card className="p-5">
          <RegionForm timezone={profile.timezone} locale={profile.locale} zones={zones} canEdit={owner} />
        </Card>
      </Section>

      <Section id="account" title={t("account.title")} lead={t("account.lead")}>
        <Card className="space-y-8 p-5">
          <OwnProfileForm name={user.name} email={user.email} />
          <PasswordForm />
          <div className="space-y-3" data-testid="sessions">
            <h3 className="font-semibold">{t("account.sessions.title")}</h3>
            <p className="text-sm text-stone-600">{t("account.sessions.lead")}</p>
            <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200">
              {sessions.map((s) => {
                const ua = describeUserAgent(s.userAgent);
                return (
                  <li
                    key={s.id}
                    className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
                    data-testid="session-row"
                    data-current={s.current || undefined}
                  >
                    <div className="text-sm">
                      <p className="font-medium">
                        {ua ? t("account.sessions.browserOn", ua) : t("account.sessions.unknown")}
                        {s.current && (
                          <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">{t("account.sessions.current")}</span>
                        )}
                      </p>
                      <p className="text-stone-600">
                        {t("account.sessions.ip")}: {s.ip ?? "—"} · {t("account.sessions.lastSeen")}: {format.relativeTime(s.lastSeenAt)} ·{" "}
                        {t("account.sessions.since")} {format.dateTime(s.createdAt, { dateStyle: "medium" })}
                      </p>
                    </div>
                    {!s.current && <EndSessionButton sessionId={s.id} />}
                  </li>
                );
              })}
            </ul>
            <EndAllSessionsButton />
          </div>
        </Card>
      </Section>

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

      <div id="more" className="grid scroll-mt-6 gap-6 md:grid-cols-2">
        {owner && (
          <Section id="billing" title={t("links.billing.title")} lead={t("links.billing.lead")}>
            <Link href="/dashboard/billing" className={LINK}>
              {t("links.billing.open")}
            </Link>
          </Section>
        )}
        {owner && (
          <Section id="audit" title={t("links.audit.title")} lead={t("links.audit.lead")}>
            <Link href="/dashboard/settings/audit" className={LINK}>
              {t("links.audit.open")}
            </Link>
          </Section>
        )}
        <Section id="webhooks" title={tw("settingsLink.title")} lead={tw("settingsLink.lead")}>
          <Link href="/dashboard/settings/webhooks" className={LINK}>
            {tw("settingsLink.open")}
          </Link>
        </Section>
        <Section id="api" title={ta("settingsLink.title")} lead={ta("settingsLink.lead")}>
          <div className="flex flex-wrap gap-4">
            <Link href="/dashboard/settings/api" className={LINK}>
              {ta("settingsLink.open")}
            </Link>
            <Link href="/dashboard/settings/api/docs" className={LINK}>
              {ta("settingsLink.docs")}
            </Link>
          </div>
        </Section>
      </div>

      {owner && (
        <Section id="danger" title={t("danger.title")} lead={t("danger.lead")}>
          <Card className="space-y-6 border-red-200 p-5">
            <div className="space-y-2">
              <h3 className="font-semibold">{t("danger.export.title")}</h3>
              <p className="max-w-prose text-sm text-stone-600">{t("danger.export.lead")}</p>
              {/* A plain link: the route streams the zip as a download. */}
              <a
                href="/dashboard/settings/export"
                className="inline-flex h-10 items-center rounded-lg border border-stone-300 px-4 text-sm font-medium hover:bg-stone-50"
                data-testid="export-download"
              >
                {t("danger.export.download")}
              </a>
            </div>
            {!deleting && (
              <div className="space-y-2 border-t border-red-100 pt-6">
                <h3 className="font-semibold text-red-900">{t("danger.delete.title")}</h3>
                <p className="max-w-prose text-sm text-stone-600">{t("danger.delete.lead")}</p>
                <DeleteOrganizationForm name={organization.name} />
              </div>
            )}
          </Card>
        </Section>
      )}
    </div>
  );
}
