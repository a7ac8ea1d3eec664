// Inzichten → Personeel: a summary per staff member and four signals worth a
// second look, read from the ledger (CardEvent, by its (organizationId,
// createdAt) index; the period's stamps from "CardEvent_stamp_idx", an index of
// only the STAMP rows that holds what the signals read) for the period. A signal is "opvallend, kijk even mee" —
// a regular who comes twice a day or a late shift explains most of them — so
// each comes with the ledger rows behind it and never with a verdict
// (docs/insights.md "Personeel"). One exported function per panel, each
// through insightsQuery:
//  a. fewCardsSignal: a staff member's stamps go to a handful of cards;
//  b. outsideHoursSignal: stamps given while the location was closed;
//  c. twoLocationsSignal: one card stamped at two locations minutes apart;
//  d. undoOverrideSignal: many undos or manager overrides compared to the team.
// The staff member of an event is its tablet member (actorMembershipId), or
// else the membership of the signed-in user who acted (actorUserId).
import type { CardEventType } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { addDays, type Period } from "./period";
import { kept } from "./kept";
import { insightsQuery } from "./query";

/** (a) Top cards looked at per staff member. Three: a barista's own few regulars. */
export const FEW_CARDS_TOP = 3;
/** (a) Their share of the staff member's stamps above which it stands out: with dozens of customers a day, three cards rarely hold a quarter. */
export const FEW_CARDS_SHARE = 0.25;
/** (a) …and at least this many stamps on those cards, so a quiet week with a few stamps is not a signal. */
export const FEW_CARDS_MIN_STAMPS = 10;
/** (c) Two locations within this many minutes: nobody walks between two branches and orders twice that fast (inclusive). */
export const TWO_LOCATIONS_MINUTES = 30;
/** (d) A staff member's share of undos (or overrides) above this multiple of the team's share stands out… */
export const UNDO_SHARE_FACTOR = 2;
/** (d) …when it is at least this many events: one or two mistyped taps happen to everyone. */
export const UNDO_MIN_EVENTS = 3;
/** Ledger rows shown behind one flag (newest first); the count says how many there are. */
export const ROWS_PER_FLAG = 50;
/** Flags listed per signal (the most recent); the total is counted. */
export const FLAGS_SHOWN = 25;

export type StaffRef = { id: string; name: string | null };

export type LedgerRow = {
  id: string;
  at: Date;
  type: CardEventType;
  amount: number;
  cardId: string;
  serial: string;
  customerId: string;
  customerName: string;
  location: string | null;
  staff: string | null;
};

export type StaffSummaryRow = {
  /** Null: events without a staff member (API, import). */
  staff: StaffRef | null;
  stamps: number;
  redeems: number;
  undos: number;
  overrides: number;
};

export type FewCardsFlag = { staff: StaffRef; stamps: number; topStamps: number; share: number; rows: LedgerRow[] };
export type OutsideHoursFlag = { location: { id: string; name: string }; count: number; rows: LedgerRow[] };
export type TwoLocationsFlag = { cardId: string; serial: string; customerName: string; pairs: number; rows: LedgerRow[] };
export type UndoOverrideFlag = {
  staff: StaffRef;
  kind: "UNDO" | "OVERRIDE";
  count: number;
  /** Their stamps and redeems in the period. */
  actions: number;
  share: number;
  teamShare: number;
  rows: LedgerRow[];
};

const utc = (d: Date) => d.toISOString();

/**
 * The staff member of event `e`: the tablet member, or the membership of the
 * user who acted, looked up only for an event without a member (a join probed
 * the memberships for every one of a period's events: a quarter of the time).
 */
const STAFF = `coalesce(e."actorMembershipId", (SELECT am.id FROM "Membership" am WHERE am."organizationId" = e."organizationId" AND am."userId" = e."actorUserId"))`;
/** Events of the merchant ($1) in [$2, $3). */
const IN_PERIOD = `e."organizationId" = $1 AND e."createdAt" >= $2::timestamp AND e."createdAt" < $3::timestamp`;
const staffName = (id: string) =>
  `(SELECT coalesce(m."displayName", u.name) FROM "Membership" m LEFT JOIN "User" u ON u.id = m."userId" WHERE m."organizationId" = $1 AND m.id = ${id})`;

const periodParams = (ctx: TenantContext, period: Period) => [ctx.orgId, utc(period.fromUtc), utc(period.toUtc)];
/** The signals sort or hash a period's stamps (75 000 in 30 days, 280 000 in 90 at Koffiebar Groot): in memory, not in 4 MB spills. */
const WORK_MEM = "SELECT set_config('work_mem', '64MB', true)";

/** The ledger rows with these ids, newest first, with card number, customer, location and staff member. */
async function ledgerRows(sql: TenantSql, orgId: string, ids: string[]): Promise<Map<string, LedgerRow>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<LedgerRow>(
    `SELECT e.id, e."createdAt" AS at, e.type, e.amount, e."cardId", k.serial, k."customerId", c.name AS "customerName",
            l.name AS location, ${staffName(STAFF)} AS staff
       FROM "CardEvent" e
       JOIN "Card" k ON k."organizationId" = e."organizationId" AND k.id = e."cardId"
       JOIN "Customer" c ON c."organizationId" = k."organizationId" AND c.id = k."customerId"
       LEFT JOIN "Location" l ON l."organizationId" = e."organizationId" AND l.id = e."locationId"
      WHERE e."organizationId" = $1 AND e.id = ANY($2::text[])`,
    [orgId, [...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

const pick = (rows: Map<string, LedgerRow>, ids: string[]) =>
  [...new Set(ids)]
    .map((id) => rows.get(id))
    .filter((r): r is LedgerRow => r !== undefined)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));

/** Stamps, redeems, undos and overrides per staff member in the period. */
async function staffSummaryLive(ctx: TenantContext, period: Period): Promise<StaffSummaryRow[]> {
  const rows = await insightsQuery(ctx, (sql) =>
    sql<{ id: string | null; name: string | null; stamps: number; redeems: number; undos: number; overrides: number }>(
      `SELECT s.*, ${staffName("s.id")} AS name
         FROM (SELECT ${STAFF} AS id,
                      coalesce(sum(e.amount) FILTER (WHERE e.type = 'STAMP'), 0)::int AS stamps,
                      count(*) FILTER (WHERE e.type = 'REDEEM')::int AS redeems,
                      count(*) FILTER (WHERE e.type = 'UNDO')::int AS undos,
                      count(*) FILTER (WHERE e."overriddenByUserId" IS NOT NULL)::int AS overrides
                 FROM "CardEvent" e
                WHERE ${IN_PERIOD} AND (e.type IN ('STAMP', 'REDEEM', 'UNDO') OR e."overriddenByUserId" IS NOT NULL)
                GROUP BY 1) s
        ORDER BY s.stamps DESC, name`,
      periodParams(ctx, period),
    ),
  );
  return rows.map(({ id, name, ...counts }) => ({ staff: id ? { id, name } : null, ...counts }));
}
export const staffSummary = kept("staff.staffSummary", staffSummaryLive);

/**
 * (a) Per staff member: when their FEW_CARDS_TOP busiest cards hold more than
 * FEW_CARDS_SHARE of the stamps they gave, and at least FEW_CARDS_MIN_STAMPS
 * stamps. Rows: their stamps on those cards.
 */
async function fewCardsSignalLive(ctx: TenantContext, period: Period): Promise<FewCardsFlag[]> {
  return insightsQuery(ctx, async (sql) => {
    await sql(WORK_MEM);
    const flags = await sql<{ id: string; name: string | null; stamps: number; top: number; events: string[] }>(
      `WITH per_card AS MATERIALIZED (
         SELECT ${STAFF} AS staff, e."cardId", sum(e.amount)::int AS stamps
           FROM "CardEvent" e
          WHERE ${IN_PERIOD} AND e.type = 'STAMP'
          GROUP BY 1, 2
       ), totals AS (
         SELECT staff, sum(stamps)::int AS stamps, max(stamps) AS busiest FROM per_card WHERE staff IS NOT NULL GROUP BY 1
       ), flagged AS (
         SELECT t.staff, t.stamps, top.stamps AS top, top.cards
           FROM totals t
          CROSS JOIN LATERAL (
            SELECT sum(x.stamps)::int AS stamps, array_agg(x."cardId") AS cards
              FROM (SELECT p.stamps, p."cardId" FROM per_card p WHERE p.staff = t.staff ORDER BY p.stamps DESC, p."cardId" COLLATE "C" LIMIT ${FEW_CARDS_TOP}) x
          ) top
          WHERE top.stamps >= ${FEW_CARDS_MIN_STAMPS} AND top.stamps > ${FEW_CARDS_SHARE} * t.stamps
            -- The top cards hold at most FEW_CARDS_TOP × the busiest one: members who cannot stand out are not sorted at all.
            AND ${FEW_CARDS_TOP} * t.busiest >= ${FEW_CARDS_MIN_STAMPS} AND ${FEW_CARDS_TOP} * t.busiest > ${FEW_CARDS_SHARE} * t.stamps
       )
       SELECT f.staff AS id, ${staffName("f.staff")} AS name, f.stamps, f.top,
              (SELECT (array_agg(e.id ORDER BY e."createdAt" DESC))[1:${ROWS_PER_FLAG}]
                 FROM "CardEvent" e
                WHERE e."cardId" = ANY(f.cards) AND ${IN_PERIOD} AND e.type = 'STAMP' AND ${STAFF} = f.staff) AS events
         FROM flagged f
        ORDER BY f.top::float8 / f.stamps DESC`,
      periodParams(ctx, period),
    );
    const rows = await ledgerRows(
      sql,
      ctx.orgId,
      flags.flatMap((f) => f.events),
    );
    return flags.map((f) => ({
      staff: { id: f.id, name: f.name },
      stamps: f.stamps,
      topStamps: f.top,
      share: f.top / f.stamps,
      rows: pick(rows, f.events),
    }));
  });
}
export const fewCardsSignal = kept("staff.fewCardsSignal", fewCardsSignalLive);

/** Opening hours as rows (location, ISO weekday 1–7, opens, closes) for merchant $1; anything not shaped like the location form writes it is ignored. */
const HOURS = `
  SELECT l.id AS location, array_position(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], d.key) AS dow,
         CASE WHEN iv->>0 ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' THEN (iv->>0)::time END AS opens,
         CASE WHEN iv->>1 ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' THEN (iv->>1)::time END AS closes
    FROM "Location" l
   CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(l."openingHours") = 'object' THEN l."openingHours" ELSE '{}'::jsonb END) d
   CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(d.value) = 'array' THEN d.value ELSE '[]'::jsonb END) iv
   WHERE l."organizationId" = $1 AND jsonb_typeof(iv) = 'array'`;
const VALID_HOURS = `SELECT * FROM (${HOURS}) h WHERE dow IS NOT NULL AND opens IS NOT NULL AND closes IS NOT NULL`;

/**
 * The period's stamps at locations $7 that fall outside their hours. Each
 * opening interval of each local day $5…$6 becomes UTC instants once (time
 * zone $4, summer and winter time included), split into the UTC hours it
 * covers; a stamp is then inside when an interval of its location and UTC hour
 * holds it — a hash anti-join with no time zone arithmetic per stamp. "By the
 * minute": inside means at or after opening and before closing + 1 minute.
 */
const OUTSIDE_HOURS = `
WITH hours AS MATERIALIZED (${VALID_HOURS}),
open AS (
  SELECT h.location, ((d.day + h.opens) AT TIME ZONE $4) AT TIME ZONE 'UTC' AS opens_at,
         ((d.day + h.closes) AT TIME ZONE $4) AT TIME ZONE 'UTC' + interval '1 minute' AS closes_before
    FROM (SELECT g::date AS day FROM generate_series($5::date::timestamp, $6::date::timestamp, interval '1 day') g) d
    JOIN hours h ON h.dow = extract(isodow FROM d.day)
), buckets AS MATERIALIZED (
  SELECT o.location, o.opens_at, o.closes_before, b.hour
    FROM open o CROSS JOIN LATERAL generate_series(date_trunc('hour', o.opens_at), o.closes_before, interval '1 hour') AS b(hour)
)
SELECT e."locationId" AS id, count(*)::int AS count, (array_agg(e.id ORDER BY e."createdAt" DESC))[1:${ROWS_PER_FLAG}] AS events
  FROM "CardEvent" e
 WHERE ${IN_PERIOD} AND e.type = 'STAMP' AND e."locationId" = ANY($7::text[])
   AND NOT EXISTS (SELECT 1 FROM buckets b WHERE b.location = e."locationId" AND b.hour = date_trunc('hour', e."createdAt")
                                             AND e."createdAt" >= b.opens_at AND e."createdAt" < b.closes_before)
 GROUP BY 1 ORDER BY count DESC`;

/**
 * (b) Stamps given outside the location's opening hours (Location.openingHours,
 * {"mon": [["07:30", "18:00"]], …} in the merchant's time zone; a day without
 * hours is a closed day; hours past midnight are not supported, as the location
 * form does not allow them). Compared by the minute: a stamp at 18:00 with
 * closing at 18:00 is inside, 18:01 outside. Locations without hours are
 * skipped and named, so the page can say which were not checked.
 */
async function outsideHoursSignalLive(
  ctx: TenantContext,
  period: Period,
): Promise<{ flags: OutsideHoursFlag[]; checked: number; skipped: { id: string; name: string }[] }> {
  return insightsQuery(ctx, async (sql) => {
    const locations = await sql<{ id: string; name: string; archived: boolean; hours: boolean }>(
      `SELECT l.id, l.name, l."archivedAt" IS NOT NULL AS archived, EXISTS (SELECT 1 FROM (${VALID_HOURS}) h WHERE h.location = l.id) AS hours
         FROM "Location" l WHERE l."organizationId" = $1 ORDER BY l.name`,
      [ctx.orgId],
    );
    const checked = locations.filter((l) => l.hours).map((l) => l.id);
    const lastDay = addDays(period.to, -1);
    const flags = checked.length
      ? await sql<{ id: string; count: number; events: string[] }>(OUTSIDE_HOURS, [
          ...periodParams(ctx, period),
          period.timezone,
          period.from,
          lastDay,
          checked,
        ])
      : [];
    const name = new Map(locations.map((l) => [l.id, l.name]));
    const rows = await ledgerRows(
      sql,
      ctx.orgId,
      flags.flatMap((f) => f.events),
    );
    return {
      flags: flags.map((f) => ({ location: { id: f.id, name: name.get(f.id) ?? "" }, count: f.count, rows: pick(rows, f.events) })),
      checked: locations.filter((l) => l.hours && !l.archived).length,
      skipped: locations.filter((l) => !l.hours && !l.archived).map(({ id, name }) => ({ id, name })),
    };
  });
}
export const outsideHoursSignal = kept("staff.outsideHoursSignal", outsideHoursSignalLive);

/** A card's stamps at a location in the period (merchant $1, [$2, $3)), each with the one before it and after it. */
const STAMPS_IN_ORDER = (card: string) => `
  SELECT e.id, e."createdAt", e."locationId",
         lag(e."locationId") OVER w AS prev_location, lag(e."createdAt") OVER w AS prev_at,
         lead(e."locationId") OVER w AS next_location, lead(e."createdAt") OVER w AS next_at
    FROM "CardEvent" e
   WHERE ${IN_PERIOD} AND e."cardId" = ${card} AND e.type = 'STAMP' AND e."locationId" IS NOT NULL
  WINDOW w AS (ORDER BY e."createdAt", e.id COLLATE "C")`;
const CLOSE = `interval '${TWO_LOCATIONS_MINUTES} minutes'`;

/**
 * (c) Cards stamped at two different locations within TWO_LOCATIONS_MINUTES.
 * Comparing each stamp with the card's previous one is enough: if any two
 * stamps of a card are that close at different locations, some consecutive
 * pair between them is too. One sort of the period's stamps, narrow rows, by
 * the card id's 64-bit hash first (much cheaper to compare than ids that share
 * long prefixes; the id after it, in byte order, keeps it exact). Rows: the stamps of those
 * pairs, found again per flagged card by the (cardId, createdAt) index.
 */
async function twoLocationsSignalLive(ctx: TenantContext, period: Period): Promise<{ flags: TwoLocationsFlag[]; total: number }> {
  return insightsQuery(ctx, async (sql) => {
    await sql(WORK_MEM);
    const flags = await sql<{ cardId: string; serial: string; customerName: string; pairs: number; events: string[]; total: number }>(
      `WITH s AS (
         SELECT e."cardId", e."locationId", e."createdAt",
                lag(e."locationId") OVER w AS prev_location, lag(e."createdAt") OVER w AS prev_at
           FROM "CardEvent" e
          WHERE ${IN_PERIOD} AND e.type = 'STAMP' AND e."locationId" IS NOT NULL
         WINDOW w AS (PARTITION BY hashtextextended(e."cardId", 0), e."cardId" COLLATE "C" ORDER BY e."createdAt")
       ), cards AS (
         SELECT "cardId", count(*)::int AS pairs, max("createdAt") AS latest, count(*) OVER ()::int AS total
           FROM s
          WHERE prev_location <> "locationId" AND "createdAt" - prev_at <= ${CLOSE}
          GROUP BY 1
          ORDER BY latest DESC
          LIMIT ${FLAGS_SHOWN}
       )
       SELECT c."cardId", k.serial, cu.name AS "customerName", c.pairs, c.total,
              (SELECT (array_agg(p.id ORDER BY p."createdAt" DESC))[1:${ROWS_PER_FLAG}]
                 FROM (${STAMPS_IN_ORDER('c."cardId"')}) p
                WHERE (p.prev_location <> p."locationId" AND p."createdAt" - p.prev_at <= ${CLOSE})
                   OR (p.next_location <> p."locationId" AND p.next_at - p."createdAt" <= ${CLOSE})) AS events
         FROM cards c
         JOIN "Card" k ON k."organizationId" = $1 AND k.id = c."cardId"
         JOIN "Customer" cu ON cu."organizationId" = $1 AND cu.id = k."customerId"
        ORDER BY c.latest DESC`,
      periodParams(ctx, period),
    );
    const rows = await ledgerRows(
      sql,
      ctx.orgId,
      flags.flatMap((f) => f.events),
    );
    return {
      flags: flags.map((f) => ({ cardId: f.cardId, serial: f.serial, customerName: f.customerName, pairs: f.pairs, rows: pick(rows, f.events) })),
      total: flags[0]?.total ?? 0,
    };
  });
}
export const twoLocationsSignal = kept("staff.twoLocationsSignal", twoLocationsSignalLive);

/**
 * (d) Per staff member and kind (undo, override): their share of undos (or of
 * their stamps and redeems a manager overrode) above UNDO_SHARE_FACTOR × the
 * team's share, with at least UNDO_MIN_EVENTS of them. Shares per stamp or
 * redeem given; compared in integers (n × team actions > factor × team n × actions).
 * Rows: those undos or overridden events.
 */
async function undoOverrideSignalLive(ctx: TenantContext, period: Period): Promise<{ flags: UndoOverrideFlag[]; team: { undo: number; override: number } }> {
  return insightsQuery(ctx, async (sql) => {
    const [r] = await sql<{
      actions: number;
      undos: number;
      overrides: number;
      flags: { id: string; name: string | null; kind: "UNDO" | "OVERRIDE"; n: number; actions: number }[];
    }>(
      `WITH per AS (
         SELECT ${STAFF} AS staff,
                count(*) FILTER (WHERE e.type IN ('STAMP', 'REDEEM'))::int AS actions,
                count(*) FILTER (WHERE e.type = 'UNDO')::int AS undos,
                count(*) FILTER (WHERE e.type IN ('STAMP', 'REDEEM') AND e."overriddenByUserId" IS NOT NULL)::int AS overrides
           FROM "CardEvent" e
          WHERE ${IN_PERIOD} AND e.type IN ('STAMP', 'REDEEM', 'UNDO') AND ${STAFF} IS NOT NULL
          GROUP BY 1
       ), team AS (
         SELECT coalesce(sum(actions), 0)::int AS actions, coalesce(sum(undos), 0)::int AS undos, coalesce(sum(overrides), 0)::int AS overrides FROM per
       ), flags AS (
         SELECT p.staff AS id, ${staffName("p.staff")} AS name, k.kind, k.n, p.actions
           FROM per p CROSS JOIN team
          CROSS JOIN LATERAL (VALUES ('UNDO', p.undos, team.undos), ('OVERRIDE', p.overrides, team.overrides)) k(kind, n, team_n)
          WHERE k.n >= ${UNDO_MIN_EVENTS} AND k.n::bigint * team.actions > ${UNDO_SHARE_FACTOR} * k.team_n::bigint * p.actions
       )
       SELECT team.*, coalesce((SELECT json_agg(f ORDER BY f.kind DESC, f.n DESC) FROM flags f), '[]'::json) AS flags FROM team`,
      periodParams(ctx, period),
    );
    // The rows behind the flags (few: only flagged staff members' undos or overridden events).
    const events = r.flags.length
      ? await sql<{ id: string; events: string[] }>(
          `SELECT staff || ':' || kind AS id, (array_agg(id ORDER BY "createdAt" DESC))[1:${ROWS_PER_FLAG}] AS events
             FROM (SELECT e.id, e."createdAt", ${STAFF} AS staff, CASE WHEN e.type = 'UNDO' THEN 'UNDO' ELSE 'OVERRIDE' END AS kind
                     FROM "CardEvent" e
                    WHERE ${IN_PERIOD} AND (e.type = 'UNDO' OR (e.type IN ('STAMP', 'REDEEM') AND e."overriddenByUserId" IS NOT NULL))) x
            WHERE staff || ':' || kind = ANY($4::text[])
            GROUP BY 1`,
          [...periodParams(ctx, period), r.flags.map((f) => `${f.id}:${f.kind}`)],
        )
      : [];
    const eventsOf = new Map(events.map((e) => [e.id, e.events]));
    const rows = await ledgerRows(
      sql,
      ctx.orgId,
      events.flatMap((e) => e.events),
    );
    const share = (n: number, of: number) => (of > 0 ? n / of : 0);
    return {
      flags: r.flags.map((f) => ({
        staff: { id: f.id, name: f.name },
        kind: f.kind,
        count: f.n,
        actions: f.actions,
        share: share(f.n, f.actions),
        teamShare: share(f.kind === "UNDO" ? r.undos : r.overrides, r.actions),
        rows: pick(rows, eventsOf.get(`${f.id}:${f.kind}`) ?? []),
      })),
      team: { undo: share(r.undos, r.actions), override: share(r.overrides, r.actions) },
    };
  });
}
export const undoOverrideSignal = kept("staff.undoOverrideSignal", undoOverrideSignalLive);
