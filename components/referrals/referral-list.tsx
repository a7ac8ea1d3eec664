// Referrals as the merchant reads them: status and, for a blocked one, why in
// plain words; names link to the customers. Used on Vrienden werven and on a
// customer's page.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReferralRow } from "@/lib/referrals/manage";

export async function ReferralStatusText({ row }: { row: Pick<ReferralRow, "status" | "blockedReason"> }) {
  const t = await getTranslations("referrals");
  const reason = row.status === "BLOCKED" && row.blockedReason ? t(`reason.${row.blockedReason}`) : null;
  return (
    <span data-status={row.status}>
      <span className="font-medium">{t(`status.${row.status}`)}</span>
      {reason && <span className="block text-sm text-stone-600">{reason}</span>}
    </span>
  );
}

export async function ReferralTable({ rows, testId }: { rows: ReferralRow[]; testId: string }) {
  const t = await getTranslations("referrals.list");
  const format = await getFormatter();
  const th = "px-3 py-2 text-left font-medium text-stone-600";
  if (!rows.length) return <p className="text-sm text-stone-600">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="bg-stone-50">
          <tr>
            <th scope="col" className={th}>
              {t("date")}
            </th>
            <th scope="col" className={th}>
              {t("referrer")}
            </th>
            <th scope="col" className={th}>
              {t("friend")}
            </th>
            <th scope="col" className={th}>
              {t("status")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((r) => (
            <tr key={r.id} data-testid="referral-row">
              <td className="whitespace-nowrap px-3 py-2 text-stone-600">{format.dateTime(r.createdAt, { dateStyle: "medium" })}</td>
              <td className="px-3 py-2">
                <Link href={`/dashboard/customers/${r.referrer.id}`} className="text-amber-800 underline">
                  {r.referrer.name}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Link href={`/dashboard/customers/${r.friend.id}`} className="text-amber-800 underline">
                  {r.friend.name}
                </Link>
              </td>
              <td className="px-3 py-2">
                <ReferralStatusText row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
