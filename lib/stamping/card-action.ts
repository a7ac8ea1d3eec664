// The hot path: stamp, redeem or undo on one card. This is the one function
// that does it, behind POST /api/tablet/actions (lib/http/fast-path.ts: the
// production server's fast path and the Next route dispatch the same). Plain
// SQL in one short transaction of two round trips (Prisma's per-query overhead
// is most of the cost at rush hour):
//  1. the opening: the session lookup pins the organization (lib/tenancy/lookups.ts;
//     row-level security then hides every other merchant's card, whatever
//     serial a tablet sends) and says whether the session is still alive (12 h,
//     and the merchant's idle minutes since its last action), the card row is
//     locked (FOR UPDATE: two tablets stamping one card serialize and both
//     count) together with any earlier event of this idempotency key, and the
//     stamp rules' facts are read after the lock;
//  2. the ledger event, the counters computed from the locked row and the
//     session's activity, with COMMIT. A refusal commits only the activity (and
//     a counted wrong PIN), in the same round trip.
// A PIN typed with the tap (a redeem PIN, a manager override) or an undo adds one query in between.
//  - The tablet's idempotency key is unique per organization: a replay (or a
//    retry racing the original) returns the original event's answer; the key
//    used for another card or another action is refused.
//  - Fraud rules are checked here, on the server, by the time each tap was
//    received: an offline tap keeps when it happened for the ledger (createdAt)
//    but cannot buy allowance by claiming an earlier time (receivedAt).
//  - Nothing deferrable happens inline.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { accountFieldsOf, accountJson, assertStampingAllowed } from "@/lib/billing/entitlements";
import { applyDeltas, isValidCounters, redeemDeltas, stampDeltas, type Deltas } from "@/lib/cards/ledger";
import type { Row } from "@/lib/db/sql";
import { AppError } from "@/lib/errors/app-error";
import { countStamp } from "@/lib/metrics/metrics";
import { inlineParams, withTenantTransaction, withTenantTransactionOpenedBy, type CommitWith, type TenantSql } from "@/lib/tenancy/tenant-sql";
import { CardActionRequest } from "@/lib/validation/stamping";
import { PASS_CHANGED, walletCardChanged, type WalletPresence } from "@/lib/wallet/card-changes";
import { principalBySession, principalFromRow, tokenHash, touchSessionSql, type TabletPrincipal } from "./devices";
import { afterCount, checkPin, countWrongPinSql, pinLocked, rightPinCtes, WrongPin } from "./pin-lockout";
import { checkStamp, type Blocked, type WindowStamp } from "./rules";

type Req = z.output<typeof CardActionRequest>;

/** The organization's plan and billing state, read with a stamp in its opening round trip (lib/billing/entitlements.ts). */
const ACCOUNT = `SELECT ${accountJson("o")} AS account FROM "Organization" o WHERE o.id = current_setting('app.org_id', true)`;

const MAX_OFFLINE_AGE_MS = 24 * 3600 * 1000;
const KIND = { stamp: "STAMP", redeem: "REDEEM", undo: "UNDO" } as const;
const MANAGERS: ("OWNER" | "MANAGER")[] = ["OWNER", "MANAGER"];

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

/** An idempotency key already used for another card or another kind of action. */
const keyReused = () => new AppError("CONFLICT", "idempotencyKeyReused");
/** The public API's Idempotency-Key sent again with another request body (lib/api). */
const bodyChanged = () => new AppError("VALIDATION", "idempotencyKeyBodyChanged");

/**
 * Who acts: the member on a tablet (TabletPrincipal), or an API key of the
 * public REST API (lib/api/card-actions.ts): no person, no tablet, maybe no
 * location — so no PIN to type and no undo (the API corrects instead).
 */
export type ActionPrincipal = Omit<TabletPrincipal, "memberId" | "deviceId" | "locationId" | "sessionId"> & {
  memberId: string | null;
  deviceId: string | null;
  locationId: string | null;
  apiKeyId?: string | null;
};

/**
 * How a caller is resolved in the stamp's opening round trip: `opening` is two
 * statements (pin the organization; read the principal row) built from escaped
 * literals, `principal` turns the row into the actor (or refuses), `touch` is
 * the activity UPDATE sent with the write. `requestHash`: the API request's
 * hash, kept on the event; a replay with another hash is refused (422).
 */
export type CardActor<P extends ActionPrincipal = ActionPrincipal> = {
  opening: (literal: (v: string) => string, atLiteral: string, nowLiteral: string) => string;
  principal: (row: Record<string, unknown> | undefined) => P | Promise<P>;
  touch: (p: P, at: Date) => string;
  requestHash?: string | null;
};

/** A refusal decided after the transaction committed what it had to (the gated write found a PIN lock). */
class Committed {
  constructor(readonly error: AppError) {}
}

// Columns are UTC `timestamp(3)` (as Prisma writes them): send UTC wall time.
const utc = (d: Date) => d.toISOString();

const NOT_REVERSED = `NOT EXISTS (SELECT 1 FROM "CardEvent" u WHERE u."reversesId" = e.id)`;
/** When the server received an event: tablet taps record it; other events were written when they happened. */
const RECEIVED = `COALESCE(e."receivedAt", e."createdAt")`;

/** The earlier answer for this key, if it was for this card and this kind of action (else refused). */
async function replay(sql: TenantSql, orgId: string, req: Req, requestHash: string | null): Promise<CardActionResult | null> {
  const [row] = await sql<{
    id: string;
    type: CardActionResult["kind"];
    requestHash: string | null;
    serial: string;
    stampCount: number;
    rewardsAvailable: number;
    intermediateAvailable: number;
  }>(
    `SELECT e.id, e.type, e."requestHash", c.serial, c."stampCount", c."rewardsAvailable", c."intermediateAvailable"
       FROM "CardEvent" e JOIN "Card" c ON c.id = e."cardId"
      WHERE e."organizationId" = $1 AND e."idempotencyKey" = $2`,
    [orgId, req.idempotencyKey],
  );
  if (!row) return null;
  if (requestHash && row.requestHash !== requestHash) throw bodyChanged();
  if (row.serial !== req.serial || row.type !== KIND[req.kind]) throw keyReused();
  const { id, type, requestHash: _hash, ...card } = row;
  return { eventId: id, kind: type, replayed: true, card };
}

type Locked = Pick<Row<"Card">, "id" | "serial" | "stampCount" | "rewardsAvailable" | "intermediateAvailable" | "erasedAt"> &
  WalletPresence &
  Pick<
    Row<"CardProgram">,
    "stampsRequired" | "intermediateStamp" | "visitMinutes" | "maxStampsPerVisit" | "maxStampsPerDay" | "requirePinToRedeem" | "undoWindowSeconds"
  >;

/** The stamps in the visit window, as [received (epoch ms), amount] pairs, and the stamps of today. */
type Facts = { visit: [number, number][]; today: number };

/**
 * What the stamp rules need, read after the card lock (each statement takes a
 * fresh snapshot, so it includes any stamp committed just before we got the
 * lock), counted by when each stamp was received: the standing stamps of the
 * program's visit window before `now`, and the stamps of the merchant's local
 * calendar day containing `now` — PostgreSQL's time-zone rules, DST included.
 * Arguments are SQL: an expression for the organization, escaped literals.
 */
const stampFacts = (org: string, serial: string, now: string) =>
  `SELECT (SELECT COALESCE(json_agg(json_build_array((extract(epoch FROM ${RECEIVED}) * 1000)::bigint, e.amount)), '[]') FROM "CardEvent" e
            WHERE e."cardId" = c.id AND e.type = 'STAMP' AND ${RECEIVED} > ${now}::timestamp - make_interval(mins => p."visitMinutes")
              AND ${NOT_REVERSED}) AS visit,
          (SELECT COALESCE(sum(e.amount), 0)::int FROM "CardEvent" e WHERE e."cardId" = c.id AND e.type = 'STAMP'
              AND ${RECEIVED} >= (date_trunc('day', ${now}::timestamptz AT TIME ZONE o.timezone) AT TIME ZONE o.timezone) AT TIME ZONE 'UTC'
              AND ${NOT_REVERSED}) AS today
     FROM "Card" c JOIN "Organization" o ON o.id = c."organizationId"
     JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = c."organizationId"
    WHERE c."organizationId" = ${org} AND c.serial = ${serial}`;

async function decide(sql: TenantSql, p: ActionPrincipal, req: Req, card: Locked, now: Date, override: { userId: string } | null, facts: Facts | undefined) {
  const state = { stampCount: card.stampCount, rewardsAvailable: card.rewardsAvailable, intermediateAvailable: card.intermediateAvailable };
  if (req.kind === "stamp") {
    // Read in the opening for every stamp, from the same card row as the lock.
    if (!facts) throw new Error("stamp facts missing");
    const inWindow: WindowStamp[] = facts.visit.map(([at, amount]) => ({ at: new Date(Number(at)), amount }));
    const blocked = checkStamp({ amount: req.amount, now, inWindow, stampsToday: facts.today, rules: card });
    if (blocked && !override) throw new RuleBlocked(blocked);
    return { type: "STAMP" as const, amount: req.amount, deltas: stampDeltas(state, req.amount, card), reverses: null };
  }
  if (req.kind === "redeem") {
    const deltas = redeemDeltas(state, req.reward);
    if (!deltas) throw new AppError("CONFLICT", "noRewardAvailable");
    return { type: "REDEEM" as const, amount: 1, deltas, reverses: null };
  }
  // Undo: this tablet's last stamp or redeem on this card, received within the window.
  if (!p.deviceId) throw new AppError("CONFLICT", "nothingToUndo");
  const [last] = await sql<{ id: string; type: "STAMP" | "REDEEM"; amount: number } & Deltas>(
    `SELECT e.id, e.type, e.amount, e."stampDelta", e."rewardDelta", e."intermediateDelta" FROM "CardEvent" e
      WHERE e."cardId" = $1 AND e."deviceId" = $2 AND e.type IN ('STAMP', 'REDEEM') AND ${RECEIVED} >= $3 AND ${NOT_REVERSED}
      ORDER BY ${RECEIVED} DESC, e."createdAt" DESC LIMIT 1`,
    [card.id, p.deviceId, utc(new Date(now.getTime() - card.undoWindowSeconds * 1000))],
  );
  if (!last) throw new AppError("CONFLICT", "nothingToUndo");
  const deltas = { stampDelta: -last.stampDelta, rewardDelta: -last.rewardDelta, intermediateDelta: -last.intermediateDelta };
  return { type: "UNDO" as const, amount: -last.amount, deltas, reverses: last };
}

type LockedRow = Locked & {
  replayId: string | null;
  replayType: CardActionResult["kind"] | null;
  replayCardId: string | null;
  replayHash: string | null;
};

/** Locks the card and, in the same statement, finds an earlier event with this idempotency key. */
const lockCard = (org: string, serial: string, key: string) =>
  `SELECT c.id, c.serial, c."stampCount", c."rewardsAvailable", c."intermediateAvailable", c."erasedAt", c."appleInstalls", c."googleInstalled",
          p."stampsRequired", p."intermediateStamp", p."visitMinutes", p."maxStampsPerVisit",
          p."maxStampsPerDay", p."requirePinToRedeem", p."undoWindowSeconds",
          e.id AS "replayId", e.type AS "replayType", e."cardId" AS "replayCardId", e."requestHash" AS "replayHash"
     FROM "Card" c JOIN "CardProgram" p ON p.id = c."programId" AND p."organizationId" = c."organizationId"
     LEFT JOIN "CardEvent" e ON e."organizationId" = ${org} AND e."idempotencyKey" = ${key}
    WHERE c."organizationId" = ${org} AND c.serial = ${serial}
    FOR UPDATE OF c`;

const atOf = (req: Req, now: Date) =>
  // Offline taps keep their time, within reason.
  req.occurredAt && req.occurredAt < now && now.getTime() - req.occurredAt.getTime() < MAX_OFFLINE_AGE_MS ? req.occurredAt : now;

/**
 * The PIN typed with this tap, checked against the lockout (pin-lockout.ts): a
 * manager's, named by their tile, to override a refused rule, or — when the
 * program wants it — the staff member's own to redeem. A wrong one is counted
 * (and committed) before the answer; a right one makes the write conditional on
 * resetting the counters, so a lock set meanwhile still refuses it.
 */
async function typedPin(sql: TenantSql, p: ActionPrincipal, req: Req, card: Locked, now: Date) {
  // An API key is no person at a tablet: it has no PIN to type (its scope is its permission).
  if (!p.memberId || !p.deviceId) return { override: null, gate: null };
  const asked = req.overridePin
    ? { memberId: req.overrideBy!, pin: req.overridePin, roles: MANAGERS, wrong: () => new AppError("FORBIDDEN", "overridePinWrong") }
    : req.kind === "redeem" && card.requirePinToRedeem
      ? { memberId: p.memberId, pin: req.pin, roles: undefined, wrong: () => new AppError("FORBIDDEN", "pinWrong") }
      : null;
  if (!asked) return { override: null, gate: null };
  if (!asked.pin) throw new AppError("FORBIDDEN", "pinRequired");
  const target = { orgId: p.orgId, deviceId: p.deviceId, memberId: asked.memberId!, now };
  const check = await checkPin(sql, { ...target, pin: asked.pin, roles: asked.roles });
  if (!check) throw new AppError("UNAUTHENTICATED", "deviceRevoked");
  if (!check.matches) throw new WrongPin(asked.wrong(), countWrongPinSql(target));
  if (check.lockedUntil) throw pinLocked(check.lockedUntil, now);
  return { override: req.overridePin ? { userId: check.userId! } : null, gate: rightPinCtes(target) };
}

/** One ledger event and the counters it leaves on its card (computed from the locked row). */
export type LedgerWrite = {
  eventId: string;
  orgId: string;
  cardId: string;
  type: CardActionResult["kind"];
  amount: number;
  deltas: Deltas;
  reversesId: string | null;
  userId: string | null;
  memberId: string | null;
  locationId: string | null;
  deviceId: string | null;
  apiKeyId: string | null;
  idempotencyKey: string;
  spendCents: number | null;
  overriddenByUserId: string | null;
  /** When it happened (an offline tap's own time), and when the server received it. */
  at: Date;
  now: Date;
  next: { stampCount: number; rewardsAvailable: number; intermediateAvailable: number };
  totalStamps: number;
  totalRedeemed: number;
  requestHash: string | null;
};

/**
 * The write round trip's SQL (COMMIT is added by the caller): the session's
 * activity (`touch`), the ledger event — gated on a typed PIN's counters when
 * `gate` is given — the customer's last visit and the card's counters. Returns
 * a row when the card was written. bench:stamp's bare baseline sends exactly this.
 */
export function ledgerWriteSql(w: LedgerWrite, touch: string, gate: { ctes: string; bothReset: string } | null): string {
  return inlineParams(
    `WITH ${gate ? `${gate.ctes},` : ""}
     touch AS (${touch} RETURNING 1),
     ev AS (
       INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount, "stampDelta", "rewardDelta", "intermediateDelta",
                                "reversesId", "actorUserId", "actorMembershipId", "locationId", "deviceId", "idempotencyKey", "spendCents", "overriddenByUserId",
                                "createdAt", "receivedAt", "apiKeyId", "requestHash")
       SELECT $1, $2, $3, $4::"CardEventType", $5, $6, $7, $8, $9, $10, $24, $11, $12, $13, $14, $15, $16::timestamp, $23::timestamp, $25, $26
        ${gate ? `WHERE ${gate.bothReset}` : ""} RETURNING 1),
     -- The customer's last visit, for the customer list's filters and sort (lib/customers).
     visit AS (
       UPDATE "Customer" SET "lastVisitAt" = $22::timestamp, "lastVisitLocationId" = $11
        WHERE "organizationId" = $2 AND id = (SELECT "customerId" FROM "Card" WHERE id = $3 AND "organizationId" = $2)
          AND $22::timestamp IS NOT NULL AND ("lastVisitAt" IS NULL OR "lastVisitAt" <= $22::timestamp) AND EXISTS (SELECT 1 FROM ev)
        RETURNING 1)
     UPDATE "Card" SET "stampCount" = $17, "rewardsAvailable" = $18, "intermediateAvailable" = $19,
            "totalStamps" = "totalStamps" + $20, "totalRedeemed" = "totalRedeemed" + $21,
            "lastStampAt" = GREATEST("lastStampAt", $22::timestamp),
            "lastLocationId" = CASE WHEN $22::timestamp >= "lastStampAt" OR ("lastStampAt" IS NULL AND $22::timestamp IS NOT NULL) THEN $11 ELSE "lastLocationId" END,
            "updatedAt" = now(), ${PASS_CHANGED}
      WHERE id = $3 AND "organizationId" = $2 AND EXISTS (SELECT 1 FROM ev)
      RETURNING 1`,
    [
      w.eventId,
      w.orgId,
      w.cardId,
      w.type,
      w.amount,
      w.deltas.stampDelta,
      w.deltas.rewardDelta,
      w.deltas.intermediateDelta,
      w.reversesId,
      w.userId,
      w.locationId,
      w.deviceId,
      w.idempotencyKey,
      w.spendCents,
      w.overriddenByUserId,
      utc(w.at),
      w.next.stampCount,
      w.next.rewardsAvailable,
      w.next.intermediateAvailable,
      w.totalStamps,
      w.totalRedeemed,
      w.type === "STAMP" ? utc(w.at) : null,
      utc(w.now),
      w.memberId,
      w.apiKeyId,
      w.requestHash,
    ],
  );
}

/**
 * Everything after the lock: replay answer, PIN, rules, ledger event and
 * counters. The ledger write (with the session's activity) travels with COMMIT
 * in one round trip.
 */
async function finish(
  sql: TenantSql,
  commitWith: CommitWith,
  p: ActionPrincipal,
  req: Req,
  card: LockedRow | undefined,
  now: Date,
  at: Date,
  facts: Facts | undefined,
  touch: string,
  requestHash: string | null,
): Promise<CardActionResult> {
  // Unknown serial, or another merchant's card: both simply do not exist here.
  if (!card || card.erasedAt) {
    const earlier = await replay(sql, p.orgId, req, requestHash);
    if (!earlier) throw new AppError("NOT_FOUND", "cardNotFound");
    await commitWith(touch);
    return earlier;
  }
  if (card.replayId) {
    if (requestHash && card.replayHash !== requestHash) throw bodyChanged();
    if (card.replayCardId !== card.id || card.replayType !== KIND[req.kind]) throw keyReused();
    await commitWith(touch);
    const state = { stampCount: card.stampCount, rewardsAvailable: card.rewardsAvailable, intermediateAvailable: card.intermediateAvailable };
    return { eventId: card.replayId, kind: card.replayType, replayed: true, card: { serial: card.serial, ...state } };
  }
  const { override, gate } = await typedPin(sql, p, req, card, now);

  const d = await decide(sql, p, req, card, now, override, facts);
  const next = applyDeltas(card, d.deltas);
  if (!isValidCounters(next)) throw new AppError("CONFLICT", "undoNotPossible");
  const eventId = randomUUID();
  const undone = d.reverses?.type ?? null;
  // Lifetime totals count what stands: an undone stamp or redeem is taken back.
  const totalStamps = d.type === "STAMP" ? d.amount : undone === "STAMP" ? d.amount : 0;
  const totalRedeemed = d.type === "REDEEM" ? 1 : undone === "REDEEM" ? -1 : 0;
  // Deferred, not inline: a wallet pass's update is a job row committed with this change.
  await walletCardChanged(sql, p.orgId, card.id, card);
  const write = ledgerWriteSql(
    {
      eventId,
      orgId: p.orgId,
      cardId: card.id,
      type: d.type,
      amount: d.amount,
      deltas: d.deltas,
      reversesId: d.reverses?.id ?? null,
      userId: p.userId,
      memberId: p.memberId,
      locationId: p.locationId,
      deviceId: p.deviceId,
      apiKeyId: p.apiKeyId ?? null,
      idempotencyKey: req.idempotencyKey,
      spendCents: req.kind === "stamp" ? (req.spendCents ?? null) : null,
      overriddenByUserId: override?.userId ?? null,
      at,
      now,
      next,
      totalStamps,
      totalRedeemed,
      requestHash,
    },
    touch,
    gate,
  );
  const written = await commitWith(write);
  // The PIN's tablet or person was locked by guesses committed since the check: nothing was written.
  if (!written.length) throw new Committed(pinLocked(new Date(now.getTime() + 1000), now));
  return { eventId, kind: d.type, replayed: false, card: { serial: card.serial, ...next } };
}

/** The same key committed by a concurrent request: answer as it did. */
async function afterConflict(e: unknown, orgId: string | null, req: Req, requestHash: string | null): Promise<CardActionResult> {
  if ((e as { code?: string }).code === "23505" && orgId) {
    const won = await withTenantTransaction(orgId, (sql) => replay(sql, orgId, req, requestHash));
    if (won) return won;
  }
  throw e;
}

/**
 * The opening round trip's SQL (after BEGIN): the caller's lookup, which pins
 * the organization, the card lock with any earlier event of the key, and for a
 * stamp the rule facts and the account. bench:stamp's bare baseline sends exactly this.
 */
export function openingSql(
  actor: Pick<CardActor, "opening">,
  req: Pick<Req, "kind" | "serial" | "idempotencyKey">,
  at: Date,
  now: Date,
  lit: (v: string) => string,
): string {
  const org = "current_setting('app.org_id', true)";
  return [
    actor.opening(lit, lit(utc(at)), lit(utc(now))),
    lockCard(org, lit(req.serial), lit(req.idempotencyKey)),
    ...(req.kind === "stamp" ? [stampFacts(org, lit(req.serial), lit(utc(now))), ACCOUNT] : []),
  ].join("; ");
}

/** The tablet's caller: a staff session token (devices.ts). */
export const tabletActor = (sessionToken: string): CardActor<TabletPrincipal> => ({
  opening: (lit, at, now) => principalBySession(lit(tokenHash(sessionToken)), at, now),
  principal: principalFromRow,
  touch: (p, at) => touchSessionSql(p.sessionId, at),
});

/**
 * Applies one tablet tap for the staff session behind `sessionToken`: the
 * session lookup that pins the organization (and checks the session is alive),
 * the card lock and the stamp-rule facts travel in the transaction's first round
 * trip; the ledger write, or a refusal's bookkeeping, with COMMIT in the second.
 */
export async function applyCardAction(sessionToken: string | undefined, input: z.input<typeof CardActionRequest>): Promise<CardActionResult> {
  if (!sessionToken) throw new AppError("UNAUTHENTICATED");
  return applyCardActionAs(tabletActor(sessionToken), input);
}

const OUTCOME = { STAMP: "stamped", REDEEM: "redeemed", UNDO: "undone" } as const;

/**
 * The same action for any caller (the tablet above, an API key in lib/api): same rules, ledger and round trips,
 * and the same count in the stamp outcome metric (a replayed idempotency key is a duplicate; a refusal by its message key).
 */
export async function applyCardActionAs<P extends ActionPrincipal>(actor: CardActor<P>, input: z.input<typeof CardActionRequest>): Promise<CardActionResult> {
  try {
    const r = await applyAction(actor, input);
    countStamp(r.replayed ? "duplicate" : OUTCOME[r.kind]);
    return r;
  } catch (e) {
    countStamp("refused", e instanceof AppError ? e.messageKey : "error");
    throw e;
  }
}

async function applyAction<P extends ActionPrincipal>(actor: CardActor<P>, input: z.input<typeof CardActionRequest>): Promise<CardActionResult> {
  const req = CardActionRequest.parse(input);
  const requestHash = actor.requestHash ?? null;
  let orgId: string | null = null;
  const now = new Date();
  const at = atOf(req, now);
  try {
    const outcome = await withTenantTransactionOpenedBy(
      (lit) => openingSql(actor, req, at, now, lit),
      async ([, principalRows, cardRows, factRows, accountRows], sql, commitWith) => {
        const p = await actor.principal(principalRows[0]);
        orgId = p.orgId;
        const touch = actor.touch(p, at);
        try {
          // A read-only account stamps on through the grace, then the tablet says why it stopped (redeem and undo go on).
          const account = accountRows?.[0]?.account as Record<string, unknown> | undefined;
          if (account) assertStampingAllowed(accountFieldsOf(account), now);
          return {
            done: await finish(sql, commitWith, p, req, cardRows[0] as LockedRow | undefined, now, at, factRows?.[0] as Facts | undefined, touch, requestHash),
          };
        } catch (e) {
          // A refusal is an answer, not a failure: it still records the session's
          // activity and a counted wrong PIN, committed in this round trip.
          if (e instanceof Committed) return { refused: e.error };
          if (!(e instanceof AppError)) throw e;
          if (e instanceof WrongPin) {
            const [counted] = await commitWith<{ lockedUntil: Date | null }>(`${e.countSql}; ${touch}`);
            return { refused: afterCount(e.wrong, counted.lockedUntil, now) };
          }
          await commitWith(touch);
          return { refused: e };
        }
      },
    );
    if ("refused" in outcome) throw outcome.refused;
    return outcome.done;
  } catch (e) {
    return afterConflict(e, orgId, req, requestHash);
  }
}
