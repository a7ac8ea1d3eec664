// A manager's manual correction of a card's balance (dashboard → Klanten → a
// customer → Saldo corrigeren): stamps, rewards or intermediate rewards added or
// taken off, with a required reason. Never an edit of history: one ADJUST event
// in the ledger carries the deltas, and the counters move with it in the same
// transaction, under the card's row lock (a tablet stamping the same card at the
// same moment waits, and both count). Counters never go negative (409, and a
// CHECK constraint behind it). Added stamps count like stamps: a full card turns
// into a reward (lib/cards/ledger.ts). The wallets follow like after any change
// (lib/wallet/card-changes.ts), and the audit trail records who did it and why.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { applyDeltas, isValidCounters, stampDeltas, type Deltas } from "@/lib/cards/ledger";
import { AppError, fromZod } from "@/lib/errors/app-error";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { CorrectionInput } from "@/lib/validation/customer-detail";
import { PASS_CHANGED, walletCardChanged } from "@/lib/wallet/card-changes";

export type Counters = { stampCount: number; rewardsAvailable: number; intermediateAvailable: number };
export type CorrectionResult = { eventId: string; replayed: boolean; card: Counters };

type LockedCard = Counters & {
  id: string;
  customerId: string;
  erasedAt: Date | null;
  mergedIntoId: string | null;
  appleInstalls: number;
  googleInstalled: boolean;
  stampsRequired: number;
  intermediateStamp: number | null;
};

/** Locks one of the organization's cards (FOR UPDATE) with what a balance change needs; null when there is none. */
export async function lockCard(sql: TenantSql, orgId: string, cardId: string): Promise<LockedCard | null> {
  const [card] = await sql<LockedCard>(
    `SELECT c.id, c."customerId", c."stampCount", c."rewardsAvailable", c."intermediateAvailable", c."erasedAt", c."mergedIntoId",
            c."appleInstalls", c."googleInstalled", p."stampsRequired", p."intermediateStamp"
       FROM "Card" c JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = c."organizationId"
      WHERE c."organizationId" = $1 AND c.id = $2
      FOR UPDATE OF c`,
    [orgId, cardId],
  );
  return card ?? null;
}

/** The deltas of a correction on `card`: added stamps go through the stamp arithmetic, the rest as asked. */
export function correctionDeltas(
  card: Counters & { stampsRequired: number; intermediateStamp: number | null },
  c: Pick<CorrectionInput, "stamps" | "rewards" | "intermediate">,
): Deltas {
  const fromStamps = c.stamps > 0 ? stampDeltas(card, c.stamps, card) : { stampDelta: c.stamps, rewardDelta: 0, intermediateDelta: 0 };
  return {
    stampDelta: fromStamps.stampDelta,
    rewardDelta: fromStamps.rewardDelta + c.rewards,
    intermediateDelta: fromStamps.intermediateDelta + c.intermediate,
  };
}

/** Applies a manual correction. OWNER or MANAGER; another organization's card is not found. */
export async function correctBalance(ctx: TenantContext, input: z.input<typeof CorrectionInput>): Promise<CorrectionResult> {
  requireRole(ctx, "MANAGER");
  const parsed = CorrectionInput.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const c = parsed.data;
  const idempotencyKey = c.requestId ? `adjust:${c.requestId}` : null;
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    const card = await lockCard(sql, ctx.orgId, c.cardId);
    if (!card) throw new AppError("NOT_FOUND");
    if (card.erasedAt) throw new AppError("CONFLICT", "cardErased");
    if (card.mergedIntoId) throw new AppError("CONFLICT", "cardMerged");
    if (idempotencyKey) {
      // The same form sent twice: the first one counted (the lock serializes them).
      const earlier = await tx.cardEvent.findFirst({ where: { idempotencyKey }, select: { id: true, cardId: true } });
      if (earlier) {
        if (earlier.cardId !== card.id) throw new AppError("CONFLICT", "invalid");
        return { eventId: earlier.id, replayed: true, card: pick(card) };
      }
    }
    const deltas = correctionDeltas(card, c);
    const next = applyDeltas(card, deltas);
    if (!isValidCounters(next)) throw new AppError("CONFLICT", "correctionNegative", { stamps: ["correctionNegative"] });
    const eventId = randomUUID();
    await tx.cardEvent.create({
      data: {
        id: eventId,
        organizationId: ctx.orgId,
        cardId: card.id,
        type: "ADJUST",
        amount: c.stamps,
        ...deltas,
        actorUserId: ctx.userId,
        note: c.reason,
        idempotencyKey,
      },
    });
    // Lifetime stamps follow stamps added or taken off (never below zero).
    await sql(
      `UPDATE "Card" SET "stampCount" = $3, "rewardsAvailable" = $4, "intermediateAvailable" = $5,
              "totalStamps" = GREATEST(0, "totalStamps" + $6), "updatedAt" = now(), ${PASS_CHANGED}
        WHERE "organizationId" = $1 AND id = $2`,
      [ctx.orgId, card.id, next.stampCount, next.rewardsAvailable, next.intermediateAvailable, c.stamps],
    );
    await walletCardChanged(sql, ctx.orgId, card.id, card);
    await recordAudit(tx, ctx, {
      action: "card.adjust",
      subjectType: "card",
      subjectId: card.id,
      details: {
        customerId: card.customerId,
        eventId,
        stamps: c.stamps,
        rewards: c.rewards,
        intermediate: c.intermediate,
        reason: c.reason,
        before: pick(card),
        after: next,
      },
    });
    return { eventId, replayed: false, card: next };
  });
}

const pick = (c: Counters): Counters => ({ stampCount: c.stampCount, rewardsAvailable: c.rewardsAvailable, intermediateAvailable: c.intermediateAvailable });
