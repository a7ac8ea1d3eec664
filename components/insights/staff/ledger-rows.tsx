// The ledger rows behind a staff signal, folded away until asked for: time,
// card number, customer, location, staff member, amount and kind. Plain
// <details>, so it opens without JavaScript.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { LedgerRow } from "@/lib/insights/staff-signals";

export async function LedgerRows({ rows, timezone }: { rows: LedgerRow[]; timezone: string }) {
  const [t, format] = await Promise.all([getTranslations("insightsStaff.rows"), getFormatter()]);
  const th = "px-2 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-stone-500";
  const td = "px-2 py-1.5";
  return (
    <details className="text-sm" data-testid="ledger-rows">
      <summary className="cursor-pointer select-none font-medium text-amber-800">{t("show", { count: rows.length })}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="border-b border-stone-200">
            <tr>
              {(["when", "card", "customer", "location", "staff", "amount", "type"] as const).map((k) => (
                <th key={k} scope="col" className={th}>
                  {t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.map((r) => (
              <tr key={r.id} data-event={r.id}>
                <td className={`${td} whitespace-nowrap tabular-nums`}>
                  {format.dateTime(r.at, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: timezone })}
                </td>
                <td className={`${td} font-mono text-xs`}>{r.serial}</td>
                <td className={td}>
                  <Link href={`/dashboard/customers/${r.customerId}`} className="text-amber-800 underline-offset-4 hover:underline">
                    {r.customerName || t("erased")}
                  </Link>
                </td>
                <td className={td}>{r.location ?? t("unknown")}</td>
                <td className={td}>{r.staff ?? t("unknown")}</td>
                <td className={`${td} tabular-nums`}>{format.number(r.amount)}</td>
                <td className={td}>{t(`types.${r.type}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
