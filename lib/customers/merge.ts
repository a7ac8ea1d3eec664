// Merging two cards of one program (the same person enrolled twice, e.g. a
// customer marked "mogelijk dubbel"): a manager picks the card that stays. Both
// ledgers are kept. In one transaction, with both card rows locked (in id
// order, so two merges never deadlock):
//  - a MERGE event on the surviving card adds the other's balance (its stamps
//    counted like stamps: a full card becomes a reward, lib/cards/ledger.ts);
//  - a MERGE event on the merged card takes its balance to zero;
//  - the merged card points to the survivor (Card.mergedIntoId) and can never
//    be merged or corrected again; its lifetime totals move to the survivor;
//  - both wallet passes are updated (the merged one says where the stamps went),
//    and the audit trail records it.
// Afterwards each card's counters still equal the sums of its ledger.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { applyDeltas, isValidCounters, stampDeltas, type Deltas } from "@/lib/cards/ledger";
import { AppError, fromZod } from "@/lib/errors/app-error";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { messages } from "@/lib/i18n/messages";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import type { TenantSql } from "@/lib/tenancy/tenant-sql";
import { MergeInput } from "@/lib/validation/customer-detail";
import { PASS_CHANGED, walletCardChanged } from "@/lib/wallet/card-changes";
import type { Counters } from "./correct";

type Locked = Counters & {
  id: string;
  programId: string;
  customerId: string;
  serial: string;
  erasedAt: Date | null;
  mergedIntoId: string | null;
  totalStamps: number;
  totalRedeemed: number;
  lastStampAt: Date | null;
  appleInstalls: number;
  googleInstalled: boolean;
  stampsRequired: number;
  intermediateStamp: number | null;
};

async function lockBoth(sql: TenantSql, orgId: string, ids: string[]): Promise<Locked[]> {
  return sql<Locked>(
    `SELECT c.id, c."programId", c."customerId", c.serial, c."stampCount", c."rewardsAvailable", c."intermediateAvailable", c."erasedAt",
            c."mergedIntoId", c."totalStamps", c."totalRedeemed", c."lastStampAt", c."appleInstalls", c."googleInstalled",
            p."stampsRequired", p."intermediateStamp"
       FROM "Card" c JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = c."organizationId"
      WHERE c."organizationId" = $1 AND c.id = ANY($2::text[])
      ORDER BY c.id
      FOR UPDATE OF c`,
    [orgId, [...ids].sort()],
  );
}

/** What the survivor gains: the other card's stamps as stamps, then its rewards as they are. */
export function mergeDeltas(survivor: Locked, merged: Counters): Deltas {
  const s = merged.stampCount > 0 ? stampDeltas(survivor, merged.stampCount, survivor) : { stampDelta: 0, rewardDelta: 0, intermediateDelta: 0 };
  return {
    stampDelta: s.stampDelta,
    rewardDelta: s.rewardDelta + merged.rewardsAvailable,
    intermediateDelta: s.intermediateDelta + merged.intermediateAvailable,
  };
}

export type MergeResult = { survivor: Counters & { id: string }; merged: { id: string; mergedIntoId: string } };

/** Merges `mergedCardId` into `survivorCardId`. OWNER or MANAGER; another organization's card is not found. */
export async function mergeCards(ctx: TenantContext, input: z.input<typeof MergeInput>): Promise<MergeResult> {
  requireRole(ctx, "MANAGER");
  const parsed = MergeInput.safeParse(input);
  if (!parsed.success) throw fromZod(parsed.error);
  const { survivorCardId, mergedCardId } = parsed.data;
  return tenantDb(ctx).$transaction(async (tx, sql) => {
    const rows = await lockBoth(sql, ctx.orgId, [survivorCardId, mergedCardId]);
    const survivor = rows.find((r) => r.id === survivorCardId);
    const merged = rows.find((r) => r.id === mergedCardId);
    if (!survivor || !merged) throw new AppError("NOT_FOUND");
    if (survivor.programId !== merged.programId) throw new AppError("CONFLICT", "mergeOtherProgram");
    if (survivor.erasedAt || merged.erasedAt) throw new AppError("CONFLICT", "cardErased");
    if (survivor.mergedIntoId || merged.mergedIntoId) throw new AppError("CONFLICT", "alreadyMerged");

    const gain = mergeDeltas(survivor, merged);
    const loss: Deltas = { stampDelta: -merged.stampCount, rewardDelta: -merged.rewardsAvailable, intermediateDelta: -merged.intermediateAvailable };
    const survivorNext = applyDeltas(survivor, gain);
    const mergedNext = applyDeltas(merged, loss);
    if (!isValidCounters(survivorNext) || !isValidCounters(mergedNext)) throw new AppError("CONFLICT", "invalid");

    const survivorEventId = randomUUID();
    const mergedEventId = randomUUID();
    const base = { organizationId: ctx.orgId, type: "MERGE" as const, actorUserId: ctx.userId };
    await tx.cardEvent.createMany({
      data: [
        { ...base, id: survivorEventId, cardId: survivor.id, amount: merged.stampCount, ...gain, note: `from:${merged.serial}` },
        { ...base, id: mergedEventId, cardId: merged.id, amount: -merged.stampCount, ...loss, note: `into:${survivor.serial}` },
      ],
    });
    await sql(
      `UPDATE "Card" SET "stampCount" = $3, "rewardsAvailable" = $4, "intermediateAvailable" = $5,
              "totalStamps" = "totalStamps" + $6, "totalRedeemed" = "totalRedeemed" + $7,
              "lastStampAt" = GREATEST("lastStampAt", $8::timestamp), "updatedAt" = now(), ${PASS_CHANGED}
        WHERE "organizationId" = $1 AND id = $2`,
      [
        ctx.orgId,
        survivor.id,
        survivorNext.stampCount,
        survivorNext.rewardsAvailable,
        survivorNext.intermediateAvailable,
        merged.totalStamps,
        merged.totalRedeemed,
        merged.lastStampAt,
      ],
    );
    await sql(
      `UPDATE "Card" SET "stampCount" = 0, "rewardsAvailable" = 0, "intermediateAvailable" = 0, "totalStamps" = 0, "totalRedeemed" = 0,
              "mergedIntoId" = $3, "updatedAt" = now(), ${PASS_CHANGED}
        WHERE "organizationId" = $1 AND id = $2`,
      [ctx.orgId, merged.id, survivor.id],
    );
    // The survivor's customer visited whenever either card was stamped.
    await sql(
      `UPDATE "Customer" SET "lastVisitAt" = m."lastVisitAt", "lastVisitLocationId" = m."lastVisitLocationId", "updatedAt" = now()
         FROM "Customer" m
        WHERE "Customer"."organizationId" = $1 AND "Customer".id = $2 AND m."organizationId" = $1 AND m.id = $3
          AND m."lastVisitAt" IS NOT NULL AND ("Customer"."lastVisitAt" IS NULL OR m."lastVisitAt" > "Customer"."lastVisitAt")`,
      [ctx.orgId, survivor.customerId, merged.customerId],
    );
    // The merged card's pass and web card say where its stamps went: a silent wallet message
    // (the pass shows the latest one), in the merchant's language.
    const org = await tx.organization.findFirstOrThrow({ select: { locale: true } });
    const words = (org.locale === "en" ? messages.en : messages.nl).customers.merge;
    await tx.walletMessage.create({
      data: {
        organizationId: ctx.orgId,
        cardId: merged.id,
        header: words.passHeader,
        body: words.passBody.replace("{serial}", survivor.serial),
        notify: false,
      },
    });
    await walletCardChanged(sql, ctx.orgId, survivor.id, survivor);
    await walletCardChanged(sql, ctx.orgId, merged.id, merged);
    await recordAudit(tx, ctx, {
      action: "card.merge",
      subjectType: "card",
      subjectId: survivor.id,
      details: {
        survivorCardId: survivor.id,
        survivorCustomerId: survivor.customerId,
        mergedCardId: merged.id,
        mergedCustomerId: merged.customerId,
        moved: { stampCount: merged.stampCount, rewardsAvailable: merged.rewardsAvailable, intermediateAvailable: merged.intermediateAvailable },
        events: [survivorEventId, mergedEventId],
      },
    });
    // Recorded on the merged card too, so its own trail shows it.
    await recordAudit(tx, ctx, {
      action: "card.merge",
      subjectType: "card",
      subjectId: merged.id,
      details: { survivorCardId: survivor.id, mergedCardId: merged.id },
    });
    return { survivor: { id: survivor.id, ...survivorNext }, merged: { id: merged.id, mergedIntoId: survivor.id } };
  });
}

/**
 * For the merged card's web card and pass: the card its stamps went to (its
 * number, and its web-card token so the page can link to it), or null when this
 * card was not merged. Call it pinned to the card's organization.
 */
export async function mergedInto(orgId: string, cardId: string): Promise<{ serial: string; webToken: string; programName: string } | null> {
  const t = tenantDb({ orgId });
  let id: string | null = cardId;
  // A survivor can later be merged in turn: follow the chain (a few steps at most) to the card in use.
  for (let step = 0; step < 5 && id; step++) {
    const card: { mergedIntoId: string | null; erasedAt: Date | null; serial: string; webToken: string; program: { name: string } } | null =
      await t.card.findFirst({
        where: { id },
        select: { mergedIntoId: true, erasedAt: true, serial: true, webToken: true, program: { select: { name: true } } },
      });
    if (!card) return null;
    if (step > 0 && !card.mergedIntoId) return card.erasedAt ? null : { serial: card.serial, webToken: card.webToken, programName: card.program.name };
    id = card.mergedIntoId;
  }
  return null;
}
