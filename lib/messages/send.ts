// The send engine (docs/messages/engine.md). A campaign is planned once (one
// INSERT … SELECT of every customer's Delivery, holdout decided), then sent in
// batches by the `campaign-send` job; automation deliveries (queued by
// lib/messages/automations.ts) likewise by `messages-send`. Each batch:
//  1. claim (one transaction): up to BATCH_SIZE QUEUED rows FOR UPDATE SKIP
//     LOCKED, classified exactly like the reach preview (reach.ts): finished
//     there (NO_CONSENT, CAPPED, UNREACHABLE, WEB → DELIVERED) or SENDING;
//     the message written on the card (WalletMessage, id = the delivery's id),
//     Apple cards marked changed;
//  2. deliver, outside the transaction: one APNs fan-out for the batch's
//     devices, Google addMessage (message id = delivery id), email
//     (sendEmailsOnce by delivery id), SMS;
//  3. one UPDATE with every row's outcome.
// A crash between 1 and 3 leaves SENDING rows: the next run delivers them again
// (every channel is idempotent by the delivery id; a device asked twice to
// fetch a pass gets a 304). Retryable trouble (APNs or Google busy, SMTP down)
// leaves the row SENDING and the job fails, so pg-boss retries it with backoff.
// One run per campaign (or per organization's automations) at a time, fenced by
// an advisory lock (lib/jobs/run-lock.ts): a second run never takes up a live
// run's SENDING rows.
import { sql, type RawBuilder } from "kysely";
import { cardUrl } from "@/lib/email/card-links";
import { sendEmailsOnce } from "@/lib/email/send-email";
import { inLanes } from "@/lib/lanes";
import type { AutomationKind, DeliveryStatus, MessageChannel } from "@/lib/generated/prisma/enums";
import { enqueue, jobBudgetMs, QUEUES, type CampaignSendJob, type MessagesSendJob } from "@/lib/jobs/queue";
import { withRunLock } from "@/lib/jobs/run-lock";
import { logger } from "@/lib/log/logger";
import { sqlb } from "@/lib/db/sql";
import { withTenantTransaction, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { Audience } from "@/lib/validation/messages";
import { retryable } from "@/lib/wallet/apple/apns";
import { apnsClient } from "@/lib/wallet/apple/push-updates";
import { closeRegistrations } from "@/lib/wallet/apple/registrations";
import { PASS_CHANGED } from "@/lib/wallet/card-changes";
import { GoogleUnavailable } from "@/lib/wallet/google/api";
import { googleConfig } from "@/lib/wallet/google/config";
import { addGoogleMessage } from "@/lib/wallet/messages";
import { automationTexts } from "./automations";
import { templatedEmails, unsubscribeUrl } from "./email";
import { audienceQuery, classify, type Bucket } from "./reach";
import { sendSms } from "./sms";
import { fillTemplate } from "./template";
import type { MessageTexts, MessageVars } from "./types";

export const BATCH_SIZE = 500;
/** Batches being delivered at once: a batch waits on APNs, Google and SMTP round trips more than on CPU. */
const DELIVERIES_IN_FLIGHT = 2;
/** Google addMessage calls in flight at once (one HTTP request each). */
const GOOGLE_LANES = 32;
const EMAIL_LANES = 8;

export type Scope = { campaignId: string } | { automations: true };

const compile = <R>(q: RawBuilder<R>) => q.compile(sqlb);
async function exec<R>(sql_: TenantSql, q: RawBuilder<R>): Promise<R[]> {
  const c = compile(q);
  return sql_<R>(c.sql, [...c.parameters]);
}
const utc = (d: Date) => sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const inScope = (scope: Scope) => ("campaignId" in scope ? sql`d."campaignId" = ${scope.campaignId}` : sql`d."campaignId" IS NULL`);

// ---------------------------------------------------------------- planning

/**
 * Inserts every recipient's Delivery of a SENDING campaign in one statement
 * (ON CONFLICT DO NOTHING: planning twice adds nobody twice). HOLDOUT: of the
 * customers it could reach, holdoutPercent kept back, chosen by a hash of
 * campaign and customer (the same customers however often it is planned).
 * Planned once: a campaign that has deliveries is not planned again.
 */
export async function planCampaign(orgId: string, campaignId: string, now = new Date()): Promise<{ planned: number }> {
  return withTenantTransaction(orgId, async (sql_) => {
    const [c] = await sql_<{ audience: unknown; holdoutPercent: number; bonusStamps: number; bonusUntil: Date | null; planned: boolean }>(
      `SELECT audience, "holdoutPercent", "bonusStamps", "bonusUntil",
              EXISTS (SELECT 1 FROM "Delivery" d WHERE d."campaignId" = c.id) AS planned
         FROM "Campaign" c WHERE c."organizationId" = $1 AND c.id = $2 AND c.status = 'SENDING' FOR NO KEY UPDATE`,
      [orgId, campaignId],
    );
    if (!c || c.planned) return { planned: 0 };
    const audience = Audience.parse(c.audience);
    const customers = await audienceQuery(sql_, orgId, audience);
    const source = sql`SELECT a.customer_id, true AS marketing FROM (${customers}) a`;
    const held = sql`(${c.holdoutPercent}::int > 0 AND bucket NOT IN ('NO_CONSENT', 'CAPPED', 'NONE')
      AND (('x' || substr(md5(${campaignId}::text || customer_id), 1, 7))::bit(28)::int % 100) < ${c.holdoutPercent}::int)`;
    const [r] = await exec<{ n: number }>(
      sql_,
      sql`WITH ${classify(orgId, source, now)},
        ins AS (
          INSERT INTO "Delivery" (id, "organizationId", "customerId", "campaignId", status, marketing, "bonusStamps", "bonusUntil", "createdAt")
          SELECT gen_random_uuid()::text, ${orgId}, customer_id, ${campaignId},
                 (CASE WHEN ${held} THEN 'HOLDOUT' ELSE 'QUEUED' END)::"DeliveryStatus", true,
                 CASE WHEN ${held} THEN 0 ELSE ${c.bonusStamps}::int END, ${c.bonusUntil?.toISOString() ?? null}::timestamp, ${utc(now)}
            FROM classified
          ON CONFLICT ("campaignId", "customerId") DO NOTHING
          RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
    );
    return { planned: r.n };
  });
}

// ---------------------------------------------------------------- claiming

type Claimed = {
  id: string;
  bucket: Bucket;
  channel: MessageChannel | null;
  campaignId: string | null;
  automation: AutomationKind | null;
  marketing: boolean;
  customerId: string;
  cardId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string;
  serial: string | null;
  webToken: string | null;
  stampCount: number | null;
  stampsRequired: number | null;
  rewardText: string | null;
  /** For a row taken up again: whether its message was written as notifying. */
  notify: boolean | null;
};
type Ready = Claimed & { header: string; body: string; link: string | null; template: { title: string; body: string }; vars: MessageVars };

const FINAL_AT_CLAIM: Partial<Record<Bucket, DeliveryStatus>> = { NO_CONSENT: "NO_CONSENT", CAPPED: "CAPPED", NONE: "UNREACHABLE", WEB: "DELIVERED" };
const CHANNEL: Partial<Record<Bucket, MessageChannel>> = { APPLE: "APPLE", GOOGLE: "GOOGLE", GOOGLE_SILENT: "GOOGLE", EMAIL: "EMAIL", SMS: "SMS", WEB: "WEB" };
const statusCase = sql.raw(
  `(CASE x.bucket ${Object.entries(FINAL_AT_CLAIM)
    .map(([b, s]) => `WHEN '${b}' THEN '${s}'`)
    .join(" ")} ELSE 'SENDING' END)::"DeliveryStatus"`,
);
const channelCase = sql.raw(
  `(CASE x.bucket ${Object.entries(CHANNEL)
    .map(([b, c]) => `WHEN '${b}' THEN '${c}'`)
    .join(" ")} END)::"MessageChannel"`,
);

/** The facts a claimed delivery is sent with: its customer, card and program (joined to deliveries `d`). */
const facts = (orgId: string) => ({
  columns: sql`c.name, c.email, c.phone, c.locale, k.serial, k."webToken", k."stampCount", p."stampsRequired", p."rewardText"`,
  joins: sql`JOIN "Customer" c ON c.id = d."customerId" AND c."organizationId" = ${orgId}
    LEFT JOIN "Card" k ON k.id = d."cardId" AND k."organizationId" = ${orgId}
    LEFT JOIN "CardProgram" p ON p.id = k."programId" AND p."organizationId" = ${orgId}`,
});

type Texts = { campaign: Map<string, MessageTexts>; automation: Map<AutomationKind, MessageTexts> | null };

async function textsFor(sql_: TenantSql, orgId: string, rows: Claimed[], texts: Texts): Promise<void> {
  const campaigns = [...new Set(rows.map((r) => r.campaignId).filter((id): id is string => !!id && !texts.campaign.has(id)))];
  if (campaigns.length) {
    const found = await sql_<MessageTexts & { id: string }>(
      `SELECT id, "titleNl", "titleEn", "bodyNl", "bodyEn", link FROM "Campaign" WHERE "organizationId" = $1 AND id = ANY($2::text[])`,
      [orgId, campaigns],
    );
    for (const c of found) texts.campaign.set(c.id, c);
  }
  if (!texts.automation && rows.some((r) => r.automation)) texts.automation = await automationTexts(sql_, orgId);
}

/** The message as this customer reads it: their language (English falls back to Dutch), their name and card filled in. */
function personalize(r: Claimed, t: MessageTexts | undefined): Ready | null {
  if (!t) return null;
  const en = r.locale === "en";
  const vars = {
    name: r.name,
    reward: r.rewardText ?? "",
    stamps: r.stampCount ?? 0,
    toGo: Math.max((r.stampsRequired ?? 0) - (r.stampCount ?? 0), 0),
  };
  const template = { title: (en && t.titleEn) || t.titleNl, body: (en && t.bodyEn) || t.bodyNl };
  return { ...r, header: fillTemplate(template.title, vars), body: fillTemplate(template.body, vars), link: t.link, template, vars };
}

type Batch = { ready: Ready[]; registrations: { id: string; cardId: string; pushToken: string }[]; finished: number; broken: string[] };

/**
 * One claim transaction. `resumeAfter` set: takes up SENDING rows left by a run
 * that stopped (ids after the cursor), else claims QUEUED rows and classifies them.
 */
export async function claimBatch(
  orgId: string,
  scope: Scope,
  opts: { now?: Date; batchSize?: number; resumeAfter?: string; after?: string; texts?: Texts } = {},
): Promise<Batch & { claimed: number; lastId: string | null }> {
  const now = opts.now ?? new Date();
  const size = opts.batchSize ?? BATCH_SIZE;
  const texts = opts.texts ?? { campaign: new Map(), automation: null };
  return withTenantTransaction(orgId, async (sql_) => {
    const { columns, joins } = facts(orgId);
    let claimed: Claimed[];
    // A campaign planned seconds ago has no statistics yet: PostgreSQL expects one row for it, takes the
    // (campaignId, customerId) index and sorts all of the campaign's rows left to take the first 500
    // (100 000 rows for the first batch: 124 of a claim's 163 ms on the large seed). Without sorts it walks
    // (organizationId, campaignId, id) from the cursor and stops at the batch's size.
    await sql_("SET LOCAL enable_sort = off");
    if (opts.resumeAfter !== undefined) {
      // Taken up again: its channel is its bucket, and its message may be on the card already (written notifying or not).
      claimed = await exec<Claimed>(
        sql_,
        sql`WITH d AS (
              SELECT d.id, (CASE WHEN d.channel = 'GOOGLE' THEN 'GOOGLE' ELSE d.channel::text END) AS bucket,
                     d.channel, d."campaignId", d.automation, d.marketing, d."customerId", d."cardId"
                FROM "Delivery" d
               WHERE d."organizationId" = ${orgId} AND ${inScope(scope)} AND d.status = 'SENDING' AND d.id > ${opts.resumeAfter}
               ORDER BY d.id LIMIT ${size} FOR UPDATE SKIP LOCKED)
            SELECT d.*, ${columns}, w.notify FROM d ${joins}
              LEFT JOIN "WalletMessage" w ON w."organizationId" = ${orgId} AND w."cardId" = d."cardId" AND w.id = d.id
             ORDER BY d.id`,
      );
    } else {
      // From the run's cursor: rows before it were claimed by this run already
      // (the index on organizationId, campaignId, id reads only what is left).
      // Classified, marked and returned with the facts it is sent with, in one statement.
      const picked = sql`SELECT d.id AS delivery_id, d."customerId" AS customer_id, d.marketing FROM "Delivery" d
         WHERE d."organizationId" = ${orgId} AND ${inScope(scope)} AND d.id > ${opts.after ?? ""} AND d.status = 'QUEUED'
         ORDER BY d.id LIMIT ${size} FOR UPDATE SKIP LOCKED`;
      claimed = await exec<Claimed>(
        sql_,
        sql`WITH ${classify(orgId, picked, now, { perRow: true })},
          d AS (
            UPDATE "Delivery" d SET status = ${statusCase}, channel = ${channelCase}, "cardId" = x.card_id,
                   "deliveredAt" = CASE WHEN x.bucket = 'WEB' THEN ${utc(now)} END,
                   "bonusStamps" = CASE WHEN x.bucket IN ('NO_CONSENT', 'CAPPED', 'NONE') THEN 0 ELSE d."bonusStamps" END
              FROM classified x WHERE d.id = x.delivery_id AND d."organizationId" = ${orgId}
            RETURNING d.id, x.bucket, d.channel, d."campaignId", d.automation, d.marketing, d."customerId", d."cardId")
          SELECT d.*, ${columns}, NULL::boolean AS notify FROM d ${joins} ORDER BY d.id`,
      );
    }
    await sql_("SET LOCAL enable_sort = on");
    const lastId = claimed.length ? claimed[claimed.length - 1].id : null;
    const rows = claimed.filter((b) => !FINAL_AT_CLAIM[b.bucket] || b.bucket === "WEB");
    await textsFor(sql_, orgId, rows, texts);
    const ready: Ready[] = [];
    const broken: string[] = [];
    for (const r of rows) {
      const t = r.campaignId ? texts.campaign.get(r.campaignId) : texts.automation?.get(r.automation!);
      const p = personalize(r.channel === "GOOGLE" && r.notify === false ? { ...r, bucket: "GOOGLE_SILENT" } : r, t);
      if (p) ready.push(p);
      else broken.push(r.id);
    }
    // The message on the card: the web card and both passes show the newest one.
    const onCard = ready.filter((r) => r.cardId);
    if (onCard.length) {
      await sql_(
        `INSERT INTO "WalletMessage" (id, "organizationId", "cardId", header, body, link, "deliveryId", notify, "createdAt", "deliveredAt")
         SELECT u.id, $1, u.card_id, u.header, u.body, u.link, u.id, u.notify, $2::timestamptz AT TIME ZONE 'UTC', CASE WHEN u.web THEN $2::timestamptz AT TIME ZONE 'UTC' END
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::boolean[]) AS u(id, card_id, header, body, link, notify, web)
         ON CONFLICT (id) DO NOTHING`,
        [
          orgId,
          now.toISOString(),
          onCard.map((r) => r.id),
          onCard.map((r) => r.cardId),
          onCard.map((r) => r.header),
          onCard.map((r) => r.body),
          onCard.map((r) => r.link),
          onCard.map((r) => r.bucket === "GOOGLE"),
          onCard.map((r) => r.bucket === "WEB"),
        ],
      );
    }
    const appleCards = [...new Set(ready.filter((r) => r.bucket === "APPLE").map((r) => r.cardId!))];
    let registrations: Batch["registrations"] = [];
    if (appleCards.length) {
      // The pass's message field changed: a new Last-Modified, then the push (below).
      await sql_(`UPDATE "Card" SET ${PASS_CHANGED} WHERE "organizationId" = $1 AND id = ANY($2::text[])`, [orgId, appleCards]);
      registrations = await sql_<Batch["registrations"][number]>(
        `SELECT id, "cardId", "pushToken" FROM "PassRegistration" WHERE "organizationId" = $1 AND "cardId" = ANY($2::text[]) AND "unregisteredAt" IS NULL`,
        [orgId, appleCards],
      );
    }
    return {
      ready: ready.filter((r) => r.bucket !== "WEB"),
      registrations,
      finished: claimed.length - rows.length + ready.filter((r) => r.bucket === "WEB").length,
      broken,
      claimed: claimed.length,
      lastId,
    };
  });
}

// ---------------------------------------------------------------- delivering

type Outcome = { status: DeliveryStatus; error: string | null; notify: boolean };
const KEEP = (error: string): Outcome => ({ status: "SENDING", error, notify: false });
const FAIL = (error: string): Outcome => ({ status: "FAILED", error: error.slice(0, 500), notify: false });

async function deliverApple(orgId: string, rows: Ready[], registrations: Batch["registrations"], out: Map<string, Outcome>) {
  if (!rows.length) return;
  const client = apnsClient();
  if (!client) {
    for (const r of rows) out.set(r.id, FAIL("APNs not configured (APNS_URL)"));
    return;
  }
  const tokens = [...new Set(registrations.map((r) => r.pushToken))];
  const outcomes = new Map((await client.pushMany(tokens)).map((o) => [o.token, o]));
  const dead = registrations.filter((r) => {
    const o = outcomes.get(r.pushToken);
    return o?.status === 410 || (o?.status === 400 && o.reason === "BadDeviceToken");
  });
  if (dead.length) await withTenantTransaction(orgId, (sql_) => closeRegistrations(sql_, orgId, "apns", { ids: dead.map((r) => r.id) }));
  const byCard = new Map<string, Batch["registrations"]>();
  for (const r of registrations) byCard.set(r.cardId, [...(byCard.get(r.cardId) ?? []), r]);
  for (const r of rows) {
    const results = (byCard.get(r.cardId!) ?? []).map((x) => outcomes.get(x.pushToken)!);
    if (results.some((o) => o.status === 200)) out.set(r.id, { status: "DELIVERED", error: null, notify: true });
    else if (results.some(retryable)) out.set(r.id, KEEP(`APNs ${results.find(retryable)!.status || "unreachable"}`));
    else out.set(r.id, FAIL(results.length ? `APNs ${results[0].status} ${results[0].reason ?? ""}`.trim() : "no device has the pass any more"));
  }
}

async function deliverGoogle(orgId: string, rows: Ready[], out: Map<string, Outcome>) {
  if (!rows.length) return;
  const config = googleConfig();
  if (!config) {
    for (const r of rows) out.set(r.id, FAIL("Google Wallet not configured"));
    return;
  }
  await inLanes(rows, GOOGLE_LANES, async (r) => {
    try {
      const { notify } = await addGoogleMessage(
        config,
        orgId,
        { cardId: r.cardId!, serial: r.serial! },
        { id: r.id, header: r.header, body: r.body },
        r.bucket === "GOOGLE",
      );
      out.set(r.id, { status: notify ? "DELIVERED" : "SILENT", error: null, notify });
    } catch (e) {
      out.set(r.id, e instanceof GoogleUnavailable ? KEEP((e as Error).message) : FAIL((e as Error).message));
    }
  });
}

async function deliverEmail(orgId: string, merchant: string, rows: Ready[], out: Map<string, Outcome>, emails: ReturnType<typeof templatedEmails>) {
  const items = rows
    .filter((r) => r.email)
    .map((r) => ({
      id: r.id,
      build: () =>
        emails({
          to: r.email!,
          locale: r.locale === "en" ? ("en" as const) : ("nl" as const),
          merchant,
          template: r.template,
          vars: r.vars,
          link: r.link,
          cardUrl: cardUrl(r.webToken!),
          unsubscribeUrl: r.marketing ? unsubscribeUrl(orgId, r.customerId) : null,
        }),
    }));
  // The outbox unreachable: every email of the batch stays SENDING for the next run.
  const results = await sendEmailsOnce(items, EMAIL_LANES).catch((e: Error) => e);
  for (const r of rows) {
    const x = results instanceof Error ? results : results.get(r.id);
    if (!r.email) out.set(r.id, FAIL("no email address"));
    else out.set(r.id, x instanceof Error ? KEEP(x.message) : { status: "DELIVERED", error: null, notify: false });
  }
}

async function deliverSms(rows: Ready[], out: Map<string, Outcome>) {
  await inLanes(rows, EMAIL_LANES, async (r) => {
    if (!r.phone) return void out.set(r.id, FAIL("no phone number"));
    try {
      await sendSms(r.phone, [r.header, r.body, r.link].filter(Boolean).join("\n"));
      out.set(r.id, { status: "DELIVERED", error: null, notify: false });
    } catch (e) {
      // Not retried: a provider that took it but answered badly would send it twice.
      out.set(r.id, FAIL((e as Error).message));
    }
  });
}

/** Delivers a claimed batch and records every outcome in one UPDATE; returns the rows left to retry. */
export async function deliverBatch(
  orgId: string,
  merchant: string,
  batch: Batch,
  emails = templatedEmails(),
): Promise<{ counts: Partial<Record<DeliveryStatus, number>>; retry: number }> {
  const out = new Map<string, Outcome>();
  for (const id of batch.broken) out.set(id, FAIL("message texts missing"));
  const by = (c: MessageChannel) => batch.ready.filter((r) => r.channel === c);
  await Promise.all([
    deliverApple(orgId, by("APPLE"), batch.registrations, out),
    deliverGoogle(orgId, by("GOOGLE"), out),
    deliverEmail(orgId, merchant, by("EMAIL"), out, emails),
    deliverSms(by("SMS"), out),
  ]);
  const ids = [...out.keys()];
  if (ids.length) {
    const o = ids.map((id) => out.get(id)!);
    await withTenantTransaction(orgId, (sql_) =>
      sql_(
        `WITH u AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[]) AS u(id, status, error, notify)),
              d AS (
                UPDATE "Delivery" d SET status = u.status::"DeliveryStatus", error = u.error,
                       "deliveredAt" = CASE WHEN u.status IN ('DELIVERED', 'SILENT') THEN now() AT TIME ZONE 'UTC' END,
                       "bonusStamps" = CASE WHEN u.status = 'FAILED' THEN 0 ELSE d."bonusStamps" END
                  FROM u WHERE d."organizationId" = $1 AND d.id = u.id RETURNING d.id, d."cardId")
         UPDATE "WalletMessage" w SET "deliveredAt" = now() AT TIME ZONE 'UTC', notify = u.notify
           FROM u JOIN d ON d.id = u.id
          WHERE w."organizationId" = $1 AND w."cardId" = d."cardId" AND w.id = u.id AND u.status IN ('DELIVERED', 'SILENT')`,
        [orgId, ids, o.map((x) => x.status), o.map((x) => x.error), o.map((x) => x.notify)],
      ),
    );
  }
  const counts: Partial<Record<DeliveryStatus, number>> = {};
  for (const x of out.values()) counts[x.status] = (counts[x.status] ?? 0) + 1;
  return { counts, retry: counts.SENDING ?? 0 };
}

// ---------------------------------------------------------------- runs

export type SendRun = { batches: number; claimed: number; retry: number; done: boolean };

/**
 * Sends the scope's queued deliveries in batches: first takes up SENDING rows a
 * stopped run left, then claims QUEUED ones until none are left (`done`), the
 * time budget is spent or `maxBatches` ran (tests: a worker killed mid-campaign).
 */
export async function sendQueued(
  orgId: string,
  scope: Scope,
  opts: { now?: Date; batchSize?: number; maxBatches?: number; budgetMs?: number } = {},
): Promise<SendRun> {
  // One run per scope at a time (a second is refused with RunBusy and retried by pg-boss): the rows SENDING when a
  // run starts are then surely a stopped run's, and each claim is checked to still hold the lock.
  const key = `send:${orgId}:${"campaignId" in scope ? scope.campaignId : "automations"}`;
  return withRunLock(key, (stillHeld) => sendQueuedLocked(orgId, scope, opts, stillHeld));
}

async function sendQueuedLocked(
  orgId: string,
  scope: Scope,
  opts: { now?: Date; batchSize?: number; maxBatches?: number; budgetMs?: number },
  stillHeld: () => void,
): Promise<SendRun> {
  const started = Date.now();
  const texts: Texts = { campaign: new Map(), automation: null };
  const [org] = await withTenantTransaction(orgId, (sql_) => sql_<{ name: string }>(`SELECT name FROM "Organization" WHERE id = $1`, [orgId]));
  const merchant = org?.name ?? "";
  const run: SendRun = { batches: 0, claimed: 0, retry: 0, done: false };
  const emails = templatedEmails();
  const outOfTime = () => Date.now() - started > (opts.budgetMs ?? Infinity);
  const over = () => (opts.maxBatches !== undefined && run.batches >= opts.maxBatches) || outOfTime();
  const claim = async (more: { resumeAfter?: string; after?: string }) => {
    stillHeld();
    return claimBatch(orgId, scope, { now: opts.now, batchSize: opts.batchSize, texts, ...more });
  };
  const deliver = async (batch: Awaited<ReturnType<typeof claimBatch>>) => {
    if (batch.claimed) run.batches++;
    run.claimed += batch.claimed;
    const { retry } = await deliverBatch(orgId, merchant, batch, emails);
    run.retry += retry;
  };
  // Rows a stopped run left SENDING (this run holds the lock, so they are orphans), within the time budget too: a job
  // still running at JOBS_EXPIRE_SECONDS is failed by pg-boss and retried (refused by the lock until this one ends).
  for (let cursor = ""; ;) {
    const b = await claim({ resumeAfter: cursor });
    await deliver(b);
    if (!b.lastId || outOfTime()) break;
    cursor = b.lastId;
  }
  // Then the queued rows, in id order from a cursor: the next batch is claimed
  // (database) while DELIVERIES_IN_FLIGHT batches are delivered (network).
  let next: ReturnType<typeof claim> | null = over() ? null : claim({});
  const delivering: Promise<void>[] = [];
  try {
    while (next) {
      const b: Awaited<ReturnType<typeof claim>> = await next;
      if (!b.claimed) {
        run.done = true;
        break;
      }
      next = over() || (opts.maxBatches !== undefined && run.batches + 1 >= opts.maxBatches) ? null : claim({ after: b.lastId! });
      // A failed delivery must not leave the next claim's rejection unhandled (its rows stay SENDING: the next run takes them up).
      next?.catch(() => undefined);
      const d = deliver(b);
      d.catch(() => undefined);
      delivering.push(d);
      if (delivering.length >= DELIVERIES_IN_FLIGHT) await delivering.shift();
    }
  } finally {
    // Before the run (and its lock) ends, even on a failure: every batch handed out is delivered and recorded, and a
    // claim still running has committed. A retry starting earlier would miss that claim's rows (not yet SENDING,
    // already locked), finish without them, and leave them SENDING for good.
    await Promise.allSettled([...delivering, ...(next ? [next] : [])]);
  }
  await Promise.all(delivering);
  return run;
}

/** A campaign whose deliveries are all decided is SENT. */
async function finishCampaign(orgId: string, campaignId: string): Promise<boolean> {
  const rows = await withTenantTransaction(orgId, (sql_) =>
    sql_(
      `UPDATE "Campaign" c SET status = 'SENT', "finishedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC'
        WHERE c."organizationId" = $1 AND c.id = $2 AND c.status = 'SENDING'
          AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."campaignId" = c.id AND d.status IN ('QUEUED', 'SENDING'))
        RETURNING c.id`,
      [orgId, campaignId],
    ),
  );
  return rows.length > 0;
}

export class SendToRetry extends Error {}

/**
 * Job `campaign-send`: plans the campaign (once), sends it to the end (or
 * hands over to a new job after jobBudgetMs()), marks it SENT. Rows that met a
 * busy service stay SENDING and the job fails: pg-boss retries with backoff.
 */
export async function sendCampaign(job: CampaignSendJob, opts: { now?: Date; batchSize?: number; maxBatches?: number; budgetMs?: number } = {}) {
  const { orgId, campaignId } = job;
  const [c] = await withTenantTransaction(orgId, (sql_) =>
    sql_<{ status: string }>(`SELECT status FROM "Campaign" WHERE "organizationId" = $1 AND id = $2`, [orgId, campaignId]),
  );
  if (c?.status !== "SENDING") return { skipped: c?.status ?? "unknown" };
  const { planned } = await planCampaign(orgId, campaignId, opts.now);
  const run = await sendQueued(orgId, { campaignId }, { budgetMs: jobBudgetMs(), ...opts });
  if (run.retry) throw new SendToRetry(`campaign ${campaignId}: ${run.retry} deliveries to retry`);
  if (!run.done) {
    // Out of time (not a test's maxBatches): a fresh job continues where this one stopped.
    if (opts.maxBatches === undefined) await withTenantTransaction(orgId, (sql_) => enqueue(QUEUES.campaignSend, job, campaignId, sql_));
    return { planned, ...run };
  }
  const finished = await finishCampaign(orgId, campaignId);
  logger.info({ orgId, campaignId, planned, ...run, finished }, "campaign sent");
  return { planned, ...run, finished };
}

/** Job `messages-send`: an organization's queued automation deliveries. */
export async function sendAutomationMessages(job: MessagesSendJob, opts: { now?: Date; batchSize?: number } = {}) {
  const run = await sendQueued(job.orgId, { automations: true }, { budgetMs: jobBudgetMs(), ...opts });
  if (run.retry) throw new SendToRetry(`automations of ${job.orgId}: ${run.retry} deliveries to retry`);
  if (!run.done) await withTenantTransaction(job.orgId, (sql_) => enqueue(QUEUES.messagesSend, job, job.orgId, sql_));
  return run;
}
