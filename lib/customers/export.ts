// CSV export of the customer list's current search and filters (dashboard →
// Klanten → Exporteren, GET /api/customers/export?<the list's query>). For
// managers and owners; every export is recorded in the audit trail (who, which
// filter, how many rows, when) in the transaction that counts them.
//  - UTF-8 with a BOM, so Excel opens it with accents intact; ";" between fields
//    by default (Dutch Excel), "," on request; CRLF line ends.
//  - Streamed: rows are read in batches of BATCH by keyset on (joined, id), each
//    batch in its own short pinned transaction, and written as the client reads
//    (a 100 000-customer export never sits in memory).
//  - A marketing export (marketing=1, or a filter on consent) adds the consent
//    columns: whether, and since when, the customer agreed to marketing, and when
//    they accepted the terms.
//  - Cells a spreadsheet would run as a formula (=, +, -, @ first) are prefixed
//    with ' — names and notes come from public forms.
import { stringify } from "csv-stringify/sync";
import { sql, type RawBuilder } from "kysely";
import { recordAudit } from "@/lib/audit/audit";
import { run } from "@/lib/db/sql";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import type { CustomerFilter } from "@/lib/validation/customers";
import type { ExportOptions } from "@/lib/validation/customer-detail";
import { filteredCustomers, resolveFilter, type ResolvedFilter } from "./customer-filter";

export const BATCH = 1000;
export const BOM = "\uFEFF";

export const BASE_COLUMNS = [
  "name",
  "email",
  "phone",
  "birthday",
  "joined",
  "source",
  "cards",
  "rewardsWaiting",
  "lastVisit",
  "lastVisitLocation",
  "tags",
  "note",
  "externalId",
] as const;
export const CONSENT_COLUMNS = ["marketingConsent", "marketingConsentAt", "termsAcceptedAt"] as const;
export type ExportColumn = (typeof BASE_COLUMNS)[number] | (typeof CONSENT_COLUMNS)[number];

/** The words of the file, in the member's language (the route passes them from the messages). */
export type ExportLabels = { columns: Record<ExportColumn, string>; yes: string; no: string; sources: Record<string, string> };

export type CustomerExport = { rows: number; columns: ExportColumn[]; stream: ReadableStream<Uint8Array> };

/** A text cell a spreadsheet could take for a formula gets a leading quote. */
export const safeCell = (v: string | null) => (v === null ? "" : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

type Row = {
  id: string;
  cursor: string;
  name: string;
  email: string | null;
  phone: string | null;
  birthday: string | null;
  joined: string;
  source: string;
  cards: string | null;
  rewardsWaiting: string | null;
  lastVisit: string | null;
  lastVisitLocation: string | null;
  tags: string | null;
  note: string | null;
  externalId: string | null;
  marketingConsent: boolean;
  marketingConsentAt: string | null;
  termsAcceptedAt: string | null;
};

const local = (col: string, tz: string): RawBuilder<string | null> =>
  sql<string | null>`to_char((${sql.ref(col)} AT TIME ZONE 'UTC') AT TIME ZONE ${tz}, 'YYYY-MM-DD HH24:MI')`;

function batch(orgId: string, f: ResolvedFilter, tz: string, after: { cursor: string; id: string } | null) {
  let q = filteredCustomers(orgId, f)
    .leftJoin("Location as l", (j) => j.onRef("l.id", "=", "c.lastVisitLocationId").onRef("l.organizationId", "=", "c.organizationId"))
    .select((eb) => [
      "c.id",
      sql<string>`c."createdAt"::text`.as("cursor"),
      "c.name",
      "c.email",
      "c.phone",
      sql<string | null>`to_char(c.birthday, 'YYYY-MM-DD')`.as("birthday"),
      local("c.createdAt", tz).$castTo<string>().as("joined"),
      sql<string>`c.source::text`.as("source"),
      eb
        .selectFrom("Card as k")
        .innerJoin("CardProgram as p", (j) => j.onRef("p.id", "=", "k.programId").onRef("p.organizationId", "=", "k.organizationId"))
        .where("k.organizationId", "=", orgId)
        .whereRef("k.customerId", "=", "c.id")
        .where("k.erasedAt", "is", null)
        .where("k.mergedIntoId", "is", null)
        .select(
          sql<string>`string_agg(p.name || ' ' || k."stampCount" || '/' || p."stampsRequired" || ' (' || k.serial || ')', ', ' ORDER BY k."createdAt")`.as("x"),
        )
        .as("cards"),
      eb
        .selectFrom("Card as k")
        .innerJoin("CardProgram as p", (j) => j.onRef("p.id", "=", "k.programId").onRef("p.organizationId", "=", "k.organizationId"))
        .where("k.organizationId", "=", orgId)
        .whereRef("k.customerId", "=", "c.id")
        .where("k.erasedAt", "is", null)
        .select(
          sql<string>`string_agg(concat_ws(', ',
            CASE WHEN k."rewardsAvailable" > 0 THEN k."rewardsAvailable" || '× ' || p."rewardText" END,
            CASE WHEN k."intermediateAvailable" > 0 THEN k."intermediateAvailable" || '× ' || COALESCE(p."intermediateRewardText", '') END), ', ')
            FILTER (WHERE k."rewardsAvailable" > 0 OR k."intermediateAvailable" > 0)`.as("x"),
        )
        .as("rewardsWaiting"),
      local("c.lastVisitAt", tz).as("lastVisit"),
      "l.name as lastVisitLocation",
      eb
        .selectFrom("CustomerTag as t")
        .where("t.organizationId", "=", orgId)
        .whereRef("t.customerId", "=", "c.id")
        .select(sql<string>`string_agg(t.tag, ', ' ORDER BY t.tag)`.as("x"))
        .as("tags"),
      "c.note",
      "c.externalId",
      "c.marketingConsent",
      local("c.marketingConsentAt", tz).as("marketingConsentAt"),
      local("c.termsAcceptedAt", tz).as("termsAcceptedAt"),
    ])
    .orderBy("c.createdAt")
    .orderBy("c.id")
    .limit(BATCH);
  if (after) q = q.where(sql<boolean>`(c."createdAt", c.id) > (${after.cursor}::timestamp, ${after.id})`);
  return q;
}

function cells(r: Row, columns: ExportColumn[], labels: ExportLabels): string[] {
  const value: Record<ExportColumn, string> = {
    name: safeCell(r.name),
    email: safeCell(r.email),
    // Normalized "+316…" numbers: a spreadsheet reads them as numbers, never as a formula.
    phone: r.phone ?? "",
    birthday: r.birthday ?? "",
    joined: r.joined,
    source: labels.sources[r.source] ?? r.source,
    cards: safeCell(r.cards),
    rewardsWaiting: safeCell(r.rewardsWaiting),
    lastVisit: r.lastVisit ?? "",
    lastVisitLocation: safeCell(r.lastVisitLocation),
    tags: safeCell(r.tags),
    note: safeCell(r.note),
    externalId: safeCell(r.externalId),
    marketingConsent: r.marketingConsent ? labels.yes : labels.no,
    marketingConsentAt: r.marketingConsentAt ?? "",
    termsAcceptedAt: r.termsAcceptedAt ?? "",
  };
  return columns.map((c) => value[c]);
}

/**
 * Starts an export of the customers in `filter` (parse the list's query with
 * parseCustomerListParams). Counts them and records the audit row first; the
 * returned stream then reads and writes them batch by batch. OWNER or MANAGER.
 */
export async function exportCustomers(ctx: TenantContext, filter: CustomerFilter, options: ExportOptions, labels: ExportLabels): Promise<CustomerExport> {
  requireRole(ctx, "MANAGER");
  const orgId = ctx.orgId;
  const marketing = options.marketing || filter.consent !== undefined;
  const columns: ExportColumn[] = [...BASE_COLUMNS, ...(marketing ? CONSENT_COLUMNS : [])];
  const delimiter = options.sep === "comma" ? "," : ";";
  const t = tenantDb(ctx);

  const { f, tz, rows } = await t.$transaction(
    async (tx, sql_) => {
      const f = await resolveFilter(sql_, orgId, filter);
      const [{ n }] = await run(sql_, filteredCustomers(orgId, f).select(sql<number>`count(*)::int`.as("n")));
      const org = await tx.organization.findFirstOrThrow({ select: { timezone: true } });
      const { q, ...rest } = filter;
      await recordAudit(tx, ctx, {
        action: "customer.export",
        subjectType: "customers",
        // The filter as the list's URL carried it; a search is kept as typed (the trail says who looked for whom).
        details: { filter: JSON.parse(JSON.stringify({ q, ...rest })), rows: n, marketing, separator: delimiter, format: "csv" },
      });
      return { f, tz: org.timezone, rows: n };
    },
    { timeout: 30_000 },
  );

  const encoder = new TextEncoder();
  const line = (values: string[]) => encoder.encode(stringify([values], { delimiter, record_delimiter: "windows" }));
  let after: { cursor: string; id: string } | null = null;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM));
        controller.enqueue(line(columns.map((c) => labels.columns[c])));
        return;
      }
      if (done) return controller.close();
      const page = (await t.$transaction((_tx, sql_) => run(sql_, batch(orgId, f, tz, after)), { timeout: 30_000 })) as Row[];
      if (page.length < BATCH) done = true;
      if (page.length) {
        const last = page[page.length - 1];
        after = { cursor: last.cursor, id: last.id };
        controller.enqueue(
          encoder.encode(
            stringify(
              page.map((r) => cells(r, columns, labels)),
              { delimiter, record_delimiter: "windows" },
            ),
          ),
        );
      }
      if (done) controller.close();
    },
  });
  return { rows, columns, stream };
}
