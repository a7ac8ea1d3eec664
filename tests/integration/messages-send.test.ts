// Issue 15: the send engine (lib/messages/send.ts, campaigns.ts, scheduler.ts)
// against the local APNs and Google Wallet stand-ins: progress counts, never
// twice per customer per campaign (also after a restart mid-campaign), the
// frequency cap across campaigns, Google's daily limit → silent, schedules in
// Europe/Amsterdam across both DST changes, cancelling, and the report with a
// holdout group's visits.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { campaignProgress, campaignReport, cancelCampaign, createCampaign } from "@/lib/messages/campaigns";
import { runMessageScheduler } from "@/lib/messages/scheduler";
import { RunBusy } from "@/lib/jobs/run-lock";
import { claimBatch, sendCampaign } from "@/lib/messages/send";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { appleConfig } from "@/lib/wallet/apple/config";
import { apnsClient } from "@/lib/wallet/apple/push-updates";
import { generateServiceAccount } from "@/lib/wallet/google/dev-service-account";
import { objectId } from "@/lib/wallet/google/objects";
import { startLocalApnsFor, type LocalApns } from "@/scripts/lib/local-apns";
import { startLocalGoogleWallet, type LocalGoogleWallet } from "@/scripts/lib/local-google-wallet";
import { errorKey, makeMerchant, type Merchant } from "./helpers";

const ISSUER = "3388000000022222222";
const sa = generateServiceAccount();
let apns: LocalApns;
let google: LocalGoogleWallet;
let m: Merchant;
const tokens = new Map<string, string>(); // cardId → push token
const DAY = 86_400_000;

beforeAll(async () => {
  apns = await startLocalApnsFor(appleConfig());
  process.env.APNS_URL = apns.url;
  google = await startLocalGoogleWallet({ issuerId: ISSUER, serviceAccountEmail: sa.json.client_email, publicKey: sa.publicKey });
  Object.assign(process.env, {
    APP_URL: "https://stempel.example.nl",
    GOOGLE_WALLET_ISSUER_ID: ISSUER,
    GOOGLE_WALLET_SERVICE_ACCOUNT: Buffer.from(JSON.stringify(sa.json)).toString("base64"),
    GOOGLE_WALLET_API_URL: google.apiUrl,
    GOOGLE_WALLET_TOKEN_URL: google.tokenUrl,
  });
  m = await makeMerchant("Verzend Koffie", { customers: 12 });
  await db().organization.update({ where: { id: m.org.id }, data: { messageCapPerWeek: 0 } });
  const passType = appleConfig().passTypeIdentifier;
  for (const h of m.histories.slice(0, 5)) {
    const token = randomBytes(32).toString("hex");
    tokens.set(h.card.id, token);
    await db().passRegistration.create({
      data: {
        organizationId: m.org.id,
        cardId: h.card.id,
        deviceLibraryIdentifier: randomBytes(8).toString("hex"),
        passTypeIdentifier: passType,
        pushToken: token,
      },
    });
    await db().card.update({ where: { id: h.card.id }, data: { appleInstalls: 1 } });
  }
  await db().card.updateMany({ where: { id: { in: m.histories.slice(5, 9).map((h) => h.card.id) } }, data: { googleInstalled: true } });
  // This Google pass already had 3 notifying messages today: the campaign reaches it silently.
  await db().walletMessage.createMany({
    data: [1, 2, 3].map((i) => ({ organizationId: m.org.id, cardId: m.histories[8].card.id, header: `Eerder ${i}`, body: "x", notify: true })),
  });
});

afterAll(async () => {
  apnsClient()?.close();
  await apns?.close();
  await google?.close();
});

const campaign = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  titleNl: "Hoi {naam}",
  titleEn: "Hi {name}",
  bodyNl: "Nog {nog} stempels tot {beloning}.",
  audience: { kind: "all" as const },
  ...extra,
});
const pushesFor = (since: number) => {
  const per = new Map<string, number>();
  for (const p of apns.pushes) if (p.at >= since) per.set(p.token, (per.get(p.token) ?? 0) + 1);
  return per;
};
/** The progress bar's counts (CampaignCount, kept by the Delivery triggers) and the deliveries counted one by one: they must agree. */
async function counts(campaignId: string) {
  const kept = await db().campaignCount.findMany({ where: { campaignId, n: { not: 0 } }, orderBy: { status: "asc" } });
  const counted = await db().delivery.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true }, orderBy: { status: "asc" } });
  return { kept: kept.map((k) => [k.status, k.n]), counted: counted.map((c) => [c.status, c._count._all]) };
}
const expectCountsAgree = async (campaignId: string) => {
  const { kept, counted } = await counts(campaignId);
  expect(kept).toEqual(counted);
};
const googleMessages = (ids: Set<string>) =>
  [...google.objects.values()].flatMap((o) => (o.messages ?? []).filter((x) => ids.has(x.id)).map((x) => ({ ...x, object: o.id as string })));

describe("sending a campaign", () => {
  it("reaches every channel once, Google over its daily limit silently, and counts the progress", async () => {
    const since = Date.now();
    const c = await createCampaign(m.ctx("MANAGER"), campaign("Herfst"));
    expect(c.status).toBe("SENDING");
    const result = await sendCampaign({ orgId: m.org.id, campaignId: c.id });
    expect(result).toMatchObject({ planned: 12, done: true, finished: true });
    const progress = await campaignProgress(m.ctx("MANAGER"), c.id);
    expect(progress).toMatchObject({ status: "SENT", total: 12, queued: 0, delivered: 11, silent: 1, failed: 0, unreachable: 0 });

    const deliveries = await db().delivery.findMany({ where: { campaignId: c.id } });
    expect(deliveries.filter((d) => d.channel === "APPLE")).toHaveLength(5);
    expect(deliveries.filter((d) => d.channel === "GOOGLE")).toHaveLength(4);
    expect(deliveries.filter((d) => d.channel === "EMAIL")).toHaveLength(3);
    // Apple: each device pushed once, its pass changed; the message is on the card, personalized.
    const pushes = pushesFor(since);
    for (const token of tokens.values()) expect(pushes.get(token)).toBe(1);
    const first = m.histories[0];
    const message = await db().walletMessage.findFirstOrThrow({ where: { cardId: first.card.id, deliveryId: { not: null } } });
    expect(message.header).toBe(`Hoi ${first.customer.name.split(" ")[0]}`);
    expect(message.body).toMatch(/^Nog \d+ stempels tot /);
    // Google: one message per pass, its id the delivery's; the 4th of the day as TEXT (silent).
    const msgs = googleMessages(new Set(deliveries.map((d) => d.id)));
    expect(msgs).toHaveLength(4);
    const silentObject = objectId({ issuerId: ISSUER }, m.histories[8].card.serial);
    expect(msgs.filter((x) => x.messageType === "TEXT").map((x) => x.object)).toEqual([silentObject]);
    // Email: through the outbox, one per delivery id.
    const outbox = await db().outboxEmail.findMany({ where: { id: { in: deliveries.map((d) => d.id) } } });
    expect(outbox).toHaveLength(3);

    // Running it again sends nothing (SENT), and planning again adds nobody.
    expect(await sendCampaign({ orgId: m.org.id, campaignId: c.id })).toEqual({ skipped: "SENT" });
    expect(await db().delivery.count({ where: { campaignId: c.id } })).toBe(12);
    expect(pushesFor(since).get(tokens.values().next().value!)).toBe(1);
  });

  it("a restart mid-campaign (stopped after 2 batches, then killed right after a claim) resumes with no duplicate", async () => {
    const since = Date.now();
    const c = await createCampaign(m.ctx("MANAGER"), campaign("Herstart"));
    const stopped = await sendCampaign({ orgId: m.org.id, campaignId: c.id }, { batchSize: 3, maxBatches: 2 });
    expect(stopped).toMatchObject({ done: false });
    const mid = await campaignProgress(m.ctx("MANAGER"), c.id);
    expect(mid.queued).toBeGreaterThan(0);
    expect(mid.delivered + mid.silent).toBeGreaterThan(0);
    await expectCountsAgree(c.id);
    // The worker dies right after committing a claim: those rows are SENDING, their message on the card, nothing sent.
    const claimed = await claimBatch(m.org.id, { campaignId: c.id }, { batchSize: 3 });
    expect(claimed.claimed).toBe(3);
    expect(await db().delivery.count({ where: { campaignId: c.id, status: "SENDING" } })).toBeGreaterThan(0);
    await expectCountsAgree(c.id);

    await sendCampaign({ orgId: m.org.id, campaignId: c.id }, { batchSize: 3 });
    const done = await campaignProgress(m.ctx("MANAGER"), c.id);
    expect(done).toMatchObject({ status: "SENT", total: 12, queued: 0, failed: 0 });
    expect(done.delivered + done.silent).toBe(12);
    await expectCountsAgree(c.id);
    const pushes = pushesFor(since);
    expect([...tokens.values()].map((t) => pushes.get(t))).toEqual([1, 1, 1, 1, 1]);
    const deliveries = await db().delivery.findMany({ where: { campaignId: c.id } });
    const msgs = googleMessages(new Set(deliveries.map((d) => d.id)));
    expect(msgs).toHaveLength(4);
    expect(new Set(msgs.map((x) => x.id)).size).toBe(4);
    expect(await db().walletMessage.count({ where: { deliveryId: { in: deliveries.map((d) => d.id) } } })).toBe(12);
  });

  it("the progress counts are kept by the database through every write: planning, sending, cancelling, a deleted delivery, a deleted campaign", async () => {
    const x = await makeMerchant("Tel Koffie", { customers: 6 });
    await db().organization.update({ where: { id: x.org.id }, data: { messageCapPerWeek: 0 } });
    const c = await createCampaign(x.ctx("MANAGER"), campaign("Tellen"));
    await sendCampaign({ orgId: x.org.id, campaignId: c.id }, { batchSize: 2, maxBatches: 1 });
    await expectCountsAgree(c.id);
    const mid = await campaignProgress(x.ctx("MANAGER"), c.id);
    expect(mid).toMatchObject({ total: 6, queued: 4 });
    // A statement that changes no status (a bonus granted) does not write the counts at all (their row versions stay).
    const versions = () => db().$queryRaw<{ v: string }[]>`SELECT xmin::text AS v FROM "CampaignCount" WHERE "campaignId" = ${c.id} ORDER BY status`;
    const before = await versions();
    await db().delivery.updateMany({ where: { campaignId: c.id }, data: { bonusGrantedAt: new Date() } });
    expect(await versions()).toEqual(before);
    await expectCountsAgree(c.id);
    // Cancelling drops what is still queued.
    await cancelCampaign(x.ctx("MANAGER"), c.id);
    await expectCountsAgree(c.id);
    expect(await campaignProgress(x.ctx("MANAGER"), c.id)).toMatchObject({ status: "CANCELLED", total: 2, queued: 0 });
    // A delivery deleted by the app's own role, held to row-level security (the trigger runs as it).
    const one = await db().delivery.findFirstOrThrow({ where: { campaignId: c.id } });
    await withTenantTransaction(x.org.id, (sql) => sql(`DELETE FROM "Delivery" WHERE "organizationId" = $1 AND id = $2`, [x.org.id, one.id]));
    await expectCountsAgree(c.id);
    expect((await campaignProgress(x.ctx("MANAGER"), c.id)).total).toBe(1);
    // Deleting the campaign takes its deliveries and its counts (the trigger's DELETE only lowers counts, so it
    // does not write a count for the campaign being deleted).
    await db().campaign.delete({ where: { id: c.id } });
    expect(await db().campaignCount.count({ where: { campaignId: c.id } })).toBe(0);
  });

  it("resuming a stopped run's rows keeps to the time budget (a job outliving JOBS_EXPIRE_SECONDS would run twice at once)", async () => {
    const c = await createCampaign(m.ctx("MANAGER"), campaign("Budget"));
    await sendCampaign({ orgId: m.org.id, campaignId: c.id }, { maxBatches: 0 });
    // A killed run left two claimed batches.
    for (let i = 0; i < 2; i++) expect((await claimBatch(m.org.id, { campaignId: c.id }, { batchSize: 3 })).claimed).toBe(3);
    const out = await sendCampaign({ orgId: m.org.id, campaignId: c.id }, { batchSize: 3, budgetMs: 0 });
    expect(out).toMatchObject({ done: false, batches: 1 });
    expect(await db().delivery.count({ where: { campaignId: c.id, status: "SENDING" } })).toBe(3);
    await sendCampaign({ orgId: m.org.id, campaignId: c.id }, { batchSize: 3 });
    expect(await campaignProgress(m.ctx("MANAGER"), c.id)).toMatchObject({ status: "SENT", total: 12, queued: 0, failed: 0 });
  });

  it("a second run of a campaign while the first still sends (pg-boss took the first for dead) is refused: nothing sent twice", async () => {
    const since = Date.now();
    const c = await createCampaign(m.ctx("MANAGER"), campaign("Dubbel"));
    apns.delayMs = 400;
    try {
      const first = sendCampaign({ orgId: m.org.id, campaignId: c.id }, { batchSize: 2 });
      // The second starts while the first has claimed rows it is still delivering (pushes answered late).
      await expect.poll(() => db().delivery.count({ where: { campaignId: c.id, status: "SENDING", channel: "APPLE" } }), { interval: 10 }).toBeGreaterThan(0);
      const second = await sendCampaign({ orgId: m.org.id, campaignId: c.id }, { batchSize: 2 }).then(
        (r) => r,
        (e: Error) => e,
      );
      expect(second).toBeInstanceOf(RunBusy);
      expect(await first).toMatchObject({ done: true, finished: true });
    } finally {
      apns.delayMs = 0;
    }
    const pushes = pushesFor(since);
    expect([...tokens.values()].map((t) => pushes.get(t))).toEqual([1, 1, 1, 1, 1]);
    expect(await campaignProgress(m.ctx("MANAGER"), c.id)).toMatchObject({ status: "SENT", total: 12, queued: 0, failed: 0 });
  });

  it("the frequency cap counts across campaigns: over it, a customer is left out", async () => {
    const x = await makeMerchant("Cap Koffie", { customers: 4 });
    await db().organization.update({ where: { id: x.org.id }, data: { messageCapPerWeek: 1 } });
    const a = await createCampaign(x.ctx("MANAGER"), campaign("Eerste"));
    await sendCampaign({ orgId: x.org.id, campaignId: a.id });
    expect(await campaignProgress(x.ctx("MANAGER"), a.id)).toMatchObject({ delivered: 4, capped: 0 });
    const b = await createCampaign(x.ctx("MANAGER"), campaign("Tweede"));
    await sendCampaign({ orgId: x.org.id, campaignId: b.id });
    expect(await campaignProgress(x.ctx("MANAGER"), b.id)).toMatchObject({ status: "SENT", delivered: 0, capped: 4, unreachable: 4 });
    // A week later they may hear from the merchant again.
    await db().delivery.updateMany({ where: { campaignId: a.id }, data: { createdAt: new Date(Date.now() - 8 * DAY) } });
    const c = await createCampaign(x.ctx("MANAGER"), campaign("Derde"));
    await sendCampaign({ orgId: x.org.id, campaignId: c.id });
    expect(await campaignProgress(x.ctx("MANAGER"), c.id)).toMatchObject({ delivered: 4, capped: 0 });
  });

  it("the report compares recipients' visits with the holdout group's", async () => {
    const x = await makeMerchant("Holdout Koffie", { customers: 20 });
    await db().organization.update({ where: { id: x.org.id }, data: { messageCapPerWeek: 0 } });
    const c = await createCampaign(x.ctx("MANAGER"), campaign("Meten", { holdoutPercent: 50 }));
    await sendCampaign({ orgId: x.org.id, campaignId: c.id });
    const deliveries = await db().delivery.findMany({ where: { campaignId: c.id }, orderBy: { id: "asc" } });
    const held = deliveries.filter((d) => d.status === "HOLDOUT");
    const sent = deliveries.filter((d) => d.status === "DELIVERED");
    expect(held.length).toBeGreaterThan(2);
    expect(sent.length).toBeGreaterThan(2);
    expect(held.length + sent.length).toBe(20);
    expect(held.every((d) => d.bonusStamps === 0)).toBe(true);
    const started = (await db().campaign.findUniqueOrThrow({ where: { id: c.id } })).startedAt!;
    // makeMerchant's histories run into the future for its later customers: only the visits below count.
    await db().visit.deleteMany({ where: { organizationId: x.org.id, day: { gte: new Date(started.getTime() - DAY) } } });
    const visit = async (customerId: string, days: number) => {
      const at = new Date(started.getTime() + days * DAY);
      await db().visit.create({ data: { organizationId: x.org.id, customerId, day: at, firstAt: at, hour: at.getUTCHours(), stamps: 1 } });
    };
    await visit(sent[0].customerId, 2);
    await visit(sent[1].customerId, 10);
    await visit(held[0].customerId, 3);
    await visit(held[1].customerId, 20);
    const report = await campaignReport(x.ctx("MANAGER"), c.id, new Date(started.getTime() + 15 * DAY));
    expect(report.visits.recipients).toMatchObject({ size: sent.length, visited7: 1, visited14: 2 });
    expect(report.visits.holdout).toMatchObject({ size: held.length, visited7: 1, visited14: 1 });
    expect(report.visits.complete14).toBe(true);
    expect(report.byChannel.EMAIL?.DELIVERED).toBe(sent.length);
    expect(report.progress).toMatchObject({ delivered: sent.length, holdout: held.length });
  });
});

describe("scheduling", () => {
  const scheduled = async (local: string, now: Date) => createCampaign(m.ctx("MANAGER"), campaign(`Gepland ${local}`, { scheduleAt: local }), now);

  it("a local time in Europe/Amsterdam becomes the right instant across both DST changes, and starts then", async () => {
    const before = new Date("2026-10-01T00:00:00Z");
    // Summer time (UTC+2) the day before the change, winter time (UTC+1) after it.
    expect((await scheduled("2026-10-24T12:00", before)).scheduledAt).toEqual(new Date("2026-10-24T10:00:00Z"));
    expect((await scheduled("2026-10-26T12:00", before)).scheduledAt).toEqual(new Date("2026-10-26T11:00:00Z"));
    // 02:30 on 25 October happens twice: PostgreSQL takes the second (winter time).
    const autumn = await scheduled("2026-10-25T02:30", before);
    expect(autumn.scheduledAt).toEqual(new Date("2026-10-25T01:30:00Z"));
    // 02:30 on 28 March 2027 does not exist (02:00 → 03:00): it is read as 03:30 summer time.
    expect((await scheduled("2027-03-28T02:30", before)).scheduledAt).toEqual(new Date("2027-03-28T01:30:00Z"));
    expect((await scheduled("2027-03-28T03:30", before)).scheduledAt).toEqual(new Date("2027-03-28T01:30:00Z"));

    const status = async () => (await db().campaign.findUniqueOrThrow({ where: { id: autumn.id } })).status;
    await runMessageScheduler(new Date("2026-10-25T01:29:00Z"));
    expect(await status()).toBe("SCHEDULED");
    const run = await runMessageScheduler(new Date("2026-10-25T01:30:00Z"));
    expect(await status()).toBe("SENDING");
    // Running the scheduler again starts nothing twice.
    const again = await runMessageScheduler(new Date("2026-10-25T01:30:00Z"));
    expect(run.campaignsStarted).toBeGreaterThanOrEqual(1);
    expect(again.campaignsStarted).toBe(0);
  });

  it("refuses a time in the past or a bonus day already over; cancels a scheduled campaign once", async () => {
    const now = new Date("2026-11-20T12:00:00Z");
    expect(await errorKey(scheduled("2026-11-20T12:59", now))).toBe("scheduleInPast"); // 11:59 UTC
    expect(await errorKey(createCampaign(m.ctx("MANAGER"), campaign("Bonus", { bonusStamps: 1, bonusUntilDay: "2026-11-19" }), now))).toBe("bonusDayInPast");
    const ok = await createCampaign(m.ctx("MANAGER"), campaign("Bonus", { bonusStamps: 1, bonusUntilDay: "2026-11-20", scheduleAt: "2026-11-20T14:00" }), now);
    const row = await db().campaign.findUniqueOrThrow({ where: { id: ok.id } });
    expect(row.bonusUntil).toEqual(new Date("2026-11-20T23:00:00Z")); // end of that day in Amsterdam
    expect(await cancelCampaign(m.ctx("MANAGER"), ok.id)).toEqual({ status: "CANCELLED" });
    expect(await errorKey(cancelCampaign(m.ctx("MANAGER"), ok.id))).toBe("campaignNotCancellable");
    expect(await errorKey(createCampaign(m.ctx("STAFF"), campaign("Staf")))).toBe("FORBIDDEN");
  });

  it("cancelling a campaign while it sends drops what is still queued", async () => {
    const c = await createCampaign(m.ctx("MANAGER"), campaign("Stop"));
    await sendCampaign({ orgId: m.org.id, campaignId: c.id }, { batchSize: 4, maxBatches: 1 });
    await cancelCampaign(m.ctx("MANAGER"), c.id);
    expect(await sendCampaign({ orgId: m.org.id, campaignId: c.id })).toEqual({ skipped: "CANCELLED" });
    expect(await db().delivery.count({ where: { campaignId: c.id, status: "QUEUED" } })).toBe(0);
    expect(await db().delivery.count({ where: { campaignId: c.id } })).toBe(4);
  });
});
