// `npm run seed:large`: one big merchant, "Koffiebar Groot" — 100 000 customers
// and about 2 000 000 ledger events over two years — for the customer list's and
// the insights' benchmarks (bench/customers.ts) and for trying the dashboard at
// scale. Shapes: regulars, occasional guests, lapsed ones and one-timers; busy
// weekday mornings and lunch, quiet Sundays; 3 locations with 5 baristas; two
// programs (coffee with an intermediate reward, lunch); redeems, undos, tags,
// ~60% marketing consent; for Inzichten survey answers, opened cards, referrals and
// opening hours, and the customer scores computed. Generated in SQL (INSERT … SELECT over generate_series)
// in one transaction pinned to the new organization, as the owner. The card
// counters are computed from the visits and then checked against the sums of
// the events. Idempotent: a complete merchant is kept; an incomplete one, or
// any with --replace, is deleted and built again.
//
// Without DATABASE_URL it seeds the embedded database `npm start` uses
// (.data/postgres), starting it when it is not running.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { seedMembership, seedOrganization, seedProgram, seedUser } from "./factories";
import { FIRST_NAMES, LAST_NAMES } from "./names";
import { refreshInsights } from "@/lib/insights/refresh-insights";

export const LARGE = {
  slug: "koffiebar-groot",
  name: "Koffiebar Groot",
  password: "stempel-groot",
  owner: "eigenaar@groot.test",
  staff: ["anouk@groot.test", "bram@groot.test", "chloe@groot.test", "dewi@groot.test", "emre@groot.test"],
  pins: { owner: "1111", staff: ["1234", "2345", "3456", "4567", "5678"] },
  customers: 100_000,
};

// Accents on purpose: the list's search ignores them ("Jose" finds "José").
const FIRST = [
  ...FIRST_NAMES,
  "José",
  "Zoë",
  "Chloé",
  "Anaïs",
  "Renée",
  "Noël",
  "Inès",
  "Mehmet",
  "Ömer",
  "Björn",
  "Søren",
  "Łukasz",
  "Agnès",
  "Hélène",
  "Jürgen",
  "François",
  "Dewi",
  "Priya",
  "Wei",
  "Aylin",
  "Mariëlle",
  "Gijs",
  "Floor",
  "Maud",
];
const LAST = [
  ...LAST_NAMES,
  "Müller",
  "Öztürk",
  "García",
  "Gonçalves",
  "Šimić",
  "Nguyễn",
  "Dubois",
  "Lefèvre",
  "Kowalski",
  "van Beek",
  "Koç",
  "Schröder",
  "de Wit",
  "Postma",
  "Hoekstra",
  "Brinkman",
];
const DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "icloud.com", "live.nl", "xs4all.nl"];

const DAY_MS = 24 * 3600 * 1000;
type Sql = (text: string, ...params: unknown[]) => Promise<number>;
type Query = <R>(text: string, ...params: unknown[]) => Promise<R[]>;

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;

export type LargeSeedResult = { organizationId: string; created: boolean; customers: number; cards: number; events: number; seconds: number };

/**
 * Seeds (or finds) Koffiebar Groot. `customers` defaults to 100 000; tests may
 * ask for fewer. Returns counts of what the merchant holds.
 */
export async function seedLarge(
  db: Db,
  options: { customers?: number; now?: Date; replace?: boolean; log?: (m: string) => void } = {},
): Promise<LargeSeedResult> {
  const t0 = Date.now();
  const n = options.customers ?? LARGE.customers;
  const log = options.log ?? (() => {});
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60_000);

  const existing = await db.organization.findUnique({ where: { slug: LARGE.slug }, select: { id: true } });
  if (existing) {
    const counts = await countsOf(db, existing.id);
    if (!options.replace && counts.customers === n && counts.complete) {
      return { organizationId: existing.id, created: false, ...counts, seconds: (Date.now() - t0) / 1000 };
    }
    log("removing the earlier Koffiebar Groot…");
    await pinned(db, existing.id, async (sql) => {
      // Events first: a location cannot go while events point at it.
      await sql(`DELETE FROM "CardEvent" WHERE "organizationId" = $1`, existing.id);
      await sql(`DELETE FROM "Organization" WHERE id = $1`, existing.id);
    });
  }

  log("owner, staff, locations and programs…");
  const start = new Date(now.getTime() - 730 * DAY_MS);
  const owner = await seedUser(db, { email: LARGE.owner, name: "Gerda Groot", password: LARGE.password });
  const org = await seedOrganization(db, { name: LARGE.name, slug: LARGE.slug, owner, now: start });
  await seedMembership(db, org.id, owner.id, "OWNER", LARGE.pins.owner);
  const names = ["Anouk de Wit", "Bram Postma", "Chloé Dubois", "Dewi Hoekstra", "Emre Koç"];
  const staff: string[] = [];
  const members: string[] = [];
  for (const [i, email] of LARGE.staff.entries()) {
    const user = await seedUser(db, { email, name: names[i], password: LARGE.password });
    members.push((await seedMembership(db, org.id, user.id, "STAFF", LARGE.pins.staff[i])).id);
    staff.push(user.id);
  }
  const locations: string[] = [];
  for (const l of [
    { name: "Groot Centraal", address: "Stationsplein 12", city: "Utrecht" },
    { name: "Groot Neude", address: "Neude 3", city: "Utrecht" },
    { name: "Groot Science Park", address: "Heidelberglaan 8", city: "Utrecht" },
  ]) {
    locations.push((await db.location.create({ data: { ...l, organizationId: org.id, createdAt: start } })).id);
  }
  const coffee = await seedProgram(db, org.id, { name: "Koffiekaart", stampsRequired: 10, intermediateStamp: 5, intermediateRewardText: "Gratis koekje" });
  const lunch = await seedProgram(db, org.id, {
    name: "Lunchkaart",
    stampsRequired: 8,
    rewardText: "Gratis broodje",
    intermediateStamp: null,
    intermediateRewardText: null,
  });

  log(`${n} customers and their visits, in SQL…`);
  await pinned(db, org.id, async (sql, query) => {
    const timed: Sql = async (text, ...params) => {
      const t = Date.now();
      const r = await sql(text, ...params);
      log(`  ${text.trim().split("\n")[0].slice(0, 60)}… ${((Date.now() - t) / 1000).toFixed(1)} s`);
      return r;
    };
    await generate(timed, { org: org.id, n, now, start, locations, staff, members, coffee: coffee.id, lunch: lunch.id });
    const [check] = await query<{ cards: number; wrong: number }>(
      `SELECT count(*)::int AS cards,
              count(*) FILTER (WHERE k."stampCount" IS DISTINCT FROM s.stamps OR k."rewardsAvailable" IS DISTINCT FROM s.rewards
                                  OR k."intermediateAvailable" IS DISTINCT FROM s.intermediate)::int AS wrong
         FROM "Card" k
         LEFT JOIN (SELECT "cardId", sum("stampDelta")::int AS stamps, sum("rewardDelta")::int AS rewards, sum("intermediateDelta")::int AS intermediate
                      FROM "CardEvent" WHERE "organizationId" = $1 GROUP BY "cardId") s ON s."cardId" = k.id
        WHERE k."organizationId" = $1`,
      org.id,
    );
    if (check.wrong) throw new Error(`seed:large: ${check.wrong} of ${check.cards} cards do not equal the sums of their events`);
    const [visits] = await query<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM "Customer" c
        WHERE c."organizationId" = $1
          AND c."lastVisitAt" IS DISTINCT FROM (SELECT max(k."lastStampAt") FROM "Card" k WHERE k."organizationId" = $1 AND k."customerId" = c.id)`,
      org.id,
    );
    if (visits.wrong) throw new Error(`seed:large: ${visits.wrong} customers' last visit is not their cards' latest stamp`);
  });
  // Fresh statistics and visibility maps, so the planner and index-only scans see the new rows.
  for (const table of ["Customer", "Card", "CardEvent", "CustomerTag", "Visit", "SurveyAnswer"]) await db.$executeRawUnsafe(`VACUUM (ANALYZE) "${table}"`);
  log("customer scores for Inzichten…");
  await refreshInsights(org.id, now);
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "CustomerScore"`);
  const counts = await countsOf(db, org.id);
  return { organizationId: org.id, created: true, ...counts, seconds: (Date.now() - t0) / 1000 };
}

async function pinned<T>(db: Db, orgId: string, fn: (sql: Sql, query: Query) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.org_id', ${orgId}, true)`;
      return fn(
        (text, ...params) => tx.$executeRawUnsafe(text, ...params),
        <R>(text: string, ...params: unknown[]) => tx.$queryRawUnsafe<R[]>(text, ...params),
      );
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

async function countsOf(db: Db, orgId: string) {
  return pinned(db, orgId, async (_sql, query) => {
    const [r] = await query<{ customers: number; cards: number; events: number; complete: boolean }>(
      `SELECT (SELECT count(*)::int FROM "Customer" WHERE "organizationId" = $1) AS customers,
              (SELECT count(*)::int FROM "Card" WHERE "organizationId" = $1) AS cards,
              (SELECT count(*)::int FROM "CardEvent" WHERE "organizationId" = $1) AS events,
              EXISTS (SELECT 1 FROM "SurveyAnswer" WHERE "organizationId" = $1)
                AND EXISTS (SELECT 1 FROM "CustomerScore" WHERE "organizationId" = $1) AS complete`,
      orgId,
    );
    return r;
  });
}

type Plan = { org: string; n: number; now: Date; start: Date; locations: string[]; staff: string[]; members: string[]; coffee: string; lunch: string };

async function generate(sql: Sql, p: Plan) {
  const idBase = p.org.slice(-8);
  // Deterministic: the same data on every machine and every run (for a given `now`).
  await sql(`SELECT setseed(0.2026)`);

  // Customers: persona, when they were active, how often they come, where.
  await sql(
    `CREATE TEMP TABLE lg_customer ON COMMIT DROP AS
     SELECT i, 'lgc' || $2 || lpad(i::text, 7, '0') AS id, persona, first_active,
            CASE persona WHEN 'regular' THEN $4::timestamp
                         WHEN 'occasional' THEN $4::timestamp - (random() * 30) * interval '1 day'
                         WHEN 'lapsed' THEN first_active + (20 + random() * 100) * interval '1 day'
                         ELSE first_active + interval '10 days' END AS last_active,
            CASE persona WHEN 'regular' THEN (0.8 + random()) / 7
                         WHEN 'occasional' THEN 1 / (12 + random() * 18)
                         WHEN 'lapsed' THEN 1 / (4 + random() * 7)
                         ELSE 0 END AS per_day,
            CASE WHEN home < 0.5 THEN 1 WHEN home < 0.8 THEN 2 ELSE 3 END AS home,
            lunch, r_name1, r_name2, r_email, r_phone, r_consent, r_source, r_tag
       FROM (SELECT i, r, home, lunch, r_name1, r_name2, r_email, r_phone, r_consent, r_source, r_tag,
                    CASE WHEN r < 0.08 THEN 'regular' WHEN r < 0.38 THEN 'occasional' WHEN r < 0.75 THEN 'lapsed' ELSE 'once' END AS persona,
                    $3::timestamp + (random() * CASE WHEN r < 0.08 THEN 670 WHEN r < 0.38 THEN 700 WHEN r < 0.75 THEN 610 ELSE 729 END) * interval '1 day' AS first_active
               FROM (SELECT i, random() AS r, random() AS home, random() AS lunch, random() AS r_name1, random() AS r_name2, random() AS r_email,
                            random() AS r_phone, random() AS r_consent, random() AS r_source, random() AS r_tag
                       FROM generate_series(1, $1::int) i) s) s2`,
    p.n,
    idBase,
    p.start,
    p.now,
  );

  // Cards: everyone has the coffee card, ~15% (more of the regulars) also the lunch card.
  await sql(
    `CREATE TEMP TABLE lg_card ON COMMIT DROP AS
     SELECT c.id AS customer_id, c.i, c.persona, c.home, 'lgk' || $1 || 'c' || lpad(c.i::text, 7, '0') AS id, $2::text AS program_id,
            10 AS required, 5 AS intermediate,
            CASE WHEN c.persona = 'once' THEN 1 + (random() < 0.3)::int - (random() < 0.04)::int
                 ELSE greatest(1, round(extract(epoch FROM c.last_active - c.first_active) / 86400 * c.per_day))::int END AS visits,
            c.first_active, c.last_active
       FROM lg_customer c
     UNION ALL
     SELECT c.id, c.i, c.persona, c.home, 'lgk' || $1 || 'l' || lpad(c.i::text, 7, '0'), $3::text, 8, NULL,
            greatest(1, round(extract(epoch FROM c.last_active - c.first_active) / 86400 * c.per_day * 0.3))::int,
            c.first_active + (c.last_active - c.first_active) * 0.2, c.last_active
       FROM lg_customer c
      WHERE c.lunch < CASE c.persona WHEN 'regular' THEN 0.45 WHEN 'occasional' THEN 0.15 WHEN 'lapsed' THEN 0.08 ELSE 0 END`,
    idBase,
    p.coffee,
    p.lunch,
  );

  // Visits in opening hours (07:30–18:00 Amsterdam): peaks at breakfast and lunch,
  // Sundays quiet (most Sunday visits move to Monday), 12% take two stamps,
  // 0.8% are undone at the counter; mostly at the customer's home location.
  const hours = [7, 7, 8, 8, 8, 8, 9, 9, 9, 10, 10, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 15, 15, 16, 16, 17];
  await sql(
    `CREATE TEMP TABLE lg_visit ON COMMIT DROP AS
     SELECT card_id, at, amount, undone, location, row_number() OVER (PARTITION BY card_id ORDER BY at) AS k
       FROM (SELECT card_id, amount, undone, location,
                    ((local_day + make_interval(hours => h, mins => CASE WHEN h = 7 THEN 30 + floor(r_min * 30)::int ELSE floor(r_min * 60)::int END,
                                                secs => floor(r_sec * 60)::int))
                      AT TIME ZONE 'Europe/Amsterdam') AT TIME ZONE 'UTC' AS at
               FROM (SELECT card_id, amount, undone, location, h, r_min, r_sec,
                            CASE WHEN extract(dow FROM d) = 0 AND r_sunday < 0.6 THEN d + (1 + floor(r_sunday * 8)::int) * interval '1 day' ELSE d END AS local_day
                       FROM (SELECT k.id AS card_id,
                                    date_trunc('day', ((k.first_active + random() * (k.last_active - k.first_active)) AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam') AS d,
                                    (${sqlArray(hours.map(String))})[1 + floor(random() * ${hours.length})::int]::int AS h,
                                    random() AS r_min, random() AS r_sec, random() AS r_sunday,
                                    CASE WHEN random() < 0.12 THEN 2 ELSE 1 END AS amount,
                                    random() < 0.008 AS undone,
                                    CASE WHEN random() < 0.85 THEN k.home ELSE 1 + floor(random() * 3)::int END AS location
                               FROM lg_card k CROSS JOIN generate_series(1, k.visits) g) v1) v2) v3
      WHERE at < $1::timestamp`,
    p.now,
  );
  await sql(`CREATE INDEX ON lg_visit (card_id, k)`);
  await sql(`ANALYZE lg_customer, lg_card, lg_visit`);

  // The ledger arithmetic of lib/cards/ledger.ts in SQL. S = stamps that stand
  // (undone ones excluded) up to and including this visit; a full card turns
  // into a reward, passing the intermediate stamp earns that one.
  await sql(
    `CREATE TEMP TABLE lg_stamp ON COMMIT DROP AS
     SELECT v.*, k.required, k.intermediate, k.program_id, before + v.amount AS after,
            ((before + v.amount) % k.required) - (before % k.required) AS stamp_delta,
            ((before + v.amount) / k.required) - (before / k.required) AS reward_delta,
            CASE WHEN k.intermediate IS NULL THEN 0
                 ELSE floor((before + v.amount - k.intermediate)::numeric / k.required)::int - floor((before - k.intermediate)::numeric / k.required)::int END AS intermediate_delta,
            lead(v.at) OVER w AS next_at
       FROM (SELECT v.*, coalesce(sum(CASE WHEN v.undone THEN 0 ELSE v.amount END) OVER w - CASE WHEN v.undone THEN 0 ELSE v.amount END, 0)::int AS before
               FROM lg_visit v WINDOW w AS (PARTITION BY v.card_id ORDER BY v.k)) v
       JOIN lg_card k ON k.id = v.card_id
     WINDOW w AS (PARTITION BY v.card_id ORDER BY v.k)`,
  );
  // A reward is mostly redeemed at the next visit (95%, the intermediate one 90%),
  // just before that visit's stamp; the rest wait on the card.
  await sql(
    `CREATE TEMP TABLE lg_redeem ON COMMIT DROP AS
     SELECT card_id, k, next_at - interval '30 seconds' AS at, location, 'reward' AS kind
       FROM lg_stamp WHERE NOT undone AND reward_delta > 0 AND next_at IS NOT NULL AND random() < 0.95
     UNION ALL
     SELECT card_id, k, next_at - interval '20 seconds', location, 'intermediate'
       FROM lg_stamp WHERE NOT undone AND intermediate_delta > 0 AND next_at IS NOT NULL AND random() < 0.9`,
  );

  await sql(`ANALYZE lg_stamp, lg_redeem`);
  // A customer joined a minute before their first visit (enrollment at the counter);
  // their last visit is their latest stamp on any card (the stamp path keeps it so).
  await sql(`ALTER TABLE lg_customer ADD COLUMN joined timestamp, ADD COLUMN last_at timestamp, ADD COLUMN last_location int`);
  await sql(
    `UPDATE lg_customer c SET last_at = l.at, last_location = l.location
       FROM (SELECT DISTINCT ON (k.customer_id) k.customer_id, v.at, v.location FROM lg_visit v JOIN lg_card k ON k.id = v.card_id
              ORDER BY k.customer_id, v.at DESC) l
      WHERE l.customer_id = c.id`,
  );
  await sql(
    `UPDATE lg_customer c SET joined = coalesce(v.first_visit - interval '1 minute', c.first_active)
       FROM lg_card k LEFT JOIN (SELECT card_id, min(at) AS first_visit FROM lg_visit GROUP BY card_id) v ON v.card_id = k.id
      WHERE k.customer_id = c.id AND k.program_id = $1`,
    p.coffee,
  );

  const sources = ["POSTER", "POSTER", "POSTER", "TABLE_TENT", "TABLE_TENT", "COUNTER", "COUNTER", "COUNTER", "WEBSITE", "SOCIAL", "REFERRAL", "STAFF"];
  await sql(
    `INSERT INTO "Customer" (id, "organizationId", name, email, phone, "marketingConsent", "marketingConsentAt", "termsAcceptedAt", source, note,
                             "lastVisitAt", "lastVisitLocationId", "createdAt", "updatedAt")
     SELECT c.id, $1, f.first || ' ' || l.last,
            CASE WHEN c.r_email < 0.7 THEN lower(regexp_replace(public.stempel_unaccent(f.first || '.' || l.last), '[^A-Za-z.]', '', 'g')) || c.i || '@' ||
                                           (${sqlArray(DOMAINS)})[1 + (c.i % ${DOMAINS.length})] END,
            CASE WHEN c.r_phone < 0.4 THEN '+316' || lpad(((c.i::bigint * 7919) % 100000000)::text, 8, '0') END,
            c.r_consent < 0.6, CASE WHEN c.r_consent < 0.6 THEN c.joined END, c.joined,
            ((${sqlArray(sources)})[1 + floor(c.r_source * ${sources.length})::int])::"AcquisitionSource",
            CASE WHEN c.i % 97 = 0 THEN 'Neemt altijd havermelk.' WHEN c.i % 89 = 0 THEN 'Allergisch voor noten.' END,
            c.last_at, ($2::text[])[c.last_location], c.joined, c.joined
       FROM lg_customer c
       CROSS JOIN LATERAL (SELECT (${sqlArray(FIRST)})[1 + floor(c.r_name1 * ${FIRST.length})::int] AS first) f
       CROSS JOIN LATERAL (SELECT (${sqlArray(LAST)})[1 + floor(c.r_name2 * ${LAST.length})::int] AS last) l`,
    p.org,
    p.locations,
  );

  // Cards with the counters the visits give, computed apart from the events (checked against them afterwards).
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const serialChar = (pos: number) => `substr('${alphabet}', 1 + get_byte(h.b, ${pos}) % ${alphabet.length}, 1)`;
  await sql(
    `INSERT INTO "Card" (id, "organizationId", "programId", "customerId", serial, "authToken", "webToken", "stampCount", "rewardsAvailable",
                         "intermediateAvailable", "totalStamps", "totalRedeemed", "lastStampAt", "lastLocationId", "passUpdatedAt", "createdAt", "updatedAt")
     SELECT k.id, $1, k.program_id, k.customer_id,
            ${[0, 1, 2, 3].map(serialChar).join(" || ")} || '-' || ${[4, 5, 6, 7].map(serialChar).join(" || ")} || '-' || ${[8, 9].map(serialChar).join(" || ")},
            md5(k.id || 'auth' || $2), md5(k.id || 'web' || $2),
            coalesce(s.total, 0) % k.required,
            coalesce(s.total, 0) / k.required - coalesce(r.rewards, 0),
            CASE WHEN k.intermediate IS NULL THEN 0
                 ELSE floor((coalesce(s.total, 0) - k.intermediate)::numeric / k.required)::int - floor((0 - k.intermediate)::numeric / k.required)::int - coalesce(r.intermediates, 0) END,
            coalesce(s.total, 0), coalesce(r.rewards, 0) + coalesce(r.intermediates, 0),
            last.at, last.location_id, coalesce(last.at, c.joined), c.joined, coalesce(last.at, c.joined)
       FROM lg_card k
       JOIN lg_customer c ON c.id = k.customer_id
       CROSS JOIN LATERAL (SELECT decode(md5(k.id || $2), 'hex') AS b) h
       LEFT JOIN (SELECT card_id, sum(CASE WHEN undone THEN 0 ELSE amount END)::int AS total FROM lg_visit GROUP BY card_id) s ON s.card_id = k.id
       LEFT JOIN (SELECT card_id, count(*) FILTER (WHERE kind = 'reward')::int AS rewards, count(*) FILTER (WHERE kind = 'intermediate')::int AS intermediates
                    FROM lg_redeem GROUP BY card_id) r ON r.card_id = k.id
       LEFT JOIN (SELECT DISTINCT ON (card_id) card_id, at, ($3::text[])[location] AS location_id FROM lg_visit ORDER BY card_id, k DESC) last ON last.card_id = k.id`,
    p.org,
    randomBytes(8).toString("hex"),
    p.locations,
  );

  // The ledger: enrollments, stamps, their undos and redeems, each with who and where
  // — in time order, as a real ledger grows (the Visit trigger then writes the visits day by day too).
  // Who: as a tablet writes it, the staff member's user and the membership that unlocked it.
  const who = `CASE x.location WHEN 1 THEN 1 + (x.k % 2)::int WHEN 2 THEN 3 + (x.k % 2)::int ELSE 5 END`;
  const actor = `($3::text[])[${who}], ($4::text[])[${who}]`;
  await sql(
    `INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "rewardDelta", "intermediateDelta", "actorUserId", "actorMembershipId",
                              "locationId", "reversesId", "createdAt")
     SELECT * FROM (
     SELECT k.id || '-e', $1, k.id, 'ENROLL'::"CardEventType", 0, 0, 0, 0, NULL, NULL, NULL, NULL, c.joined AS at
       FROM lg_card k JOIN lg_customer c ON c.id = k.customer_id
     UNION ALL
     SELECT x.card_id || '-s' || x.k, $1, x.card_id, 'STAMP', x.amount, x.stamp_delta, x.reward_delta, x.intermediate_delta, ${actor}, ($2::text[])[x.location],
            NULL, x.at
       FROM lg_stamp x
     UNION ALL
     SELECT x.card_id || '-u' || x.k, $1, x.card_id, 'UNDO', x.amount, -x.stamp_delta, -x.reward_delta, -x.intermediate_delta, ${actor}, ($2::text[])[x.location],
            x.card_id || '-s' || x.k, x.at + (20 + floor(random() * 70)::int) * interval '1 second'
       FROM lg_stamp x WHERE x.undone
     UNION ALL
     SELECT x.card_id || '-' || left(x.kind, 1) || x.k, $1, x.card_id, 'REDEEM', 1, 0, CASE WHEN x.kind = 'reward' THEN -1 ELSE 0 END,
            CASE WHEN x.kind = 'intermediate' THEN -1 ELSE 0 END, ${actor}, ($2::text[])[x.location], NULL, x.at
       FROM lg_redeem x) ev ORDER BY at`,
    p.org,
    p.locations,
    p.staff,
    p.members,
  );

  // Tags the merchant put on some customers.
  await sql(
    `INSERT INTO "CustomerTag" (id, "organizationId", "customerId", tag, "createdAt")
     SELECT c.id || '-t', $1, c.id, CASE WHEN c.r_tag < 0.02 THEN 'VIP' WHEN c.r_tag < 0.08 THEN 'Student' ELSE 'Buurman' END, $2::timestamp
       FROM lg_customer c WHERE c.r_tag < 0.09`,
    p.org,
    p.now,
  );

  await insightsData(sql, p);
}

/**
 * What Inzichten reads besides the ledger: answers to the customer questions
 * (NPS with the CLI questions after the third visit for ~45% of those who got
 * that far, satisfaction after ~20% of the last year's visits), passes in a
 * wallet and cards opened, friends brought along, and the shops' opening hours.
 * Shaped by persona: regulars mostly promoters, lapsed guests cooler.
 */
async function insightsData(sql: Sql, p: Plan) {
  const hours = JSON.stringify(Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["07:30", "18:00"]]])));
  await sql(`UPDATE "Location" SET "openingHours" = $2::jsonb WHERE "organizationId" = $1`, p.org, hours);
  await sql(`UPDATE "CardProgram" SET "surveySatisfaction" = true, "surveyNps" = true, "surveyCli" = true WHERE "organizationId" = $1`, p.org);
  const membershipOf = `(SELECT m.id FROM "Membership" m WHERE m."organizationId" = $1 AND m."userId" = ($2::text[])[CASE v.location WHEN 1 THEN 1 + (v.k % 2)::int WHEN 2 THEN 3 + (v.k % 2)::int ELSE 5 END])`;
  await sql(
    `INSERT INTO "SurveyAnswer" (id, "organizationId", "customerId", "cardId", kind, score, "comeBack", "tryOther", comment, "locationId", "membershipId", "createdAt")
     SELECT 'lgs' || v.card_id || '-n', $1, k.customer_id, k.id, 'NPS', s.score, least(10, s.score + (random() < 0.5)::int),
            greatest(0, s.score - floor(random() * 3)::int),
            CASE WHEN random() < 0.15 THEN (ARRAY['Beste koffie van de stad!', 'Altijd vriendelijk personeel.', 'Lekker, maar soms lang wachten.', 'Te druk in de ochtend.', 'Muziek staat te hard.'])[1 + floor(random() * 5)::int] END,
            ($3::text[])[v.location], ${membershipOf}, v.at + interval '2 hours'
       FROM lg_visit v JOIN lg_card k ON k.id = v.card_id
       CROSS JOIN LATERAL (SELECT CASE k.persona WHEN 'regular' THEN CASE WHEN random() < 0.2 THEN 4 + floor(random() * 4)::int ELSE 8 + floor(random() * 3)::int END
                                                 WHEN 'occasional' THEN 6 + floor(random() * 5)::int
                                                 ELSE 2 + floor(random() * 7)::int END AS score) s
      WHERE v.k = 3 AND k.program_id = $4 AND NOT v.undone AND random() < 0.45 AND v.at + interval '2 hours' < $5::timestamp`,
    p.org,
    p.staff,
    p.locations,
    p.coffee,
    p.now,
  );
  await sql(
    `INSERT INTO "SurveyAnswer" (id, "organizationId", "customerId", "cardId", kind, score, "locationId", "membershipId", "createdAt")
     SELECT 'lgs' || v.card_id || '-s' || v.k, $1, k.customer_id, k.id, 'SATISFACTION',
            CASE k.persona WHEN 'regular' THEN 4 + (random() < 0.6)::int WHEN 'occasional' THEN 3 + floor(random() * 3)::int ELSE 2 + floor(random() * 4)::int END,
            ($3::text[])[v.location], ${membershipOf}, v.at + interval '1 hour'
       FROM lg_visit v JOIN lg_card k ON k.id = v.card_id
      WHERE v.at > $4::timestamp - interval '365 days' AND v.at + interval '1 hour' < $4::timestamp AND NOT v.undone AND random() < 0.2`,
    p.org,
    p.staff,
    p.locations,
    p.now,
  );
  // Cards opened on the phone: most regulars, fewer of the rest. (No wallet installs:
  // those exist only with a real registration or Google object.)
  await sql(
    `UPDATE "Card" c SET "webOpenedAt" = $2::timestamp - (r.z * 40) * interval '1 day'
       FROM (SELECT k.id, CASE k.persona WHEN 'regular' THEN 0.85 WHEN 'occasional' THEN 0.5 WHEN 'lapsed' THEN 0.3 ELSE 0.15 END AS share,
                    random() AS y, random() AS z FROM lg_card k) r
      WHERE c.id = r.id AND c."organizationId" = $1 AND r.y < r.share * 0.5`,
    p.org,
    p.now,
  );
  // Customers who came on a friend's recommendation name a regular as that friend (60%).
  await sql(
    `WITH regs AS (SELECT id, row_number() OVER (ORDER BY i) - 1 AS rn, count(*) OVER () AS total FROM lg_customer WHERE persona = 'regular')
     UPDATE "Customer" c SET "referredByCustomerId" = r.id
       FROM lg_customer c2, regs r
      WHERE c.id = c2.id AND c."organizationId" = $1 AND c.source = 'REFERRAL' AND c2.r_tag > 0.4
        AND r.rn = (c2.i * 7919) % r.total AND r.id <> c.id`,
    p.org,
  );
  // Bring a friend is on; each such link is a Referral (lib/referrals), rewarded
  // at the friend's first visit, else still pending.
  await sql(`UPDATE "CardProgram" SET "referralEnabled" = true WHERE "organizationId" = $1`, p.org);
  await sql(
    `INSERT INTO "Referral" (id, "organizationId", "programId", "referrerCustomerId", "referrerCardId", "friendCustomerId", "friendCardId", status, "rewardedAt", "createdAt")
     SELECT 'ref_' || c.id, c."organizationId", f."programId", c."referredByCustomerId", r.id, c.id, f.id,
            CASE WHEN v.first_at IS NULL THEN 'PENDING' ELSE 'REWARDED' END::"ReferralStatus", v.first_at, c."createdAt"
       FROM "Customer" c
       JOIN LATERAL (SELECT k.id, k."programId" FROM "Card" k WHERE k."organizationId" = c."organizationId" AND k."customerId" = c.id
                      ORDER BY k."createdAt" LIMIT 1) f ON true
       JOIN LATERAL (SELECT k.id FROM "Card" k WHERE k."organizationId" = c."organizationId" AND k."customerId" = c."referredByCustomerId"
                      ORDER BY k."programId" = f."programId" DESC, k."createdAt" LIMIT 1) r ON true
       LEFT JOIN LATERAL (SELECT min(x."firstAt") AS first_at FROM "Visit" x WHERE x."organizationId" = c."organizationId" AND x."customerId" = c.id) v ON true
      WHERE c."organizationId" = $1 AND c."referredByCustomerId" IS NOT NULL`,
    p.org,
  );
}

// ---------------------------------------------------------------- command line

/** The embedded database of `npm start` (.data/postgres): running already, or started here. */
async function embeddedDatabase(log: (m: string) => void) {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const dataDir = path.join(root, ".data");
  fs.mkdirSync(dataDir, { recursive: true });
  // The same secrets `npm start` keeps there, so PINs and the app's login match.
  const secret = (name: string) => {
    const file = path.join(dataDir, name);
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    return fs.readFileSync(file, "utf8").trim();
  };
  const { default: pg } = await import("pg");
  const { startEmbeddedPostgres } = await import("@/scripts/lib/embedded-postgres");
  const port = Number(process.env.STEMPEL_DB_PORT ?? 54329);
  const ownerOn = (p: number, database: string) => `postgresql://postgres:postgres@127.0.0.1:${p}/${database}`;
  let running: { stop: () => Promise<void>; port: number } | null = null;
  const probe = new pg.Client({ connectionString: ownerOn(port, "postgres") });
  try {
    await probe.connect();
    log(`using the embedded database already running on port ${port}`);
  } catch {
    log("starting the embedded database (.data/postgres)…");
    running = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port, persistent: true });
  } finally {
    await probe.end().catch(() => {});
  }
  const p = running?.port ?? port;
  const admin = new pg.Client({ connectionString: ownerOn(p, "postgres") });
  await admin.connect();
  if (!(await admin.query("SELECT 1 FROM pg_database WHERE datname = 'stempel'")).rowCount) await admin.query("CREATE DATABASE stempel");
  await admin.end();
  const app = new URL(ownerOn(p, "stempel"));
  app.username = "stempel_app";
  app.password = secret("db-app-password");
  process.env.DATABASE_OWNER_URL = ownerOn(p, "stempel");
  process.env.DATABASE_URL = app.toString();
  process.env.NEXTAUTH_SECRET ??= secret("nextauth-secret");
  const { migrate } = await import("@/scripts/lib/migrate");
  await migrate(process.env.DATABASE_OWNER_URL, process.env.DATABASE_URL);
  return running;
}

async function main() {
  const log = (m: string) => console.log(`[seed:large] ${m}`);
  const embedded = process.env.DATABASE_URL ? null : await embeddedDatabase(log);
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://missing");
  if (!["localhost", "127.0.0.1", "::1"].includes(url.hostname) && process.env.SEED_ALLOW_REMOTE !== "1") {
    console.error(`Refusing to seed ${url.hostname}: set SEED_ALLOW_REMOTE=1 if you really mean it.`);
    process.exit(1);
  }
  const { ownerDb, closeOwnerDb } = await import("@/lib/db/owner");
  const { closeDatabase } = await import("@/lib/db/close");
  const customers = process.env.SEED_LARGE_CUSTOMERS ? Number(process.env.SEED_LARGE_CUSTOMERS) : undefined;
  try {
    const r = await seedLarge(ownerDb(), { customers, replace: process.argv.includes("--replace"), log });
    log(`${r.created ? "seeded" : "already present"}: ${r.customers} customers, ${r.cards} cards, ${r.events} ledger events (${r.seconds.toFixed(1)} s)`);
    log(`sign in as ${LARGE.owner} / ${LARGE.password} (tablet PIN ${LARGE.pins.owner})`);
  } finally {
    await closeOwnerDb();
    await closeDatabase();
    await embedded?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
