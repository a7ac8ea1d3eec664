// The hot path: stamp, redeem or undo on one card, in one short transaction.
//  - The card row is locked first (UPDATE … RETURNING), so two tablets stamping
//    the same card serialize and both count; counters are computed from the
//    locked row and written back in the same transaction as the ledger event.
//  - The tablet's idempotency key is unique per organization: a replay (or a
//    retry racing the original) returns the original event's answer.
//  - Fraud rules are checked here, on the server, against the locked state.
//  - Nothing deferrable happens inline (wallet pushes etc. come from the ledger later).
import { AppError } from "@/lib/errors/app-error";
import { Prisma } from "@/lib/generated/prisma/client";
import { applyDeltas, isValidCounters, redeemDeltas, stampDeltas, type Deltas } from "@/lib/cards/ledger";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { CardActionRequest } from "@/lib/validation/stamping";
import type { TabletPrincipal } from "./devices";
import { startOfLocalDay } from "./local-day";
import { pinHash } from "./pin";
import { checkStamp, type Blocked } from "./rules";

const MAX_OFFLINE_AGE_MS = 24 * 3600 * 1000;
// A burst on one card queues on its row lock; wait for a pooled connection
// rather than failing a barista's tap after Prisma's 2 s default.
const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 };

export type CardActionResult = {
  eventId: string;
  kind: "STAMP" | "REDEEM" | "UNDO";
  replayed: boolean;
  card: { serial: string; stampCount: number; rewardsAvailable: number; intermediateAvailable: number };
};

export class RuleBlocked extends AppError {
  constructor(readonly blocked: Blocked) {
    super("CONFLICT", `rule.${blocked.rule}`);
  }
}

export async function applyCardAction(p: TabletPrincipal, input: unknown, now = new Date()): Promise<CardActionResult> {
  const req = CardActionRequest.parse(input);
  const t = tenantDb({ orgId: p.orgId });
  const replay = async (): Promise<CardActionResult | null> => {
    const e = await t.cardEvent.findUnique({
      where: { organizationId_idempotencyKey: { organizationId: p.orgId, idempotencyKey: req.idempotencyKey } },
      select: { id: true, type: true, card: { select: { serial: true, stampCount: true, rewardsAvailable: true, intermediateAvailable: true } } },
    });
    return e ? { eventId: e.id, kind: e.type as CardActionResult["kind"], replayed: true, card: e.card } : null;
  };
  const earlier = await replay();
  if (earlier) return earlier;

  // Offline taps keep their time, within reason.
  const at = req.occurredAt && req.occurredAt < now && now.getTime() - req.occurredAt.getTime() < MAX_OFFLINE_AGE_MS ? req.occurredAt : now;
  const override = req.overridePin
    ? await t.membership.findFirst({ where: { pinHash: pinHash(p.orgId, req.overridePin), role: { in: ["OWNER", "MANAGER"] } }, select: { userId: true } })
    : null;
  if (req.overridePin && !override) throw new AppError("FORBIDDEN", "overridePinWrong");

  try {
    return await t.$transaction(async (tx) => {
      const locked = await tx.card
        .update({
          where: { serial: req.serial },
          data: { updatedAt: now },
          select: {
            id: true, serial: true, stampCount: true, rewardsAvailable: true, intermediateAvailable: true, erasedAt: true,
            program: { select: { stampsRequired: true, intermediateStamp: true, minMinutesBetweenStamps: true, maxStampsPerDay: true, maxStampsPerAction: true, requirePinToRedeem: true, undoWindowSeconds: true } },
          },
        })
        .catch((e: unknown) => {
          // Unknown serial, or another merchant's card: both simply do not exist here.
          if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2025") throw new AppError("NOT_FOUND", "cardNotFound");
          throw e;
        });
      if (locked.erasedAt) throw new AppError("NOT_FOUND", "cardNotFound");
      const state = { stampCount: locked.stampCount, rewardsAvailable: locked.rewardsAvailable, intermediateAvailable: locked.intermediateAvailable };
      const rules = locked.program;
      const notReversed = { reversedBy: null };
      let type: CardActionResult["kind"];
      let deltas: Deltas;
      let amount: number;
      let reversesId: string | null = null;
      let undone: "STAMP" | "REDEEM" | null = null;

      if (req.kind === "stamp") {
        const [last, today] = await Promise.all([
          tx.cardEvent.findFirst({ where: { cardId: locked.id, type: "STAMP", ...notReversed }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
          tx.cardEvent.aggregate({ _sum: { amount: true }, where: { cardId: locked.id, type: "STAMP", ...notReversed, createdAt: { gte: startOfLocalDay(at, p.timezone) } } }),
        ]);
        const blocked = checkStamp({ amount: req.amount, now: at, lastStampAt: last?.createdAt ?? null, stampsToday: today._sum.amount ?? 0, rules });
        if (blocked && !override) throw new RuleBlocked(blocked);
        type = "STAMP";
        amount = req.amount;
        deltas = stampDeltas(state, req.amount, rules);
      } else if (req.kind === "redeem") {
        if (rules.requirePinToRedeem && !override) {
          const staff = req.pin ? await tx.membership.findFirst({ where: { userId: p.userId, pinHash: pinHash(p.orgId, req.pin) }, select: { id: true } }) : null;
          if (!staff) throw new AppError("FORBIDDEN", "pinRequired");
        }
        const d = redeemDeltas(state, req.reward);
        if (!d) throw new AppError("CONFLICT", "noRewardAvailable");
        type = "REDEEM";
        amount = 1;
        deltas = d;
      } else {
        const since = new Date(at.getTime() - rules.undoWindowSeconds * 1000);
        const last = await tx.cardEvent.findFirst({
          where: { cardId: locked.id, deviceId: p.deviceId, type: { in: ["STAMP", "REDEEM"] }, ...notReversed, createdAt: { gte: since } },
          orderBy: { createdAt: "desc" },
        });
        if (!last) throw new AppError("CONFLICT", "nothingToUndo");
        type = "UNDO";
        amount = -last.amount;
        reversesId = last.id;
        undone = last.type as "STAMP" | "REDEEM";
        deltas = { stampDelta: -last.stampDelta, rewardDelta: -last.rewardDelta, intermediateDelta: -last.intermediateDelta };
      }

      const next = applyDeltas(state, deltas);
      if (!isValidCounters(next)) throw new AppError("CONFLICT", "undoNotPossible");
      const event = await tx.cardEvent.create({
        data: {
          organizationId: p.orgId, cardId: locked.id, type, amount, ...deltas, reversesId,
          actorUserId: p.userId, locationId: p.locationId, deviceId: p.deviceId, idempotencyKey: req.idempotencyKey,
          spendCents: req.kind === "stamp" ? (req.spendCents ?? null) : null,
          overriddenByUserId: override?.userId ?? null, createdAt: at,
        },
        select: { id: true },
      });
      // Lifetime totals count what stands: an undone stamp or redeem is taken back.
      await tx.card.update({
        where: { id: locked.id },
        data: {
          ...next,
          totalStamps: { increment: type === "STAMP" ? amount : undone === "STAMP" ? amount : 0 },
          totalRedeemed: { increment: type === "REDEEM" ? 1 : undone === "REDEEM" ? -1 : 0 },
          ...(type === "STAMP" ? { lastStampAt: at } : {}),
        },
      });
      return { eventId: event.id, kind: type, replayed: false, card: { serial: locked.serial, ...next } };
    }, TX_OPTIONS);
  } catch (e) {
    // The same key committed by a concurrent request: answer as it did.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const won = await replay();
      if (won) return won;
    }
    throw e;
  }
}
