import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MemberActions } from "@/components/dashboard/member-actions";
import { AddLocationForm, PinForm } from "@/components/dashboard/team-forms";
import { InviteForm, PendingInvitation } from "@/components/team/invitations";
import { LocationEditor } from "@/components/team/location-editor";
import { AddTabletStaffForm } from "@/components/team/tablet-staff";
import { listLocationDetails } from "@/lib/organizations/locations";
import { Card } from "@/components/ui/card";
import { listPendingInvitations } from "@/lib/organizations/invitations";
import { requireTenant } from "@/lib/auth/session";
import { listTeamWithFigures, STAFF_FIGURE_DAYS } from "@/lib/organizations/memberships";
import { maySetPin, pinChangesByOthers } from "@/lib/stamping/devices";
import { hasRole } from "@/lib/tenancy/context";

export default async function TeamPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("dashboard");
  const tt = await getTranslations("team");
  const format = await getFormatter();
  const manager = hasRole(ctx, "MANAGER");
  const [members, locations, invitations, pinChanges] = await Promise.all([
    listTeamWithFigures(ctx),
    listLocationDetails(ctx),
    manager ? listPendingInvitations(ctx) : Promise.resolve([]),
    pinChangesByOthers(ctx),
  ]);
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("nav.team")}</h1>
      <Card>
        <h2 className="font-semibold">{t("teamList")}</h2>
        <p className="text-sm text-stone-600">{tt("pinLead")}</p>
        {pinChanges.length > 0 && (
          // Someone else set your PIN: you should know (and can set your own).
          <div className="mt-3 rounded-lg bg-amber-50 px-4 py-3 text-amber-950" role="status" data-testid="pin-changed">
            {pinChanges.map((c) => {
              const date = format.dateTime(c.at, { dateStyle: "medium", timeStyle: "short" });
              return <p key={c.at.toISOString()}>{c.changedBy ? tt("pinChangedBy", { name: c.changedBy, date }) : tt("pinChangedBySomeone", { date })}</p>;
            })}
            <p className="text-sm">{tt("pinChangedHint")}</p>
          </div>
        )}
        <ul className="mt-3 divide-y divide-stone-100">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="team-member">
              <span>
                {m.name}{" "}
                <span className="block text-sm text-stone-500">
                  {m.tabletOnly ? tt("tabletOnly") : m.email} · {t(`roles.${m.role}`)} · {m.hasPin ? tt("pinSet") : tt("pinMissing")}
                </span>
                <span className="block text-sm text-stone-500" data-testid="staff-stamps">
                  {tt("stampsRecent", { count: m.stamps, days: STAFF_FIGURE_DAYS })}
                </span>
              </span>
              {maySetPin(ctx, m) && <PinForm membershipId={m.id} own={m.userId !== null && m.userId === ctx.userId} name={m.name} />}
              {m.userId !== ctx.userId && (hasRole(ctx, "OWNER") || (manager && m.role === "STAFF")) && (
                <MemberActions
                  membershipId={m.id}
                  name={m.name}
                  role={m.role}
                  canChangeRoles={hasRole(ctx, "OWNER") && !m.tabletOnly}
                  canRemove
                  tabletOnly={m.tabletOnly}
                />
              )}
            </li>
          ))}
        </ul>
        {manager && (
          <>
            <h3 className="mt-6 font-semibold">{tt("addStaffTitle")}</h3>
            <AddTabletStaffForm />
            <h3 className="mt-6 font-semibold">{tt("inviteTitle")}</h3>
            <InviteForm canInviteManagers={hasRole(ctx, "OWNER")} />
            {invitations.length > 0 && (
              <ul className="mt-3 divide-y divide-stone-100" aria-label={tt("pendingInvites")}>
                {invitations.map((i) => (
                  <PendingInvitation key={i.id} id={i.id} email={i.email} role={i.role} />
                ))}
              </ul>
            )}
          </>
        )}
      </Card>
      <PermissionTable />
      <div className="grid gap-4 md:grid-cols-2">
        <Card id="locaties" className="scroll-mt-20">
          <h2 className="font-semibold">{t("locationsList")}</h2>
          <ul className="mt-3 divide-y divide-stone-100">
            {locations.map((l) =>
              manager ? (
                <li key={l.id}>
                  <LocationEditor location={l} />
                </li>
              ) : (
                <li key={l.id} className="py-2">
                  {l.name} <span className="block text-sm text-stone-500">{[l.address, l.city].filter(Boolean).join(", ")}</span>
                </li>
              ),
            )}
          </ul>
          {manager && <AddLocationForm />}
        </Card>
        {manager && (
          <Card>
            <h2 className="font-semibold">{tt("tabletTitle")}</h2>
            <p className="text-sm text-stone-600">{tt("tabletLead")}</p>
            <Link href="/dashboard/tablet" className="mt-3 inline-flex min-h-11 items-center font-semibold text-amber-800 underline">
              {tt("tabletLink")}
            </Link>
          </Card>
        )}
      </div>
    </section>
  );
}

const PERMISSIONS = [
  ["stamp", true, true, true],
  ["customers", false, true, true],
  ["cards", false, true, true],
  ["inviteStaff", false, true, true],
  ["tabletStaff", false, true, true],
  ["inviteManagers", false, false, true],
  ["tablets", false, true, true],
  ["billing", false, false, true],
] as const;

async function PermissionTable() {
  const t = await getTranslations("team.permissions");
  const td = await getTranslations("dashboard.roles");
  return (
    <Card>
      <h2 className="font-semibold">{t("title")}</h2>
      <table className="mt-3 w-full text-sm">
        <thead>
          <tr className="text-left text-stone-500">
            <th className="py-1 font-normal">{t("what")}</th>
            <th className="py-1 font-normal">{td("STAFF")}</th>
            <th className="py-1 font-normal">{td("MANAGER")}</th>
            <th className="py-1 font-normal">{td("OWNER")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {PERMISSIONS.map(([key, ...allowed]) => (
            <tr key={key}>
              <td className="py-2">{t(key)}</td>
              {allowed.map((ok, i) => (
                <td key={i} className="py-2" aria-label={ok ? t("yes") : t("no")}>
                  {ok ? "✓" : "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
