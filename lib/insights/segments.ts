// Inzichten → Klantgroepen: the merchant's customers by RFM segment, and how
// engaged they are. Both read CustomerScore, the per-customer scores the
// refresh keeps (refresh-insights.ts: how R, F, M, the segments and the
// engagement score are defined) — one pass over the merchant's 100 000 rows at
// most, grouped in PostgreSQL. Scores describe customers now, so these panels
// ignore the period picker.
import { sql } from "kysely";
import { run, sqlb } from "@/lib/db/sql";
import type { RfmSegment } from "@/lib/generated/prisma/enums";
import type { TenantContext } from "@/lib/tenancy/context";
import { insightsQuery } from "./query";

/** The segments from best to worst, as the Klantgroepen table lists them. */
export const SEGMENT_ORDER: RfmSegment[] = [
  "CHAMPIONS",
  "LOYAL",
  "POTENTIAL_LOYALISTS",
  "NEW",
  "PROMISING",
  "NEED_ATTENTION",
  "ABOUT_TO_SLEEP",
  "AT_RISK",
  "CANNOT_LOSE",
  "HIBERNATING",
  "LOST",
];

export type SegmentRow = {
  /** null: "Nog geen bezoek" (enrolled, never stamped). */
  segment: RfmSegment | null;
  customers: number;
  /** Of all scored customers, 0–1. */
  share: number;
  /** Average recency, frequency and monetary score (1–5; null without visits). */
  r: number | null;
  f: number | null;
  m: number | null;
  /** Average engagement score 0–100 (null when the group is empty). */
  engagement: number | null;
};

export type SegmentSummary = { total: number; rows: SegmentRow[] };

/** Customers per RFM segment (every segment, empty ones too, then "Nog geen bezoek") with their average scores. */
export async function segmentSummary(ctx: TenantContext): Promise<SegmentSummary> {
  const rows = await insightsQuery(ctx, (s) =>
    run(
      s,
      sqlb
        .selectFrom("CustomerScore")
        .where("organizationId", "=", ctx.orgId)
        .groupBy("segment")
        .select([
          "segment",
          sql<number>`count(*)::int`.as("customers"),
          sql<number | null>`avg(recency) FILTER (WHERE recency > 0)::float`.as("r"),
          sql<number | null>`avg(frequency) FILTER (WHERE frequency > 0)::float`.as("f"),
          sql<number | null>`avg(monetary) FILTER (WHERE monetary > 0)::float`.as("m"),
          sql<number>`avg(engagement)::float`.as("engagement"),
        ]),
    ),
  );
  const total = rows.reduce((n, r) => n + r.customers, 0);
  const bySegment = new Map(rows.map((r) => [r.segment, r]));
  return {
    total,
    rows: [...SEGMENT_ORDER, null].map((segment) => {
      const r = bySegment.get(segment);
      return {
        segment,
        customers: r?.customers ?? 0,
        share: total && r ? r.customers / total : 0,
        r: r?.r ?? null,
        f: r?.f ?? null,
        m: r?.m ?? null,
        engagement: r ? r.engagement : null,
      };
    }),
  };
}

/** The engagement score's steps: 0, 20, 40, 60, 80, 100. */
export const ENGAGEMENT_BUCKETS = [0, 20, 40, 60, 80, 100] as const;

export type EngagementDistribution = {
  total: number;
  /** Average score 0–100 (null without customers). */
  average: number | null;
  buckets: { score: (typeof ENGAGEMENT_BUCKETS)[number]; customers: number }[];
};

/** How many customers have each engagement score (a score between steps counts with the step below). */
export async function engagementDistribution(ctx: TenantContext): Promise<EngagementDistribution> {
  const rows = await insightsQuery(ctx, (s) =>
    run(
      s,
      sqlb
        .selectFrom("CustomerScore")
        .where("organizationId", "=", ctx.orgId)
        .groupBy(sql`1`)
        .select([
          sql<number>`(least(greatest(engagement, 0), 100) / 20 * 20)::int`.as("score"),
          sql<number>`count(*)::int`.as("customers"),
          sql<number>`sum(engagement)::int`.as("sum"),
        ]),
    ),
  );
  const total = rows.reduce((n, r) => n + r.customers, 0);
  const sum = rows.reduce((n, r) => n + r.sum, 0);
  return {
    total,
    average: total ? sum / total : null,
    buckets: ENGAGEMENT_BUCKETS.map((score) => ({ score, customers: rows.find((r) => r.score === score)?.customers ?? 0 })),
  };
}

export type RfmGridCell = { r: number; fm: number; segment: RfmSegment; customers: number };

/**
 * Customers by recency (1–5) × the mean of frequency and monetary (1–5, half
 * rounded up, as the segments use it): the grid the segments are cut from,
 * with each cell's segment (cells without customers are left out).
 */
export async function rfmGrid(ctx: TenantContext): Promise<RfmGridCell[]> {
  return insightsQuery(ctx, (s) =>
    run(
      s,
      sqlb
        .selectFrom("CustomerScore")
        .where("organizationId", "=", ctx.orgId)
        .where("recency", ">", 0)
        .where("segment", "is not", null)
        .groupBy([sql`1`, sql`2`, sql`3`])
        .orderBy(sql`1`)
        .orderBy(sql`2`)
        .select([
          sql<number>`recency::int`.as("r"),
          sql<number>`((frequency + monetary + 1) / 2)::int`.as("fm"),
          sql<RfmSegment>`segment`.as("segment"),
          sql<number>`count(*)::int`.as("customers"),
        ]),
    ),
  );
}
