// Campaigns (dashboard → Berichten): compose once, send now or at a local time,
// follow the progress, read the report afterwards. Sending itself is the
// `campaign-send` job (send.ts). Saved customer-list filters live here too: an
// audience can be one. Errors are AppErrors with a message key the UI
// translates (docs/messages/engine.md lists them).
import { z } from "zod";
import type { CampaignStatus, DeliveryStatus, MessageChannel } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/audit";
import { assertWithinLimit } from "@/lib/billing/entitlements";
import { AppError } from "@/lib/errors/app-error";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";
import { CampaignInput, customerFilterOf, type Audience } from "@/lib/validation/messages";
import { storedFilter } from "./reach";

const DAY = 86_400_000;

/** Local "YYYY-MM-DDTHH:mm" and "YYYY-MM-DD" (end of day) in the merchant's time zone, as instants (PostgreSQL's tz database). */
async function localInstants(ctx: TenantContext, scheduleAt: string | undefined, bonusUntilDay: string | undefined) {
  return tenantDb(ctx).$transaction(async (_tx, sql) => {
    const [r] = await sql<{ at: Date | null; until: Date | null; timezone: string }>(
      `SELECT ($2::timestamp AT TIME ZONE o.timezone) AS at, (($3::date + 1)::timestamp AT TIME ZONE o.timezone) AS until, o.timezone
         FROM "Organization" o WHERE o.id = $1`,
      [ctx.orgId, scheduleAt?.replace("T", " ") ?? null, bonusUntilDay ?? null],
    );
    return r;
  });
}

/**
 * A new campaign. Without scheduleAt it is SENDING at once and its job is
 * queued in the same transaction; with it, SCHEDULED for that local time (the
 * scheduler starts it). A time or bonus day already past is refused.
 */
export async function createCampaign(ctx: TenantContext, raw: z.input<typeof CampaignInput>, now = new Date()) {
  requireRole(ctx, "MANAGER");
  const input = CampaignInput.parse(raw);
  const { at, until } = await localInstants(ctx, input.scheduleAt, input.bonusUntilDay);
  if (at && at.getTime() <= now.getTime()) throw new AppError("VALIDATION", "scheduleInPast", { scheduleAt: ["scheduleInPast"] });
  if (input.bonusStamps > 0 && until && until.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION", "bonusDayInPast", { bonusUntilDay: ["bonusDayInPast"] });
  }
  if (input.audience.kind === "saved") {
    const saved = await tenantDb(ctx).savedCustomerFilter.findFirst({ where: { id: input.audience.value }, select: { id: true } });
    if (!saved) throw new AppError("VALIDATION", "savedFilterNotFound", { audience: ["savedFilterNotFound"] });
  }
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    await assertWithinLimit(tx, "campaignsPerMonth", 1, now);
    const campaign = await tx.campaign.create({
      data: {
        organizationId: ctx.orgId,
        name: input.name,
        titleNl: input.titleNl,
        titleEn: input.titleEn,
        bodyNl: input.bodyNl,
        bodyEn: input.bodyEn,
        link: input.link,
        bonusStamps: input.bonusStamps,
        bonusUntil: input.bonusStamps > 0 ? until : null,
        audience: input.audience,
        holdoutPercent: input.holdoutPercent,
        status: at ? "SCHEDULED" : "SENDING",
        scheduledAt: at,
        startedAt: at ? null : now,
        createdByUserId: ctx.userId,
      },
      select: { id: true, status: true, scheduledAt: true },
    });
    if (!at) await enqueue(QUEUES.campaignSend, { orgId: ctx.orgId, campaignId: campaign.id }, campaign.id, sql);
    // Sent at once: "campaign.send"; planned: "campaign.create" (the scheduler starts it later, by itself).
    await recordAudit(tx, ctx, {
      action: at ? "campaign.create" : "campaign.send",
      subjectType: "campaign",
      subjectId: campaign.id,
      details: { name: input.name, audience: input.audience, bonusStamps: input.bonusStamps, scheduledAt: at?.toISOString() ?? null },
    });
    return campaign;
  });
}

/** Stops a campaign: a SCHEDULED one never starts; a SENDING one sends nothing more (its QUEUED rows are dropped). */
export async function cancelCampaign(ctx: TenantContext, rawId: string): Promise<{ status: CampaignStatus }> {
  requireRole(ctx, "MANAGER");
  const id = EntityId.parse(rawId);
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    // NO KEY: a claim running now may add the campaign's first count of a status (CampaignCount's
    // foreign key takes KEY SHARE on this row) while this transaction waits for the claim's rows.
    const [c] = await sql<{ status: CampaignStatus; name: string }>(
      `SELECT status, name FROM "Campaign" WHERE "organizationId" = $1 AND id = $2 FOR NO KEY UPDATE`,
      [ctx.orgId, id],
    );
    if (!c) throw new AppError("NOT_FOUND");
    if (c.status !== "SCHEDULED" && c.status !== "SENDING") throw new AppError("CONFLICT", "campaignNotCancellable");
    await sql(
      `UPDATE "Campaign" SET status = 'CANCELLED', "finishedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "organizationId" = $1 AND id = $2`,
      [ctx.orgId, id],
    );
    if (c.status === "SENDING") await sql(`DELETE FROM "Delivery" WHERE "organizationId" = $1 AND "campaignId" = $2 AND status = 'QUEUED'`, [ctx.orgId, id]);
    await recordAudit(tx, ctx, { action: "campaign.cancel", subjectType: "campaign", subjectId: id, details: { name: c.name, was: c.status } });
    return { status: "CANCELLED" as const };
  });
}

export type CampaignProgress = {
  status: CampaignStatus;
  total: number;
  /** Waiting or being sent. */
  queued: number;
  delivered: number;
  silent: number;
  failed: number;
  /** No channel, no consent or over the frequency cap: never sent. */
  unreachable: number;
  noConsent: number;
  capped: number;
  holdout: number;
};

function progressOf(status: CampaignStatus, counts: { status: DeliveryStatus; n: number }[]): CampaignProgress {
  const n = (...s: DeliveryStatus[]) => counts.filter((c) => s.includes(c.status)).reduce((a, c) => a + c.n, 0);
  return {
    status,
    total: n("QUEUED", "SENDING", "DELIVERED", "SILENT", "FAILED", "UNREACHABLE", "HOLDOUT", "NO_CONSENT", "CAPPED"),
    queued: n("QUEUED", "SENDING"),
    delivered: n("DELIVERED"),
    silent: n("SILENT"),
    failed: n("FAILED"),
    unreachable: n("UNREACHABLE", "NO_CONSENT", "CAPPED"),
    noConsent: n("NO_CONSENT"),
    capped: n("CAPPED"),
    holdout: n("HOLDOUT"),
  };
}

/** The merchant's campaigns, newest first, each with its progress counts. */
export async function listCampaigns(ctx: TenantContext, limit = 100) {
  requireRole(ctx, "MANAGER");
  const t = tenantDb(ctx);
  const campaigns = await t.campaign.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  const counts = campaigns.length ? await t.campaignCount.findMany({ where: { campaignId: { in: campaigns.map((c) => c.id) } } }) : [];
  return campaigns.map((c) => ({
    ...c,
    progress: progressOf(
      c.status,
      counts.filter((x) => x.campaignId === c.id),
    ),
  }));
}

/** Counts per status while sending (the live progress bar), as the Delivery triggers keep them (CampaignCount). */
export async function campaignProgress(ctx: TenantContext, rawId: string): Promise<CampaignProgress> {
  requireRole(ctx, "MANAGER");
  const id = EntityId.parse(rawId);
  return tenantDb(ctx).$transaction(async (_tx, sql) => {
    const [c] = await sql<{ status: CampaignStatus }>(`SELECT status FROM "Campaign" WHERE "organizationId" = $1 AND id = $2`, [ctx.orgId, id]);
    if (!c) throw new AppError("NOT_FOUND");
    const counts = await sql<{ status: DeliveryStatus; n: number }>(`SELECT status, n FROM "CampaignCount" WHERE "organizationId" = $1 AND "campaignId" = $2`, [
      ctx.orgId,
      id,
    ]);
    return progressOf(c.status, counts);
  });
}

export type VisitGroup = { size: number; visited7: number; visited14: number; share7: number | null; share14: number | null };

/**
 * The report: counts per status and per channel, and whether recipients came
 * back: the share of recipients (DELIVERED or SILENT) with a visit in the 7 and
 * 14 days after the start, against the holdout group (kept back, comparable).
 */
export async function campaignReport(ctx: TenantContext, rawId: string, now = new Date()) {
  requireRole(ctx, "MANAGER");
  const id = EntityId.parse(rawId);
  const t = tenantDb(ctx);
  const campaign = await t.campaign.findFirst({ where: { id } });
  if (!campaign) throw new AppError("NOT_FOUND");
  return t.$transaction(async (_tx, sql) => {
    const rows = await sql<{ status: DeliveryStatus; channel: MessageChannel | null; n: number }>(
      `SELECT status, channel, count(*)::int AS n FROM "Delivery" WHERE "campaignId" = $1 GROUP BY status, channel`,
      [id],
    );
    const start = campaign.startedAt ?? campaign.createdAt;
    const groups = await sql<{ g: "recipients" | "holdout"; size: number; v7: number; v14: number }>(
      `SELECT g, count(*)::int AS size, count(*) FILTER (WHERE first_visit < $3::timestamp + interval '7 days')::int AS v7,
              count(*) FILTER (WHERE first_visit < $3::timestamp + interval '14 days')::int AS v14
         FROM (SELECT CASE WHEN d.status = 'HOLDOUT' THEN 'holdout' ELSE 'recipients' END AS g,
                      (SELECT min(v."firstAt") FROM "Visit" v
                        WHERE v."organizationId" = $1 AND v."customerId" = d."customerId"
                          AND v.day >= $3::timestamp::date - 1 AND v."firstAt" >= $3::timestamp) AS first_visit
                 FROM "Delivery" d WHERE d."campaignId" = $2 AND d.status IN ('DELIVERED', 'SILENT', 'HOLDOUT')) x
        GROUP BY g`,
      [ctx.orgId, id, start.toISOString().replace("T", " ").replace("Z", "")],
    );
    const group = (g: "recipients" | "holdout"): VisitGroup => {
      const r = groups.find((x) => x.g === g);
      const size = r?.size ?? 0;
      return {
        size,
        visited7: r?.v7 ?? 0,
        visited14: r?.v14 ?? 0,
        share7: size ? (r?.v7 ?? 0) / size : null,
        share14: size ? (r?.v14 ?? 0) / size : null,
      };
    };
    const byChannel: Partial<Record<MessageChannel, Partial<Record<DeliveryStatus, number>>>> = {};
    for (const r of rows) if (r.channel) (byChannel[r.channel] ??= {})[r.status] = r.n;
    return {
      campaign: { id: campaign.id, name: campaign.name, status: campaign.status, startedAt: campaign.startedAt, finishedAt: campaign.finishedAt },
      progress: progressOf(
        campaign.status,
        rows.map((r) => ({ status: r.status, n: r.n })),
      ),
      byChannel,
      visits: {
        recipients: group("recipients"),
        holdout: group("holdout"),
        /** The windows have passed: the numbers are final. */
        complete7: now.getTime() >= start.getTime() + 7 * DAY,
        complete14: now.getTime() >= start.getTime() + 14 * DAY,
      },
    };
  });
}

// ---------------------------------------------------------------- saved customer filters

export const SavedFilterInput = z.object({
  name: z
    .string()
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1, "required").max(60, "tooLong")),
  /** The customer list's query string (only its filters are kept). */
  query: z.string().max(2000, "tooLong"),
});

/** Saves the customer list's current filter by name (the same name again replaces it). */
export async function saveCustomerFilter(ctx: TenantContext, raw: z.input<typeof SavedFilterInput>) {
  requireRole(ctx, "MANAGER");
  const { name, query } = SavedFilterInput.parse(raw);
  const filter = customerFilterOf(query);
  if (!Object.values(filter).some((v) => v !== undefined)) throw new AppError("VALIDATION", "filterEmpty", { query: ["filterEmpty"] });
  return tenantDb(ctx).savedCustomerFilter.upsert({
    where: { organizationId_name: { organizationId: ctx.orgId, name } },
    create: { organizationId: ctx.orgId, name, filter },
    update: { filter },
    select: { id: true, name: true, filter: true },
  });
}

export async function listSavedFilters(ctx: TenantContext) {
  requireRole(ctx, "MANAGER");
  const rows = await tenantDb(ctx).savedCustomerFilter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, filter: true, createdAt: true } });
  return rows.map((r) => ({ ...r, filter: storedFilter(r.filter) }));
}

export async function deleteSavedFilter(ctx: TenantContext, rawId: string): Promise<void> {
  requireRole(ctx, "MANAGER");
  const id = EntityId.parse(rawId);
  const { count } = await tenantDb(ctx).savedCustomerFilter.deleteMany({ where: { id } });
  if (!count) throw new AppError("NOT_FOUND");
}

export type { Audience };
