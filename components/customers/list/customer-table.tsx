// The list's table: real column headers, the sortable ones links that turn the
// order around (aria-sort says which way it is sorted), one row per customer
// linking to their page.
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import type { CustomerListRow } from "@/lib/customers/list-customers";
import { DEFAULT_DIR, type CustomerListParams, type CustomerSort } from "@/lib/validation/customers";
import { listHref } from "./href";

const th = "px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-stone-500";
const td = "px-4 py-3 align-top";

function SortHeader({ params, sort, label }: { params: CustomerListParams; sort: CustomerSort; label: string }) {
  const active = params.sort === sort;
  // Clicking the sorted column turns it around; another column starts in its natural direction.
  const dir = active ? (params.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[sort];
  return (
    <th scope="col" className={th} aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link
        href={listHref(params, { sort, dir })}
        className="inline-flex items-center gap-1 hover:text-stone-900 hover:underline"
        data-testid={`customer-sort-${sort}`}
      >
        {label}
        <span aria-hidden="true">{active ? (params.dir === "asc" ? "↑" : "↓") : "↕"}</span>
      </Link>
    </th>
  );
}

export function CustomerTable({ rows, params, timeZone }: { rows: CustomerListRow[]; params: CustomerListParams; timeZone: string }) {
  const t = useTranslations("customers.list");
  const ts = useTranslations("customers.export.sources");
  const format = useFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone });
  const plain = (key: "cards" | "rewards" | "source" | "tags") => (
    <th scope="col" className={th}>
      {t(`columns.${key}`)}
    </th>
  );
  return (
    <table className="w-full text-sm" data-testid="customer-list">
      <caption className="sr-only">{t("columns.caption")}</caption>
      <thead className="border-b border-stone-200">
        <tr>
          <SortHeader params={params} sort="name" label={t("columns.name")} />
          {plain("cards")}
          {plain("rewards")}
          <SortHeader params={params} sort="lastVisit" label={t("columns.lastVisit")} />
          {plain("source")}
          <SortHeader params={params} sort="joined" label={t("columns.joined")} />
          {plain("tags")}
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {rows.map((c) => (
          <tr key={c.id} data-testid="customer-row" data-id={c.id} className="hover:bg-amber-50/50">
            <th scope="row" className={`${td} text-left font-normal`}>
              <Link href={`/dashboard/customers/${encodeURIComponent(c.id)}`} className="font-medium text-stone-900 underline-offset-4 hover:underline">
                {c.erased ? t("row.erased") : c.name}
              </Link>
              {!c.erased && (c.email || c.phone) && <div className="text-xs text-stone-500">{[c.email, c.phone].filter(Boolean).join(" · ")}</div>}
            </th>
            <td className={td}>
              {c.cards.length === 0 ? (
                <span className="text-stone-400">{t("row.noCard")}</span>
              ) : (
                <ul className="space-y-0.5">
                  {c.cards.map((k) => (
                    <li key={k.id} className="tabular-nums">
                      {t("row.stamps", { program: k.programName, count: k.stampCount, total: k.stampsRequired })}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className={td}>
              {c.rewardsWaiting.length ? (
                <span className="font-medium text-emerald-800">
                  {c.rewardsWaiting.map((r) => t("row.rewardItem", { count: r.count, reward: r.reward })).join(" · ")}
                </span>
              ) : (
                <span className="text-stone-400">{t("row.nothingReady")}</span>
              )}
            </td>
            <td className={`${td} text-stone-600`}>
              {c.lastVisit ? (
                c.lastVisit.locationName ? (
                  t("row.visitAt", { date: date(c.lastVisit.at), location: c.lastVisit.locationName })
                ) : (
                  date(c.lastVisit.at)
                )
              ) : (
                <span className="text-stone-400">{t("row.neverVisited")}</span>
              )}
            </td>
            <td className={`${td} text-stone-600`}>{ts(c.source)}</td>
            <td className={`${td} whitespace-nowrap text-stone-600`}>{date(c.joinedAt)}</td>
            <td className={td}>
              <ul className="flex flex-wrap gap-1">
                {c.tags.map((tag) => (
                  <li key={tag} className="rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                    {tag}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
