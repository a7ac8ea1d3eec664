// The customer list's search and filters as one SQL condition on "Customer as c"
// (typed SQL, lib/db/sql.ts), shared by the list, its total and the bulk tag
// action, so they always agree on who is "in this list". Each filter is written
// so an index answers it (docs/customers.md → Developer notes):
//  - search: customer_search_ids(), the trigram search (a SECURITY DEFINER
//    function, see migration 20261125231000_customer_search for why), run once
//    per request by resolveFilter; it returns only the pinned organization's ids;
//  - calendar days become the UTC instants of the merchant's midnights, once,
//    so the planner sees constants;
//  - the last visit and its location are columns of "Customer" (kept by the
//    stamp path), card facts (program, reward waiting) semi-joins on the
//    customer's cards, each by an (organizationId, …) index;
//  - the Insights groups (RFM segment, ladder rung, matrix cell) of CustomerScore.
//    Their enum "=" is not LEAKPROOF, so under row-level security PostgreSQL
//    uses neither the (organizationId, segment|rung|cell) index's second column
//    nor the column's statistics: it guesses every group at 1/11 of the
//    customers, and walked all 100 000 (1.7 s) to fill a page from an empty
//    group, or 60 000 to fill one from a group at the list's far end (AT_RISK
//    by last visit). So resolveFilter first looks the group up through
//    customer_score_group_ids() (migration 20261127081000), a SECURITY DEFINER
//    function like the search's that lets the index answer and returns only
//    the pinned organization's ids. A group of up to SMALL_GROUP customers
//    becomes that list of ids (exact, by primary key, like the search); a
//    larger one is a subquery behind OFFSET 0, hashed once and matched against
//    the list, never probed customer by customer.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { run, sqlb } from "@/lib/db/sql";
import type { DB } from "@/lib/generated/kysely/types";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import type { CustomerFilter } from "@/lib/validation/customers";
import { searchTerms } from "./search-terms";

type C = ExpressionBuilder<DB & { c: DB["Customer"] }, "c">;
const DAYS = ["joinedFrom", "joinedTo", "lastVisitFrom", "lastVisitTo"] as const;

/** Up to this many customers an Insights group is passed as ids (bench:customers). */
export const SMALL_GROUP = 2_000;

/** A filter with its search done (`ids`), a small Insights group's ids (`scored`) and its days as instants (`at`). */
export type ResolvedFilter = CustomerFilter & {
  ids?: string[];
  scored?: string[];
  at: Partial<Record<(typeof DAYS)[number], Date>>;
};

/**
 * Runs the search (if any) and converts the days, in the caller's pinned
 * transaction. "To" days are inclusive: their instant is the next midnight.
 */
export async function resolveFilter(sql_: TenantSql, orgId: string, f: CustomerFilter): Promise<ResolvedFilter> {
  const out: ResolvedFilter = { ...f, at: {} };
  const terms = searchTerms(f.q);
  if (terms) {
    const [r] = await sql_<{ ids: string[] | null }>(`SELECT array_agg(id) AS ids FROM customer_search_ids($1::text[], $2::text, $3::text)`, [
      terms.words,
      terms.digits,
      terms.serial,
    ]);
    out.ids = r.ids ?? [];
  }
  if (f.segment || f.rung || f.cell) {
    const [r] = await run(sql_, sqlb.selectNoFrom(sql<string[]>`ARRAY(${scoreGroupIds(f)} LIMIT ${SMALL_GROUP + 1})`.as("ids")));
    if (r.ids.length <= SMALL_GROUP) out.scored = r.ids;
  }
  const days = DAYS.filter((k) => f[k]);
  if (days.length) {
    const [r] = await sql_<Record<string, Date>>(
      `SELECT ${days.map((k, i) => `(($${i + 2}::date + ${k.endsWith("To") ? 1 : 0})::timestamp AT TIME ZONE o.timezone) AT TIME ZONE 'UTC' AS "${k}"`).join(", ")}
         FROM "Organization" o WHERE o.id = $1`,
      [orgId, ...days.map((k) => f[k])],
    );
    for (const k of days) out.at[k] = r[k];
  }
  return out;
}

/** The ids of the pinned organization's customers in the filter's Insights group (segment, rung and/or cell), by its index. */
const scoreGroupIds = (f: CustomerFilter) =>
  sql<string>`SELECT id FROM customer_score_group_ids(${f.segment ?? null}::text, ${f.rung ?? null}::text, ${f.cell ?? null}::text)`;

/**
 * The same group as a subquery of CustomerScore (a large group: more than
 * SMALL_GROUP). Not the function: PostgreSQL cannot estimate a function's rows
 * and, guessing 200 distinct ids, probed the 57 000 customers of a large group
 * one by one (bench:customers, rung=DORMANT by last visit: 553 ms against 226).
 */
const scoreGroup = (orgId: string, f: CustomerFilter) =>
  sqlb
    .selectFrom("CustomerScore as s")
    .select("s.customerId")
    .where("s.organizationId", "=", orgId)
    .$if(!!f.segment, (q) => q.where("s.segment", "=", f.segment!))
    .$if(!!f.rung, (q) => q.where("s.rung", "=", f.rung!))
    .$if(!!f.cell, (q) => q.where("s.cell", "=", f.cell!));

/** The condition on `c` for this filter (true when nothing is filtered). */
export function customerFilter(orgId: string, f: ResolvedFilter) {
  return (eb: C): Expression<SqlBool> => {
    const conds: Expression<SqlBool>[] = [];
    const cards = () => eb.selectFrom("Card as k").select("k.customerId").where("k.organizationId", "=", orgId);

    if (f.ids) conds.push(f.ids.length ? eb("c.id", "=", sql<string>`ANY(${f.ids}::text[])`) : sql<SqlBool>`false`);
    if (f.program) conds.push(eb("c.id", "in", cards().where("k.programId", "=", f.program)));
    if (f.source) conds.push(eb("c.source", "=", f.source));
    if (f.consent) conds.push(eb("c.marketingConsent", "=", f.consent === "yes"));
    if (f.reward) {
      const waiting = cards().where((k) => k.or([k("k.rewardsAvailable", ">", 0), k("k.intermediateAvailable", ">", 0)]));
      conds.push(f.reward === "yes" ? eb("c.id", "in", waiting) : eb("c.id", "not in", waiting));
    }
    if (f.at.joinedFrom) conds.push(eb("c.createdAt", ">=", f.at.joinedFrom));
    if (f.at.joinedTo) conds.push(eb("c.createdAt", "<", f.at.joinedTo));
    if (f.at.lastVisitFrom) conds.push(eb("c.lastVisitAt", ">=", f.at.lastVisitFrom));
    if (f.at.lastVisitTo) conds.push(eb("c.lastVisitAt", "<", f.at.lastVisitTo));
    if (f.location) conds.push(eb("c.lastVisitLocationId", "=", f.location));
    if (f.tag) {
      const tagged = eb
        .selectFrom("CustomerTag as t")
        .select("t.customerId")
        .where("t.organizationId", "=", orgId)
        // One spelling per organization (tags.ts), compared ignoring case.
        .where(sql<string>`lower(t.tag)`, "=", sql<string>`lower(${f.tag})`);
      conds.push(eb("c.id", "in", tagged));
    }
    if (f.scored) conds.push(f.scored.length ? eb("c.id", "=", sql<string>`ANY(${f.scored}::text[])`) : sql<SqlBool>`false`);
    // OFFSET 0 keeps the group a subquery: hashed once, never probed customer by customer.
    else if (f.segment || f.rung || f.cell) conds.push(eb("c.id", "in", scoreGroup(orgId, f).offset(0)));
    return eb.and(conds);
  };
}

/** The organization's customers in this filter (a query on "Customer as c" to select from). */
export function filteredCustomers(orgId: string, f: ResolvedFilter) {
  return sqlb.selectFrom("Customer as c").where("c.organizationId", "=", orgId).where(customerFilter(orgId, f));
}
