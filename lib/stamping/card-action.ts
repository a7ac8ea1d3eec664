// The hot path: stamp, redeem or undo on one card. This is the one function
// that does it, behind POST /api/tablet/actions (lib/http/fast-path.ts: the
// production server's fast path and the Next route dispatch the same). Plain
// SQL in one short transaction of two round trips (Prisma's per-query overhead
// is most of the cost at rush hour):
//  1. the opening: the session lookup pins the organization (lib/tenancy/lookups.ts;
//     row-level security then hides every other merchant's card, whatever
//     serial a tablet sends), the card row is locked (FOR UPDATE: two tablets
//     stamping one card serialize and both count) together with any earlier
//     event of this idempotency key, and the stamp rules' facts are read after
//     the lock;
//  2. the ledger event and the counters computed from the locked row, with COMMIT.
// A redeem PIN, a manager override or an undo adds one query in between.
//  - The tablet's idempotency key is unique per organization: a replay (or a
//    retry racing the original) returns the original event's answer.
//  - Fraud rules are checked here, on the server. Nothing deferrable happens inline.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { applyDeltas, isValidCounters, redeemDeltas, stampDeltas, type Deltas } from "@/lib/cards/ledger";
import type { Row } from "@/lib/db/sql";
import { AppError } from "@/lib/errors/app-error";
import { inlineParams, withTenantTransaction, withTenantTransactionOpenedBy, type CommitWith, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { CardActionRequest } from "@/lib/validation/stamping";
import { PASS_CHANGED, walletCardChanged, type WalletPresence } from "@/lib/wallet/card-changes";
import { principalBySession, principalFromRow, tokenHash, type TabletPrincipal } from "./devices";
import { pinHash } from "./pin";
import { checkStamp, type Blocked } from "./rules";

type Req = z.output<typeof CardActionRequest>;

const MAX_OFFLINE_AGE_MS = 24 * 3600 * 1000;

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

// Columns are UTC `timestamp(3)` (as Prisma writes them): send UTC wall time.
const utc = (d: Date) => d.toISOString();

const NOT_REVERSED = `NOT EXISTS (SELECT 1 FROM "CardEvent" u WHERE u."reversesId" = e.id)`;

async function replay(sql: TenantSql, orgId: string, key: string): Promise<CardActionResult | null> {
  const [row] = await sql<{ id: string; type: CardActionResult["kind"]; serial: string; stampCount: number; rewardsAvailable: number; intermediateAvailable: number }>(
    `SELECT e.id, e.type, c.serial, c."stampCount", c."rewardsAvailable", c."intermediateAvailable"
       FROM "CardEvent" e JOIN "Card" c ON c.id = e."cardId"
      WHERE e."organizationId" = $1 AND e."idempotencyKey" = $2`,
    [orgId, key],
  );
  if (!row) return null;
  const { id, type, ...card } = row;
  return { eventId: id, kind: type, replayed: true, card };
}

async function managerByPin(sql: TenantSql, orgId: string, pin: string) {
  const [m] = await sql<{ userId: string }>(`SELECT "userId" FROM "Membership" WHERE "organizationId" = $1 AND "pinHash" = $2 AND role IN ('OWNER','MANAGER')`, [orgId, pinHash(orgId, pin)]);
  return m ?? null;
}

type Locked = Pick<Row<"Card">, "id" | "serial" | "stampCount" | "rewardsAvailable" | "intermediateAvailable" | "erasedAt"> &
  WalletPresence &
  Pick<Row<"CardProgram">, "stampsRequired" | "intermediateStamp" | "minMinutesBetweenStamps" | "maxStampsPerDay" | "maxStampsPerAction" | "requirePinToRedeem" | "undoWindowSeconds">;

type Facts = { last: Date | null; today: number };

/**
 * What the stamp rules need, read after the card lock (each statement takes a
 * fresh snapshot, so it includes any stamp committed just before we got the
 * lock): the last standing stamp, and the stamps of the merchant's local
 * calendar day containing `at` — PostgreSQL's time-zone rules, DST included.
 * Arguments are SQL: an expression for the organization, escaped literals.
 */
const stampFacts = (org: string, serial: string, at: string) =>
  `SELECT (SELECT max(e."createdAt") FROM "CardEvent" e WHERE e."cardId" = c.id AND e.type = 'STAMP' AND ${NOT_REVERSED}) AS last,
          (SELECT COALESCE(sum(e.amount), 0)::int FROM "CardEvent" e WHERE e."cardId" = c.id AND e.type = 'STAMP'
              AND e."createdAt" >= (date_trunc('day', ${at}::timestamptz AT TIME ZONE o.timezone) AT TIME ZONE o.timezone) AT TIME ZONE 'UTC'
              AND ${NOT_REVERSED}) AS today
     FROM "Card" c JOIN "Organization" o ON o.id = c."organizationId"
    WHERE c."organizationId" = ${org} AND c.serial = ${serial}`;

async function decide(sql: TenantSql, p: TabletPrincipal, req: Req, card: Locked, at: Date, override: { userId: string } | null, facts: Facts | undefined) {
  const state = { stampCount: card.stampCount, rewardsAvailable: card.rewardsAvailable, intermediateAvailable: card.intermediateAvailable };
  if (req.kind === "stamp") {
    // Read in the opening for every stamp, from the same card row as the lock.
    if (!facts) throw new Error("stamp facts missing");
    const blocked = checkStamp({ amount: req.amount, now: at, lastStampAt: facts.last, stampsToday: facts.today, rules: card });
    if (blocked && !override) throw new RuleBlocked(blocked);
    return { type: "STAMP" as const, amount: req.amount, deltas: stampDeltas(state, req.amount, card), reverses: null };
  }
  if (req.kind === "redeem") {
    if (card.requirePinToRedeem && !override) {
      const [staff] = req.pin ? await sql(`SELECT 1 FROM "Membership" WHERE "organizationId" = $1 AND "userId" = $2 AND "pinHash" = $3`, [p.orgId, p.userId, pinHash(p.orgId, req.pin)]) : [];
      if (!staff) throw new AppError("FORBIDDEN", "pinRequired");
    }
    const deltas = redeemDeltas(state, req.reward);
    if (!deltas) throw new AppError("CONFLICT", "noRewardAvailable");
    return { type: "REDEEM" as const, amount: 1, deltas, reverses: null };
  }
  // Undo: this tablet's last stamp or redeem on this card, within the window.
  const [last] = await sql<{ id: string; type: "STAMP" | "REDEEM"; amount: number } & Deltas>(
    `SELECT e.id, e.type, e.amount, e."stampDelta", e."rewardDelta", e."intermediateDelta" FROM "CardEvent" e
      WHERE e."cardId" = $1 AND e."deviceId" = $2 AND e.type IN ('STAMP', 'REDEEM') AND e."createdAt" >= $3 AND ${NOT_REVERSED}
      ORDER BY e."createdAt" DESC LIMIT 1`,
    [card.id, p.deviceId, utc(new Date(at.getTime() - card.undoWindowSeconds * 1000))],
  );
  if (!last) throw new AppError("CONFLICT", "nothingToUndo");
  const deltas = { stampDelta: -last.stampDelta, rewardDelta: -last.rewardDelta, intermediateDelta: -last.intermediateDelta };
  return { type: "UNDO" as const, amount: -last.amount, deltas, reverses: last };
}

type LockedRow = Locked & { replayId: string | null; replayType: CardActionResult["kind"] | null };

/** Locks the card and, in the same statement, finds an earlier event with this idempotency key. */
const lockCard = (org: string, serial: string, key: string) =>
  `SELECT c.id, c.serial, c."stampCount", c."rewardsAvailable", c."intermediateAvailable", c."erasedAt", c."appleInstalls", c."googleInstalled",
          p."stampsRequired", p."intermediateStamp", p."minMinutesBetweenStamps", p."maxStampsPerDay",
          p."maxStampsPerAction", p."requirePinToRedeem", p."undoWindowSeconds",
          e.id AS "replayId", e.type AS "replayType"
     FROM "Card" c JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = c."organizationId"
     LEFT JOIN "CardEvent" e ON e."organizationId" = ${org} AND e."idempotencyKey" = ${key}
    WHERE c."organizationId" = ${org} AND c.serial = ${serial}
    FOR UPDATE OF c`;

const atOf = (req: Req, now: Date) =>
  // Offline taps keep their time, within reason.
  req.occurredAt && req.occurredAt < now && now.getTime() - req.occurredAt.getTime() < MAX_OFFLINE_AGE_MS ? req.occurredAt : now;

/**
 * Everything after the lock: replay answer, rules, ledger event and counters.
 * The ledger write travels with COMMIT in one round trip.
 */
async function finish(sql: TenantSql, commitWith: CommitWith, p: TabletPrincipal, req: Req, card: LockedRow | undefined, at: Date, facts: Facts | undefined): Promise<CardActionResult> {
  // Unknown serial, or another merchant's card: both simply do not exist here.
  if (!card || card.erasedAt) {
    const earlier = await replay(sql, p.orgId, req.idempotencyKey);
    if (earlier) return earlier;
    throw new AppError("NOT_FOUND", "cardNotFound");
  }
  if (card.replayId) {
    const state = { stampCount: card.stampCount, rewardsAvailable: card.rewardsAvailable, intermediateAvailable: card.intermediateAvailable };
    return { eventId: card.replayId, kind: card.replayType!, replayed: true, card: { serial: card.serial, ...state } };
  }
  const override = req.overridePin ? await managerByPin(sql, p.orgId, req.overridePin) : null;
  if (req.overridePin && !override) throw new AppError("FORBIDDEN", "overridePinWrong");

  const d = await decide(sql, p, req, card, at, override, facts);
  const next = applyDeltas(card, d.deltas);
  if (!isValidCounters(next)) throw new AppError("CONFLICT", "undoNotPossible");
  const eventId = randomUUID();
  const undone = d.reverses?.type ?? null;
  // Lifetime totals count what stands: an undone stamp or redeem is taken back.
  const totalStamps = d.type === "STAMP" ? d.amount : undone === "STAMP" ? d.amount : 0;
  const totalRedeemed = d.type === "REDEEM" ? 1 : undone === "REDEEM" ? -1 : 0;
  // Deferred, not inline: a wallet pass's update is a job row committed with this change.
  await walletCardChanged(sql, p.orgId, card.id, card);
  const write = inlineParams(
    `WITH ev AS (
       INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "rewardDelta", "intermediateDelta",
                                "reversesId", "actorUserId", "locationId", "deviceId", "idempotencyKey", "spendCents", "overriddenByUserId", "createdAt")
       VALUES ($1, $2, $3, $4::"CardEventType", $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING 1)
     UPDATE "Card" SET "stampCount" = $17, "rewardsAvailable" = $18, "intermediateAvailable" = $19,
            "totalStamps" = "totalStamps" + $20, "totalRedeemed" = "totalRedeemed" + $21,
            "lastStampAt" = COALESCE($22, "lastStampAt"), "updatedAt" = now(), ${PASS_CHANGED}
      WHERE id = $3 AND "organizationId" = $2 AND EXISTS (SELECT 1 FROM ev)`,
    [
      eventId, p.orgId, card.id, d.type, d.amount, d.deltas.stampDelta, d.deltas.rewardDelta, d.deltas.intermediateDelta,
      d.reverses?.id ?? null, p.userId, p.locationId, p.deviceId, req.idempotencyKey,
      req.kind === "stamp" ? (req.spendCents ?? null) : null, override?.userId ?? null, utc(at),
      next.stampCount, next.rewardsAvailable, next.intermediateAvailable, totalStamps, totalRedeemed, d.type === "STAMP" ? utc(at) : null,
    ],
  );
  await commitWith(write);
  return { eventId, kind: d.type, replayed: false, card: { serial: card.serial, ...next } };
}

/** The same key committed by a concurrent request: answer as it did. */
async function afterConflict(e: unknown, orgId: string | null, key: string): Promise<CardActionResult> {
  if ((e as { code?: string }).code === "23505" && orgId) {
    const won = await withTenantTransaction(orgId, (sql) => replay(sql, orgId, key));
    if (won) return won;
  }
  throw e;
}

/**
 * Applies one tablet tap for the staff session behind `sessionToken`: the
 * session lookup that pins the organization, the card lock and the stamp-rule
 * facts travel in the transaction's first round trip, the ledger write with
 * COMMIT in the second.
 */
export async function applyCardAction(sessionToken: string | undefined, input: z.input<typeof CardActionRequest>): Promise<CardActionResult> {
  if (!sessionToken) throw new AppError("UNAUTHENTICATED");
  const req = CardActionRequest.parse(input);
  let orgId: string | null = null;
  const at = atOf(req, new Date());
  const org = "current_setting('app.org_id', true)";
  try {
    return await withTenantTransactionOpenedBy(
      (lit) =>
        [
          principalBySession(lit(tokenHash(sessionToken))),
          lockCard(org, lit(req.serial), lit(req.idempotencyKey)),
          ...(req.kind === "stamp" ? [stampFacts(org, lit(req.serial), lit(utc(at)))] : []),
        ].join("; "),
      async ([, principalRows, cardRows, factRows], sql, commitWith) => {
        const p = principalFromRow(principalRows[0]);
        orgId = p.orgId;
        return finish(sql, commitWith, p, req, cardRows[0] as LockedRow | undefined, at, factRows?.[0] as Facts | undefined);
      },
    );
  } catch (e) {
    return afterConflict(e, orgId, req.idempotencyKey);
  }
}
