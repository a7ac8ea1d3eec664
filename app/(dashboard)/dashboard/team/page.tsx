import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { listTeam } from "@/lib/dashboard/get-overview";

export default async function TeamPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("dashboard");
  const { members, locations } = await listTeam(ctx);
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-bold">{t("nav.team")}</h1>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">{t("teamList")}</h2>
          <ul className="mt-3 divide-y divide-stone-100">
            {members.map((m) => (
              <li key={m.id} className="flex justify-between gap-3 py-2">
                <span>
                  {m.user.name} <span className="block text-sm text-stone-500">{m.user.email}</span>
                </span>
                <span className="text-sm text-stone-600">{t(`roles.${m.role}`)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="font-semibold">{t("locationsList")}</h2>
          {locations.length === 0 ? (
            <p className="mt-3 text-stone-600">{t("empty.team")}</p>
          ) : (
            <ul className="mt-3 divide-y divide-stone-100">
              {locations.map((l) => (
                <li key={l.id} className="py-2">
                  {l.name} <span className="block text-sm text-stone-500">{[l.address, l.city].filter(Boolean).join(", ")}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </section>
  );
}
