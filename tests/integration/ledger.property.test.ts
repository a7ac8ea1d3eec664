// Issue 18, hostile input: the ledger's invariants under random sequences of taps, through the one stamping function
// (applyCardAction, lib/stamping/card-action.ts) on a real PostgreSQL. Two tablets stamp, redeem both rewards (the
// intermediate one too), undo, replay earlier keys (one at a time and racing), reuse keys for another action, and undo
// again when there is nothing left to undo. A model kept beside it predicts every answer; after each sequence the card's
// counters equal the sums of its ledger events, nothing is negative, each key has one event, an undo never reverses an
// undo and no event is reversed twice. Seed: FUZZ_SEED=<n> (docs/security.md).
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { applyDeltas, isValidCounters, redeemDeltas, stampDeltas, type CardCounters, type Deltas } from "@/lib/cards/ledger";
import { ownerDb as db } from "@/lib/db/owner";
import { AppError } from "@/lib/errors/app-error";
import { applyCardAction, type CardActionResult } from "@/lib/stamping/card-action";
import { fuzzSeed } from "../support/fuzz";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";

const RULES = { stampsRequired: 4, intermediateStamp: 2 };
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

type Tablet = Awaited<ReturnType<typeof tablet>>;
type Cmd =
  | { op: "stamp"; t: number; amount: number }
  | { op: "redeem"; t: number; reward: "reward" | "intermediate" }
  | { op: "undo"; t: number }
  /** Sends the request of an earlier applied command again (its key and body), `racing` = twice at once. */
  | { op: "replay"; pick: number; racing: boolean }
  /** An earlier applied command's key with another kind of action. */
  | { op: "reuse"; pick: number; t: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant("stamp" as const), t: fc.nat(1), amount: fc.integer({ min: 1, max: 5 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("redeem" as const), t: fc.nat(1), reward: fc.constantFrom("reward" as const, "intermediate" as const) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("undo" as const), t: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("replay" as const), pick: fc.nat(), racing: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("reuse" as const), pick: fc.nat(), t: fc.nat(1) }) },
);

/** An applied event as the model knows it. */
type Ev = { id: string; key: string; device: number; type: "STAMP" | "REDEEM" | "UNDO"; deltas: Deltas; reverses?: Ev; request: Request; reversed: boolean };
type Request = { t: number; body: Record<string, unknown> };

let m: Merchant;
let tablets: Tablet[];

beforeAll(async () => {
  m = await makeMerchant("Grootboek", { customers: 0 });
  // Rules that never refuse a stamp here (they have their own tests); a long undo window.
  await db().cardProgram.update({
    where: { id: m.program.id },
    data: { ...RULES, maxStampsPerVisit: 100_000, maxStampsPerDay: 100_000, undoWindowSeconds: 3600, requirePinToRedeem: false },
  });
  tablets = [await tablet(m, "1357"), await tablet(m, "2468")];
});

/** The answer, or the AppError's code and key (anything else fails the test: it would be a 500). */
async function send(req: Request): Promise<CardActionResult | { error: string; message: string; status: number }> {
  try {
    return await applyCardAction(tablets[req.t].sessionToken, req.body as never);
  } catch (e) {
    expect(e, `a ${String(req.body.kind)} threw something that is not an AppError`).toBeInstanceOf(AppError);
    const err = e as AppError;
    return { error: err.code, message: err.messageKey, status: err.status };
  }
}

const refused = (message: string) => ({ error: "CONFLICT", message, status: 409 });

async function runSequence(cmds: Cmd[]) {
  const card = await newCard(m, "Eigenschap");
  let counters: CardCounters = { stampCount: 0, rewardsAvailable: 0, intermediateAvailable: 0 };
  const events: Ev[] = [];
  const expectCard = () => ({ serial: card.serial, ...counters });

  for (const c of cmds) {
    if (c.op === "replay" || c.op === "reuse") {
      if (events.length === 0) continue;
      const earlier = events[c.pick % events.length];
      if (c.op === "reuse") {
        const other = earlier.type === "STAMP" ? { kind: "undo" } : { kind: "stamp", amount: 1 };
        expect(await send({ t: c.t, body: { ...other, serial: card.serial, idempotencyKey: earlier.key } })).toEqual(refused("idempotencyKeyReused"));
        continue;
      }
      const answers = await Promise.all(Array.from({ length: c.racing ? 2 : 1 }, () => send(earlier.request)));
      for (const a of answers) expect(a).toEqual({ eventId: earlier.id, kind: earlier.type, replayed: true, card: expectCard() });
      continue;
    }
    const key = randomUUID();
    const base = { serial: card.serial, idempotencyKey: key };
    let request: Request;
    let expected: { type: Ev["type"]; deltas: Deltas; reverses?: Ev } | { refusal: string };
    if (c.op === "stamp") {
      request = { t: c.t, body: { kind: "stamp", amount: c.amount, ...base } };
      expected = { type: "STAMP", deltas: stampDeltas(counters, c.amount, RULES) };
    } else if (c.op === "redeem") {
      request = { t: c.t, body: { kind: "redeem", reward: c.reward, ...base } };
      const deltas = redeemDeltas(counters, c.reward);
      expected = deltas ? { type: "REDEEM", deltas } : { refusal: "noRewardAvailable" };
    } else {
      request = { t: c.t, body: { kind: "undo", ...base } };
      // This tablet's last stamp or redeem that stands; an undo is never a candidate.
      const last = events.findLast((e) => e.device === c.t && e.type !== "UNDO" && !e.reversed);
      if (!last) expected = { refusal: "nothingToUndo" };
      else {
        const deltas = { stampDelta: -last.deltas.stampDelta, rewardDelta: -last.deltas.rewardDelta, intermediateDelta: -last.deltas.intermediateDelta };
        expected = isValidCounters(applyDeltas(counters, deltas)) ? { type: "UNDO", deltas, reverses: last } : { refusal: "undoNotPossible" };
      }
    }
    const answer = await send(request);
    if ("refusal" in expected) {
      expect(answer, `${c.op} ${JSON.stringify(request.body)}`).toEqual(refused(expected.refusal));
      continue;
    }
    counters = applyDeltas(counters, expected.deltas);
    expect(answer, `${c.op} ${JSON.stringify(request.body)}`).toEqual({
      eventId: expect.any(String),
      kind: expected.type,
      replayed: false,
      card: expectCard(),
    });
    if (expected.reverses) expected.reverses.reversed = true;
    events.push({ id: (answer as CardActionResult).eventId, key, device: c.t, request, reversed: false, ...expected });
  }
  return { card, counters, events };
}

/** The invariants, read straight from the tables. */
async function checkLedger(cardId: string, model: CardCounters, events: Ev[]) {
  const row = await db().card.findUniqueOrThrow({ where: { id: cardId } });
  const ledger = await db().cardEvent.findMany({ where: { cardId }, orderBy: { createdAt: "asc" } });
  const sum = (f: "stampDelta" | "rewardDelta" | "intermediateDelta") => ledger.reduce((s, e) => s + e[f], 0);
  // Counters = the sum of the events (the ENROLL event of issuing the card included: it moves nothing).
  expect({ stampCount: row.stampCount, rewardsAvailable: row.rewardsAvailable, intermediateAvailable: row.intermediateAvailable }).toEqual({
    stampCount: sum("stampDelta"),
    rewardsAvailable: sum("rewardDelta"),
    intermediateAvailable: sum("intermediateDelta"),
  });
  expect(isValidCounters(row)).toBe(true);
  // The model agrees, event for event.
  expect({ stampCount: row.stampCount, rewardsAvailable: row.rewardsAvailable, intermediateAvailable: row.intermediateAvailable }).toEqual(model);
  expect(
    ledger
      .filter((e) => e.type !== "ENROLL")
      .map((e) => e.id)
      .sort(),
  ).toEqual(events.map((e) => e.id).sort());
  expect(ledger.filter((e) => e.type === "ENROLL")).toHaveLength(1);
  // One event per key (replays and races added none).
  const keyed = ledger.filter((e) => e.type !== "ENROLL");
  expect(new Set(keyed.map((e) => e.idempotencyKey)).size).toBe(keyed.length);
  // An undo reverses a stamp or a redeem of this card, never an undo, and nothing is reversed twice.
  const byId = new Map(ledger.map((e) => [e.id, e]));
  const undos = ledger.filter((e) => e.type === "UNDO");
  for (const u of undos) expect(byId.get(u.reversesId!)?.type).toMatch(/^(STAMP|REDEEM)$/);
  expect(new Set(undos.map((u) => u.reversesId)).size).toBe(undos.length);
  expect(ledger.filter((e) => e.type !== "UNDO").every((e) => e.reversesId === null)).toBe(true);
  // Lifetime totals count what stands.
  const standing = (type: "STAMP" | "REDEEM") => ledger.filter((e) => e.type === type && !undos.some((u) => u.reversesId === e.id));
  expect(row.totalStamps).toBe(standing("STAMP").reduce((s, e) => s + e.amount, 0));
  expect(row.totalRedeemed).toBe(standing("REDEEM").length);
}

describe("the ledger under random taps (model-checked)", () => {
  it("counters = sum of events, never negative, one effect per key, undo once and never of an undo", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 14 }), async (cmds) => {
        const { card, counters, events } = await runSequence(cmds);
        await checkLedger(card.id, counters, events);
      }),
      { seed: fuzzSeed, numRuns: RUNS, verbose: 1 },
    );
  });

  it("an undo after an undo takes back the tablet's stamp before, never the undo; then there is nothing left", async () => {
    const { card, counters, events } = await runSequence([
      { op: "stamp", t: 0, amount: 1 },
      { op: "stamp", t: 0, amount: 2 },
      { op: "undo", t: 0 },
      { op: "undo", t: 0 },
      { op: "undo", t: 0 },
      { op: "undo", t: 1 },
    ]);
    expect(events.map((e) => e.type)).toEqual(["STAMP", "STAMP", "UNDO", "UNDO"]);
    expect(counters).toEqual({ stampCount: 0, rewardsAvailable: 0, intermediateAvailable: 0 });
    await checkLedger(card.id, counters, events);
  });
});
