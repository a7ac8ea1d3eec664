// The customer list (dashboard → Klanten): one page of a merchant's customers
// with the total, searched, filtered and sorted in PostgreSQL by indexes — it
// stays fast at 100 000 customers (npm run bench:customers). One transaction
// pinned to the organization (row-level security holds), typed SQL, few round
// trips:
//  1. the search, if any (customer-filter.ts resolveFilter);
//  2. the total and the page's ids in the chosen order, in one statement;
//  3. those customers with their cards, rewards waiting, last visit and tags.
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { AcquisitionSource } from "@/lib/generated/prisma/enums";
import { run, sqlb } from "@/lib/db/sql";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { isFiltered, type CustomerListParams } from "@/lib/validation/customers";
import { filteredCustomers, resolveFilter, type ResolvedFilter } from "./customer-filter";

export type CustomerListCard = {
  id: string;
  serial: string;
  programId: string;
  programName: string;
  stampCount: number;
  stampsRequired: number;
  rewardsAvailable: number;
  intermediateAvailable: number;
  lastStampAt: Date | null;
  erased: boolean;
};

export type CustomerListRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  joinedAt: Date;
  source: AcquisitionSource;
  marketingConsent: boolean;
  note: string | null;
  /** The customer asked for their data to be erased: only anonymous numbers are left. */
  erased: boolean;
  cards: CustomerListCard[];
  /** Rewards ready to be redeemed, by the reward's text (e.g. "Gratis koffie naar keuze" × 2). */
  rewardsWaiting: { reward: string; count: number }[];
  /** Their latest stamp on any card, and where it was given. */
  lastVisit: { at: Date; locationId: string | null; locationName: string | null } | null;
  tags: string[];
};

export type CustomerList = { rows: CustomerListRow[]; total: number; page: number; size: number; pages: number };

/**
 * Planner settings for this transaction only. The rows are in memory or on SSD:
 * a random page costs about what a sequential one does, and PostgreSQL's default
 * (4, for spinning disks) makes it scan whole tables where an index answers —
 * under row-level security a scan also evaluates the policy on every row. And
 * no parallel workers: starting them costs more than these queries take, and
 * many requests at once share the cores anyway.
 */
const PLANNER = "SELECT set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true)";

/** The page's ids in order: names A→Z ignoring case and accents; never-visited customers last (newest first) or first (oldest first). */
function page(orgId: string, f: ResolvedFilter, p: CustomerListParams, pageNo: number) {
  const q = filteredCustomers(orgId, f).select("c.id");
  const ordered =
    p.sort === "name"
      ? q.orderBy(sql`public.stempel_name_key(c.name)`, p.dir).orderBy("c.id", p.dir)
      : p.sort === "lastVisit"
        ? q.orderBy(sql`c."lastVisitAt" ${sql.raw(p.dir === "asc" ? "ASC NULLS FIRST" : "DESC NULLS LAST")}`).orderBy("c.id", p.dir)
        : q.orderBy("c.createdAt", p.dir).orderBy("c.id", p.dir);
  return ordered.limit(p.size).offset((pageNo - 1) * p.size);
}

/** The total and one page of ids, in one statement. */
async function totalAndPage(sql_: TenantSql, orgId: string, f: ResolvedFilter, p: CustomerListParams, pageNo: number) {
  const total =
    f.ids && !isFiltered({ ...f, q: undefined })
      ? sql<number>`${f.ids.length}::int` // the search alone: its matches are the total
      : sql<number>`(${filteredCustomers(orgId, f).select(sql<number>`count(*)::int`.as("n"))})`;
  const [r] = await run(sql_, sqlb.selectNoFrom([total.as("total"), sql<string[]>`ARRAY(${page(orgId, f, p, pageNo)})`.as("ids")]));
  return r;
}

const details = (orgId: string, ids: string[]) =>
  sqlb
    .selectFrom("Customer as c")
    .leftJoin("Location as l", (j) => j.onRef("l.id", "=", "c.lastVisitLocationId").onRef("l.organizationId", "=", "c.organizationId"))
    .where("c.organizationId", "=", orgId)
    .where("c.id", "=", sql<string>`ANY(${ids}::text[])`)
    .select((eb) => [
      "c.id",
      "c.name",
      "c.email",
      "c.phone",
      "c.createdAt",
      "c.source",
      "c.marketingConsent",
      "c.note",
      "c.lastVisitAt",
      "c.lastVisitLocationId",
      "l.name as lastVisitLocationName",
      jsonArrayFrom(
        eb
          .selectFrom("Card as k")
          .innerJoin("CardProgram as p", (j) => j.onRef("p.id", "=", "k.programId").onRef("p.organizationId", "=", "k.organizationId"))
          .where("k.organizationId", "=", orgId)
          .whereRef("k.customerId", "=", "c.id")
          .orderBy("k.createdAt")
          .orderBy("k.id")
          .select([
            "k.id",
            "k.serial",
            "k.erasedAt",
            "k.stampCount",
            "k.rewardsAvailable",
            "k.intermediateAvailable",
            "k.lastStampAt",
            "p.id as programId",
            "p.name as programName",
            "p.stampsRequired",
            "p.rewardText",
            "p.intermediateRewardText",
          ]),
      ).as("cards"),
      eb
        .selectFrom("CustomerTag as t")
        .where("t.organizationId", "=", orgId)
        .whereRef("t.customerId", "=", "c.id")
        .select(sql<string[]>`coalesce(array_agg(t.tag ORDER BY t.tag), '{}')`.as("tags"))
        .as("tags"),
    ]);

/**
 * One page of the organization's customers for `params` (parse them with
 * parseCustomerListParams). A page beyond the last is clamped to the last.
 * Managers and owners only (personal data).
 */
export async function listCustomers(ctx: TenantContext, params: CustomerListParams): Promise<CustomerList> {
  requireRole(ctx, "MANAGER");
  const orgId = ctx.orgId;
  return tenantDb(ctx).$transaction(async (_tx, sql_) => {
    await sql_(PLANNER);
    const f = await resolveFilter(sql_, orgId, params);
    if (f.ids?.length === 0) return { rows: [], total: 0, page: 1, size: params.size, pages: 1 };
    let { total, ids } = await totalAndPage(sql_, orgId, f, params, params.page);
    const pages = Math.max(1, Math.ceil(total / params.size));
    const pageNo = Math.min(params.page, pages);
    if (pageNo !== params.page) ({ total, ids } = await totalAndPage(sql_, orgId, f, params, pageNo));
    const loaded = ids.length ? await loadDetails(sql_, orgId, ids) : [];
    const byId = new Map(loaded.map((c) => [c.id, c]));
    const rows = ids.flatMap((id) => {
      const c = byId.get(id);
      return c ? [toRow(c)] : [];
    });
    return { rows, total, page: pageNo, size: params.size, pages };
  });
}

const loadDetails = (sql_: TenantSql, orgId: string, ids: string[]) => run(sql_, details(orgId, ids));
type DetailRow = Awaited<ReturnType<typeof loadDetails>>[number];

/** Timestamps inside JSON (the cards) arrive as strings. */
const date = (v: Date | string | null) => (v === null ? null : new Date(v));

function toRow(c: DetailRow): CustomerListRow {
  const waiting = new Map<string, number>();
  const add = (reward: string, n: number) => n > 0 && waiting.set(reward, (waiting.get(reward) ?? 0) + n);
  for (const k of c.cards) {
    add(k.rewardText, k.rewardsAvailable);
    if (k.intermediateRewardText) add(k.intermediateRewardText, k.intermediateAvailable);
  }
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    joinedAt: c.createdAt,
    source: c.source,
    marketingConsent: c.marketingConsent,
    note: c.note,
    erased: c.cards.length > 0 && c.cards.every((k) => k.erasedAt !== null),
    cards: c.cards.map((k) => ({
      id: k.id,
      serial: k.serial,
      programId: k.programId,
      programName: k.programName,
      stampCount: k.stampCount,
      stampsRequired: k.stampsRequired,
      rewardsAvailable: k.rewardsAvailable,
      intermediateAvailable: k.intermediateAvailable,
      lastStampAt: date(k.lastStampAt),
      erased: k.erasedAt !== null,
    })),
    rewardsWaiting: [...waiting].map(([reward, count]) => ({ reward, count })),
    lastVisit: c.lastVisitAt ? { at: c.lastVisitAt, locationId: c.lastVisitLocationId, locationName: c.lastVisitLocationName } : null,
    tags: c.tags ?? [],
  };
}

/** What the filters offer: the organization's programs, locations and tags in use (with how many customers have each). */
export async function customerFilterOptions(ctx: TenantContext) {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const [programs, locations, tags] = await Promise.all([
    t.cardProgram.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, status: true } }),
    t.location.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, archivedAt: true } }),
    t.customerTag.groupBy({ by: ["tag"], _count: { _all: true }, orderBy: { tag: "asc" } }),
  ]);
  return { programs, locations, tags: tags.map((g) => ({ tag: g.tag, customers: g._count._all })) };
}
