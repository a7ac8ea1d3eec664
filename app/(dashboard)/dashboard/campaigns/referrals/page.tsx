// Berichten → Vrienden werven: per card program the referral switch, both
// bonuses and the monthly limit; the customers who bring the most friends and
// the latest referrals (docs/messages/referrals.md). The layout admits managers and owners.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReferralSettingsForm } from "@/components/referrals/referral-settings";
import { ReferralTable } from "@/components/referrals/referral-list";
import { requireTenant } from "@/lib/auth/session";
import { referralOverview } from "@/lib/referrals/manage";

export const dynamic = "force-dynamic";

export default async function ReferralsPage() {
  const { ctx } = await requireTenant();
  const t = await getTranslations("referrals");
  const { programs, top, recent } = await referralOverview(ctx);
  const th = "px-3 py-2 text-left font-medium text-stone-600";
  return (
    <div className="space-y-8">
      <p className="max-w-prose text-stone-600">{t("intro")}</p>
      <section className="space-y-4" aria-labelledby="referral-settings-heading">
        <h2 id="referral-settings-heading" className="sr-only">
          {t("settings.title")}
        </h2>
        {programs.length ? programs.map((p) => <ReferralSettingsForm key={p.id} program={p} />) : <p className="text-sm text-stone-600">{t("noPrograms")}</p>}
      </section>
      <section className="space-y-3" aria-labelledby="top-referrers-heading">
        <h2 id="top-referrers-heading" className="text-lg font-semibold">
          {t("top.title")}
        </h2>
        {top.length ? (
          <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
            <table className="w-full text-sm" data-testid="top-referrers">
              <thead className="bg-stone-50">
                <tr>
                  <th scope="col" className={th}>
                    {t("top.customer")}
                  </th>
                  <th scope="col" className={th}>
                    {t("top.rewarded")}
                  </th>
                  <th scope="col" className={th}>
                    {t("top.pending")}
                  </th>
                  <th scope="col" className={th}>
                    {t("top.blocked")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {top.map((r) => (
                  <tr key={r.customerId}>
                    <td className="px-3 py-2">
                      <Link href={`/dashboard/customers/${r.customerId}`} className="text-amber-800 underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 tabular-nums">{r.rewarded}</td>
                    <td className="px-3 py-2 tabular-nums">{r.pending}</td>
                    <td className="px-3 py-2 tabular-nums">{r.blocked}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-stone-600">{t("list.empty")}</p>
        )}
      </section>
      <section className="space-y-3" aria-labelledby="recent-referrals-heading">
        <h2 id="recent-referrals-heading" className="text-lg font-semibold">
          {t("recent")}
        </h2>
        <ReferralTable rows={recent} testId="recent-referrals" />
      </section>
    </div>
  );
}
