import { getFormatter, getTranslations } from "next-intl/server";
import { MemberActions } from "@/components/dashboard/member-actions";
import { AddLocationForm, PinForm, RevokeDeviceButton, TabletIdleForm } from "@/components/dashboard/team-forms";
import { InviteForm, PendingInvitation } from "@/components/team/invitations";
import { LocationEditor } from "@/components/team/location-editor";
import { listLocationDetails } from "@/lib/organizations/locations";
import { Card } from "@/components/ui/card";
import { listPendingInvitations } from "@/lib/organizations/invitations";
import { requireTenant } from "@/lib/auth/session";
import { listTeam } from "@/lib/dashboard/get-overview";
import { listDevices, maySetPin, pinChangesByOthers } from "@/lib/stamping/devices";
import { hasRole } from "@/lib/tenancy/context";

export default async function TeamPage() {
  const { ctx, organization } = await requireTenant();
  const t = await getTranslations("dashboard");
  const tt = await getTranslations("team");
  const format = await getFormatter();
  const manager = hasRole(ctx, "MANAGER");
  const [members, locations, devices, invitations, pinChanges] = await Promise.all([
    listTeam(ctx),
    listLocationDetails(ctx),
    manager ? listDevices(ctx) : Promise.resolve([]),
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
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <span>
                {m.user.name}{" "}
                <span className="block text-sm text-stone-500">
                  {m.user.email} · {t(`roles.${m.role}`)} · {m.hasPin ? tt("pinSet") : tt("pinMissing")}
                </span>
              </span>
              {maySetPin(ctx, m) && <PinForm membershipId={m.id} own={m.userId === ctx.userId} />}
              {m.userId !== ctx.userId && (hasRole(ctx, "OWNER") || (manager && m.role === "STAFF")) && (
                <MemberActions membershipId={m.id} name={m.user.name} role={m.role} canChangeRoles={hasRole(ctx, "OWNER")} canRemove />
              )}
            </li>
          ))}
        </ul>
        {manager && (
          <>
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
        <Card>
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
            <h2 className="font-semibold">{tt("devices")}</h2>
            <p className="text-sm text-stone-600">{tt("devicesLead")}</p>
            {devices.length === 0 && <p className="mt-3 text-stone-600">{tt("noDevices")}</p>}
            <ul className="mt-3 divide-y divide-stone-100">
              {devices.map((d) => (
                <li key={d.id} className="flex items-center justify-between gap-3 py-2">
                  <span>
                    {d.name} · {d.location.name}
                    <span className="block text-sm text-stone-500">
                      {d.revokedAt
                        ? tt("revoked")
                        : d.lastSeenAt
                          ? tt("lastSeen", { date: format.dateTime(d.lastSeenAt, { dateStyle: "medium", timeStyle: "short" }) })
                          : tt("neverUsed")}
                    </span>
                  </span>
                  {!d.revokedAt && <RevokeDeviceButton deviceId={d.id} />}
                </li>
              ))}
            </ul>
            <TabletIdleForm minutes={organization.tabletIdleMinutes} />
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
