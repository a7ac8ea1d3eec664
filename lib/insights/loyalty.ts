// Inzichten → Loyaliteit: the loyalty matrix (attitude × behaviour), the
// loyalty ladder with who moved on it in the period, and reward-bound loyalty.
// Counts come from CustomerScore (what the last refresh found, refresh-insights.ts
// defines rungs and cells), moves from LoyaltyChange (one row per customer per
// refresh that changed their rung or cell). A customer who moved more than once
// in the period counts once, from where they were before their first move to
// where they are after their last: NEW → RETURNING → REGULAR is one step up to
// REGULAR, REGULAR → FAN → REGULAR no move at all.
import { z } from "zod";
import type { LoyaltyCell, LoyaltyRung } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import { addDays, localMidnight, type Period } from "./period";
import { insightsQuery } from "./query";

/** The ladder from the bottom; DORMANT (no visit in 90 days) is off it, below NEW. */
export const LADDER: LoyaltyRung[] = ["NEW", "RETURNING", "REGULAR", "FAN", "AMBASSADOR"];
export const RUNG_ORDER: LoyaltyRung[] = ["DORMANT", ...LADDER];
export const CELLS: LoyaltyCell[] = ["TRUE_LOYALTY", "LATENT", "SPURIOUS", "NONE"];

const RUNG_POS = `'{${RUNG_ORDER.join(",")}}'::"LoyaltyRung"[]`;

/**
 * Each customer's net move in the period [$2, $3): where they were before their
 * first change and after their last. One sort by (customer, time) serves every
 * aggregate; byte order ("C") sorts the ids faster than the language's.
 */
const MOVES = `moves AS (
  SELECT "customerId" COLLATE "C" AS id,
         (array_agg("fromRung" ORDER BY at))[1] AS from_rung, (array_agg("toRung" ORDER BY at))[count(*)] AS to_rung,
         (array_agg("fromCell" ORDER BY at))[1] AS from_cell, (array_agg("toCell" ORDER BY at))[count(*)] AS to_cell,
         max(at) AS at
    FROM "LoyaltyChange"
   WHERE "organizationId" = $1 AND at >= $2::timestamp AND at < $3::timestamp
   GROUP BY 1
), rung_moves AS (
  SELECT moves.*, array_position(${RUNG_POS}, to_rung) > array_position(${RUNG_POS}, from_rung) AS up
    FROM moves WHERE to_rung <> from_rung
)`;

/** The period's bounds as SQL parameters $2, $3 (UTC instants, as TIMESTAMP columns hold them). */
const bounds = (p: Period) => [p.fromUtc.toISOString(), p.toUtc.toISOString()];

// ---------------------------------------------------------------- matrix

export type MatrixCell = { cell: LoyaltyCell; customers: number; movedIn: number; movedOut: number };
export type LoyaltyMatrix = {
  cells: MatrixCell[];
  /** Customers who visited but gave no NPS answer in the last year: no attitude, no cell. */
  withoutAttitude: number;
  /** Whether a published card asks the NPS question. */
  npsOn: boolean;
};

/** Customers per matrix cell, with how many moved into and out of each in the period. */
export async function loyaltyMatrix(ctx: TenantContext, period: Period): Promise<LoyaltyMatrix> {
  const { rows, npsOn } = await insightsQuery(ctx, async (sql) => ({
    rows: await sql<{ cell: LoyaltyCell | null; customers: number; in: number; out: number }>(
      `WITH ${MOVES}
       SELECT cell, sum(customers)::int AS customers, sum(n_in)::int AS "in", sum(n_out)::int AS "out"
         FROM (SELECT cell, 1 AS customers, 0 AS n_in, 0 AS n_out FROM "CustomerScore" WHERE "organizationId" = $1 AND visits > 0
               UNION ALL SELECT to_cell, 0, 1, 0 FROM moves WHERE to_cell IS DISTINCT FROM from_cell
               UNION ALL SELECT from_cell, 0, 0, 1 FROM moves WHERE to_cell IS DISTINCT FROM from_cell) x
        GROUP BY cell`,
      [ctx.orgId, ...bounds(period)],
    ),
    npsOn: (
      await sql<{ on: boolean }>(`SELECT EXISTS (SELECT 1 FROM "CardProgram" WHERE "organizationId" = $1 AND status = 'PUBLISHED' AND "surveyNps") AS on`, [
        ctx.orgId,
      ])
    )[0].on,
  }));
  return {
    cells: CELLS.map((cell) => {
      const r = rows.find((x) => x.cell === cell);
      return { cell, customers: r?.customers ?? 0, movedIn: r?.in ?? 0, movedOut: r?.out ?? 0 };
    }),
    withoutAttitude: rows.find((x) => x.cell === null)?.customers ?? 0,
    npsOn,
  };
}

// ---------------------------------------------------------------- ladder

export type LadderRung = {
  rung: LoyaltyRung;
  customers: number;
  /** Net moves in the period into this rung from below / from above, and out of it. */
  movedUpHere: number;
  movedDownHere: number;
  movedOut: number;
};

export type LoyaltyLadder = {
  rungs: LadderRung[];
  movedUp: number;
  movedDown: number;
  /** For the suggestions: NEW customers with exactly one visit, DORMANT ones who did visit once. */
  oneVisit: number;
  dormantVisited: number;
};

/** Customers per rung (DORMANT included), and who moved up or down in the period. */
export async function loyaltyLadder(ctx: TenantContext, period: Period): Promise<LoyaltyLadder> {
  const rows = await insightsQuery(ctx, (sql) =>
    sql<{ rung: LoyaltyRung; customers: number; one_visit: number; visited: number; up: number; down: number; out: number }>(
      `WITH ${MOVES}
       SELECT rung, sum(customers)::int AS customers, sum(one_visit)::int AS one_visit, sum(visited)::int AS visited,
              sum(up)::int AS up, sum(down)::int AS down, sum(n_out)::int AS out
         FROM (SELECT rung, 1 AS customers, (visits = 1)::int AS one_visit, (visits > 0)::int AS visited, 0 AS up, 0 AS down, 0 AS n_out
                 FROM "CustomerScore" WHERE "organizationId" = $1
               UNION ALL SELECT to_rung, 0, 0, 0, up::int, (NOT up)::int, 0 FROM rung_moves
               UNION ALL SELECT from_rung, 0, 0, 0, 0, 0, 1 FROM rung_moves) x
        GROUP BY rung`,
      [ctx.orgId, ...bounds(period)],
    ),
  );
  const get = (rung: LoyaltyRung) => rows.find((r) => r.rung === rung);
  return {
    rungs: RUNG_ORDER.map((rung) => ({
      rung,
      customers: get(rung)?.customers ?? 0,
      movedUpHere: get(rung)?.up ?? 0,
      movedDownHere: get(rung)?.down ?? 0,
      movedOut: get(rung)?.out ?? 0,
    })),
    movedUp: rows.reduce((n, r) => n + r.up, 0),
    movedDown: rows.reduce((n, r) => n + r.down, 0),
    oneVisit: get("NEW")?.one_visit ?? 0,
    dormantVisited: get("DORMANT")?.visited ?? 0,
  };
}

export type Mover = { customerId: string; name: string; from: LoyaltyRung; to: LoyaltyRung; at: Date };
export type MoverList = { total: number; rows: Mover[]; byRung: { rung: LoyaltyRung; customers: number }[] };

/** Who moved up and who moved down the ladder in the period: the latest `limit` of each, with totals per rung they reached. */
export async function ladderMovers(ctx: TenantContext, period: Period, limit = 20): Promise<{ up: MoverList; down: MoverList }> {
  return insightsQuery(ctx, async (sql) => {
    const params = [ctx.orgId, ...bounds(period)];
    const [rows, totals] = [
      await sql<{ id: string; name: string; from_rung: LoyaltyRung; to_rung: LoyaltyRung; at: Date; up: boolean }>(
        `WITH ${MOVES}, ranked AS (
           SELECT rung_moves.*, row_number() OVER (PARTITION BY up ORDER BY at DESC, id) AS n FROM rung_moves
         )
         SELECT r.id, c.name, r.from_rung, r.to_rung, r.at, r.up
           FROM ranked r JOIN "Customer" c ON c."organizationId" = $1 AND c.id = r.id COLLATE "default"
          WHERE r.n <= $4
          ORDER BY r.up DESC, r.n`,
        [...params, limit],
      ),
      await sql<{ up: boolean; to_rung: LoyaltyRung; customers: number }>(
        `WITH ${MOVES} SELECT up, to_rung, count(*)::int AS customers FROM rung_moves GROUP BY 1, 2`,
        params,
      ),
    ];
    const list = (up: boolean): MoverList => {
      const byRung = totals.filter((t) => t.up === up);
      return {
        total: byRung.reduce((n, t) => n + t.customers, 0),
        rows: rows.filter((r) => r.up === up).map((r) => ({ customerId: r.id, name: r.name, from: r.from_rung, to: r.to_rung, at: r.at })),
        byRung: RUNG_ORDER.flatMap((rung) => byRung.filter((t) => t.to_rung === rung).map((t) => ({ rung, customers: t.customers }))),
      };
    };
    return { up: list(true), down: list(false) };
  });
}

// ---------------------------------------------------------------- reward-bound loyalty

/** How long after their last reward a customer who has not been back counts as gone (?weeks=). */
export const REWARD_WEEKS = [4, 6, 8, 12] as const;
export type RewardWeeks = (typeof REWARD_WEEKS)[number];
export const DEFAULT_REWARD_WEEKS: RewardWeeks = 6;
export const RewardWeeksParam = z.coerce
  .number()
  .pipe(z.union(REWARD_WEEKS.map((w) => z.literal(w)) as [z.ZodLiteral<4>, z.ZodLiteral<6>, z.ZodLiteral<8>, z.ZodLiteral<12>]))
  .catch(DEFAULT_REWARD_WEEKS);

export type RewardBoundMonth = {
  /** First day of the month, 'YYYY-MM-DD'. */
  month: string;
  /** Customers whose latest reward fell in this month (and at least `weeks` ago), and of them who never came back. */
  customers: number;
  stopped: number;
  /** The whole month lies at least `weeks` back; later months are not (fully) counted yet. */
  complete: boolean;
};

export type RewardBoundProgram = {
  programId: string;
  name: string;
  customers: number;
  stopped: number;
  /** stopped / customers (null without customers). */
  share: number | null;
  /** The last 12 months, oldest first. */
  trend: RewardBoundMonth[];
};

export type RewardBound = { weeks: RewardWeeks; programs: RewardBoundProgram[] };

/**
 * Reward-bound loyalty per program: of the customers whose latest redeemed
 * reward (in that program) was on a day at least `weeks` weeks before today,
 * the share who have not visited since that day — loyal to the stamp card, not
 * to the café. The trend groups them by the month of that reward (the last 12
 * months). Days are local; "today" is the period's last day.
 */
export async function rewardBound(ctx: TenantContext, period: Period, weeks: RewardWeeks): Promise<RewardBound> {
  const tz = period.timezone;
  const today = addDays(period.to, -1);
  // A reward on or before this day is long enough ago: before the next midnight.
  const cutoffDay = addDays(today, -7 * weeks);
  const cutoff = localMidnight(addDays(cutoffDay, 1), tz);
  const months = monthStarts(today, 12);
  const edges = [...months, nextMonth(months[months.length - 1])].map((m) => localMidnight(m, tz).toISOString());
  const rows = await insightsQuery(ctx, (sql) =>
    sql<{ program: string; name: string; bucket: number | null; customers: number; stopped: number }>(
      // "Not back since": the last visit's local day is not after the reward's.
      // Only visits within a day of the reward need that day worked out.
      `SELECT s.program, p.name, s.bucket, s.customers, s.stopped
         FROM (SELECT "lastRedeemProgramId" AS program, width_bucket("lastRedeemAt", $4::timestamp[]) AS bucket, count(*)::int AS customers,
                      count(*) FILTER (WHERE CASE
                        WHEN "lastVisitAt" IS NULL OR "lastVisitAt" <= "lastRedeemAt" THEN true
                        WHEN "lastVisitAt" >= "lastRedeemAt" + interval '25 hours' THEN false
                        ELSE (("lastVisitAt" AT TIME ZONE 'UTC') AT TIME ZONE $3)::date <= (("lastRedeemAt" AT TIME ZONE 'UTC') AT TIME ZONE $3)::date
                      END)::int AS stopped
                 FROM "CustomerScore"
                WHERE "organizationId" = $1 AND "lastRedeemAt" < $2::timestamp AND "lastRedeemProgramId" IS NOT NULL
                GROUP BY GROUPING SETS ((1, 2), (1))) s
         JOIN "CardProgram" p ON p."organizationId" = $1 AND p.id = s.program`,
      [ctx.orgId, cutoff.toISOString(), tz, edges],
    ),
  );
  const programs = [...new Set(rows.map((r) => r.program))].map((programId): RewardBoundProgram => {
    const mine = rows.filter((r) => r.program === programId);
    const all = mine.find((r) => r.bucket === null)!;
    return {
      programId,
      name: all.name,
      customers: all.customers,
      stopped: all.stopped,
      share: all.customers ? all.stopped / all.customers : null,
      trend: months.map((month, i) => {
        const r = mine.find((x) => x.bucket === i + 1);
        return { month, customers: r?.customers ?? 0, stopped: r?.stopped ?? 0, complete: nextMonth(month) <= addDays(cutoffDay, 1) };
      }),
    };
  });
  programs.sort((a, b) => b.customers - a.customers || a.name.localeCompare(b.name));
  return { weeks, programs };
}

/** The first days of the `n` months up to and including `day`'s month, oldest first. */
function monthStarts(day: string, n: number): string[] {
  const [y, m] = day.split("-").map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    return d.toISOString().slice(0, 10);
  });
}

const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
};
