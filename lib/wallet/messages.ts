// Messages to card holders' wallet passes (the campaigns feature sends through
// here). Apple: the pass's "message" back field changes, with "%@" as its
// changeMessage, so the lock screen shows it after the push. Google: addMessage
// on the object; Google allows 3 notifying messages per pass per 24 hours — we
// count what we sent, within the budget a message notifies (TEXT_AND_NOTIFY),
// beyond it it is added silently (TEXT). `previewMessage` tells the merchant
// before sending.
import { randomUUID } from "node:crypto";
import { enqueue, QUEUES, type MessageJob } from "@/lib/jobs/queue";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { run, sqlb } from "@/lib/db/sql";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { WalletMessageRequest } from "@/lib/validation/wallet-message";
import { PASS_CHANGED } from "@/lib/wallet/card-changes";
import { passByCardId } from "@/lib/wallet/pass-source";
import { GoogleRefused, walletApi } from "./google/api";
import { googleConfig, type GoogleConfig } from "./google/config";
import { objectId } from "./google/objects";
import { upsertObject } from "./google/sync";
import type { z } from "zod";
import { EntityId } from "@/lib/validation/ids";

export const NOTIFYING_MESSAGES_PER_DAY = 3;

/** Cards with a wallet pass; Apple passes (always notified); Google passes with and without a notification. */
export type MessagePlan = { cards: number; apple: number; notify: number; silent: number };

type Target = { cardId: string; apple: boolean; google: boolean; notify: boolean };

/** Per card with a wallet pass in the program: which wallets, and may Google still notify? */
async function plan(ctx: TenantContext, rawProgramId: string, now: Date): Promise<Target[]> {
  const programId = EntityId.parse(rawProgramId);
  const t = tenantDb(ctx);
  const cards = await t.card.findMany({
    where: { programId, erasedAt: null, OR: [{ googleInstalled: true }, { appleInstalls: { gt: 0 } }] },
    select: { id: true, appleInstalls: true, googleInstalled: true },
  });
  const recent = await t.walletMessage.groupBy({
    by: ["cardId"],
    where: { cardId: { in: cards.map((c) => c.id) }, notify: true, createdAt: { gte: new Date(now.getTime() - 24 * 3600 * 1000) } },
    _count: { _all: true },
  });
  const used = new Map(recent.map((r) => [r.cardId, r._count._all]));
  return cards.map((c) => ({
    cardId: c.id,
    apple: c.appleInstalls > 0,
    google: c.googleInstalled,
    notify: c.googleInstalled && (used.get(c.id) ?? 0) < NOTIFYING_MESSAGES_PER_DAY,
  }));
}

const summary = (p: Target[]): MessagePlan => ({
  cards: p.length,
  apple: p.filter((x) => x.apple).length,
  notify: p.filter((x) => x.google && x.notify).length,
  silent: p.filter((x) => x.google && !x.notify).length,
});

/** What sending now would do: how many passes get a notification and how many only a silent message. */
export async function previewMessage(ctx: TenantContext, programId: string, now = new Date()): Promise<MessagePlan> {
  requireRole(ctx, "MANAGER");
  return summary(await plan(ctx, programId, now));
}

/** Records one message per card with a wallet pass in the program and queues its delivery, in one transaction. */
export async function sendMessage(ctx: TenantContext, programId: string, input: z.input<typeof WalletMessageRequest>, now = new Date()): Promise<MessagePlan> {
  requireRole(ctx, "MANAGER");
  const { header, body } = WalletMessageRequest.parse(input);
  const p = await plan(ctx, programId, now);
  await withTenantTransaction(ctx.orgId, async (sql) => {
    for (const { cardId, apple, google, notify } of p) {
      const messageId = randomUUID();
      await run(
        sql,
        sqlb.insertInto("WalletMessage").values({ id: messageId, organizationId: ctx.orgId, cardId, header, body, notify, createdAt: now.toISOString() }),
      );
      if (google) await enqueue(QUEUES.googleMessage, { orgId: ctx.orgId, cardId, messageId }, messageId, sql);
      if (apple) {
        // The pass shows the newest message: it changed, so push it.
        await sql(`UPDATE "Card" SET ${PASS_CHANGED} WHERE id = $1 AND "organizationId" = $2`, [cardId, ctx.orgId]);
        await enqueue(QUEUES.appleCard, { orgId: ctx.orgId, cardId }, cardId, sql);
      }
    }
  });
  return summary(p);
}

/**
 * Adds one message to a card's Google object (the message id makes it
 * idempotent: Google answers 409 for an id it has, which counts as done). An
 * object Google does not have yet is written first. Over the daily notification
 * budget (429 quota) it is added silently. Shared by the old per-card job below
 * and the campaign sender (lib/messages/send.ts).
 */
export async function addGoogleMessage(
  config: GoogleConfig,
  orgId: string,
  card: { cardId: string; serial: string },
  message: { id: string; header: string; body: string },
  notify: boolean,
): Promise<{ notify: boolean }> {
  const api = walletApi(config);
  const id = objectId(config, card.serial);
  const add = (n: boolean) =>
    api.addMessage(id, message, n).catch(async (e: unknown) => {
      if (e instanceof GoogleRefused && e.status === 409) return "sent" as const;
      // Google does not have the object (yet): write it, then add the message.
      if (!(e instanceof GoogleRefused && e.status === 404)) throw e;
      const s = await passByCardId(orgId, card.cardId);
      if (!s) throw e;
      await upsertObject(api, s, config);
      return api.addMessage(id, message, n);
    });
  if ((await add(notify)) === "quota") {
    await add(false);
    return { notify: false };
  }
  return { notify };
}

/** Job: add the message to the card's object (falls back to silent if Google says the quota is used). */
export async function deliverMessage({ orgId, cardId, messageId }: MessageJob) {
  const config = googleConfig();
  if (!config) return { skipped: "not configured" };
  const t = tenantDb({ orgId });
  const message = await t.walletMessage.findFirst({ where: { id: messageId, cardId } });
  if (!message || message.deliveredAt) return { skipped: "unknown or delivered" };
  const s = await passByCardId(orgId, cardId);
  if (!s) return { skipped: "no such card" };
  const { notify } = await addGoogleMessage(
    config,
    orgId,
    { cardId, serial: s.serial },
    { id: message.id, header: message.header, body: message.body },
    message.notify,
  );
  await t.walletMessage.updateMany({ where: { id: message.id }, data: { deliveredAt: new Date(), notify } });
  return { notify };
}
