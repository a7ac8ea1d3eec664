// Issue 13: a manager's manual correction (an ADJUST event, counters = ledger,
// never negative, pushed to the wallets, audited) and merging two cards of one
// program (both ledgers kept, balances add up, the merged card points to the
// survivor, never merged twice). Staff are refused; another merchant's cards are
// not found.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { correctBalance } from "@/lib/customers/correct";
import { mergeCards, mergedInto } from "@/lib/customers/merge";
import { applyCardAction } from "@/lib/stamping/card-action";
import { appError, errorKey, makeMerchant, newCard, tablet, type Merchant } from "./helpers";

let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  a = await makeMerchant("Corrigeerbar", { customers: 1 });
  b = await makeMerchant("Andere zaak", { customers: 1 });
});

/** Cards whose counters differ from the sums of their ledger (should be none). */
async function drift(orgId: string) {
  return db().$queryRawUnsafe<{ id: string }[]>(
    `SELECT c.id FROM "Card" c LEFT JOIN "CardEvent" e ON e."cardId" = c.id WHERE c."organizationId" = $1
      GROUP BY c.id HAVING c."stampCount" <> COALESCE(SUM(e."stampDelta"), 0) OR c."rewardsAvailable" <> COALESCE(SUM(e."rewardDelta"), 0)
          OR c."intermediateAvailable" <> COALESCE(SUM(e."intermediateDelta"), 0)`,
    a.org.id === orgId ? a.org.id : orgId,
  );
}

const counters = (id: string) =>
  db().card.findUniqueOrThrow({
    where: { id },
    select: { stampCount: true, rewardsAvailable: true, intermediateAvailable: true, mergedIntoId: true, passUpdatedAt: true },
  });

/** `n` stamps on `serial` through the tablet, as the counter would give them. */
async function stamp(sessionToken: string, serial: string, n: number) {
  await applyCardAction(sessionToken, { kind: "stamp", amount: n, serial, idempotencyKey: randomUUID() });
}

describe("manual correction", () => {
  it("writes an ADJUST event with the reason, moves the counters with it and records the audit trail", async () => {
    const card = await newCard(a, "Petra");
    const result = await correctBalance(a.ctx("MANAGER"), { cardId: card.id, stamps: 4, rewards: 0, intermediate: 0, reason: "Papieren kaart ingeleverd" });
    expect(result.card).toEqual({ stampCount: 4, rewardsAvailable: 0, intermediateAvailable: 0 });
    const events = await db().cardEvent.findMany({ where: { cardId: card.id, type: "ADJUST" } });
    expect(events).toEqual([expect.objectContaining({ amount: 4, stampDelta: 4, rewardDelta: 0, note: "Papieren kaart ingeleverd", actorUserId: a.owner.id })]);
    const audit = await db().auditEvent.findMany({ where: { organizationId: a.org.id, action: "card.adjust", subjectId: card.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ stamps: 4, reason: "Papieren kaart ingeleverd", after: { stampCount: 4 } });
    expect(await drift(a.org.id)).toEqual([]);
  });

  it("counts added stamps like stamps (a full card becomes a reward) and takes rewards off", async () => {
    const card = await newCard(a, "Ruud");
    // The seeded program: 10 stamps for the reward.
    const r1 = await correctBalance(a.ctx("OWNER"), { cardId: card.id, stamps: 12, rewards: 0, intermediate: 0, reason: "Overgezet" });
    expect(r1.card.stampCount).toBe(2);
    expect(r1.card.rewardsAvailable).toBe(1);
    const r2 = await correctBalance(a.ctx("OWNER"), { cardId: card.id, stamps: -2, rewards: -1, intermediate: 0, reason: "Vergissing" });
    expect(r2.card).toMatchObject({ stampCount: 0, rewardsAvailable: 0 });
    expect(await drift(a.org.id)).toEqual([]);
  });

  it("never lets a counter go below zero (409, nothing written)", async () => {
    const card = await newCard(a, "Nul");
    const e = await appError(correctBalance(a.ctx("MANAGER"), { cardId: card.id, stamps: -1, rewards: 0, intermediate: 0, reason: "Te veel" }));
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe("correctionNegative");
    expect(await errorKey(correctBalance(a.ctx("MANAGER"), { cardId: card.id, stamps: 0, rewards: -1, intermediate: 0, reason: "Te veel" }))).toBe(
      "correctionNegative",
    );
    expect(await db().cardEvent.count({ where: { cardId: card.id, type: "ADJUST" } })).toBe(0);
    expect(await db().auditEvent.count({ where: { subjectId: card.id } })).toBe(0);
  });

  it("requires a reason and something to correct (422 with field errors)", async () => {
    const card = await newCard(a, "Leeg");
    const noReason = await appError(correctBalance(a.ctx("MANAGER"), { cardId: card.id, stamps: 1, rewards: 0, intermediate: 0, reason: " " }));
    expect(noReason.status).toBe(422);
    expect(noReason.fieldErrors?.reason).toEqual(["reasonRequired"]);
    const nothing = await appError(correctBalance(a.ctx("MANAGER"), { cardId: card.id, stamps: 0, rewards: 0, intermediate: 0, reason: "Niets" }));
    expect(nothing.fieldErrors?.stamps).toEqual(["nothingToCorrect"]);
  });

  it("is for managers and owners only: staff get 403", async () => {
    const card = await newCard(a, "Staf");
    expect((await appError(correctBalance(a.ctx("STAFF"), { cardId: card.id, stamps: 1, rewards: 0, intermediate: 0, reason: "Probeer" }))).status).toBe(403);
    expect((await counters(card.id)).stampCount).toBe(0);
  });

  it("does not find another merchant's card (404), which stays unchanged", async () => {
    const theirs = b.histories[0].card;
    const before = await counters(theirs.id);
    expect((await appError(correctBalance(a.ctx("OWNER"), { cardId: theirs.id, stamps: 5, rewards: 0, intermediate: 0, reason: "Inbraak" }))).status).toBe(404);
    expect(await counters(theirs.id)).toEqual(before);
  });

  it("a form sent twice corrects once", async () => {
    const card = await newCard(a, "Dubbelklik");
    const input = { cardId: card.id, stamps: 1, rewards: 0, intermediate: 0, reason: "Vergeten stempel", requestId: randomUUID() };
    await correctBalance(a.ctx("MANAGER"), input);
    const again = await correctBalance(a.ctx("MANAGER"), input);
    expect(again.replayed).toBe(true);
    expect((await counters(card.id)).stampCount).toBe(1);
  });

  it("updates the wallet pass like any change: Last-Modified moves and a push job is queued for an installed pass", async () => {
    const card = await newCard(a, "Wallet");
    await db().card.update({ where: { id: card.id }, data: { appleInstalls: 1, passUpdatedAt: new Date(Date.now() - 60_000) } });
    const before = await counters(card.id);
    await correctBalance(a.ctx("MANAGER"), { cardId: card.id, stamps: 2, rewards: 0, intermediate: 0, reason: "Vergeten" });
    expect((await counters(card.id)).passUpdatedAt.getTime()).toBeGreaterThan(before.passUpdatedAt.getTime());
    const jobs = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'apple-card-changed' AND data->>'cardId' = $1`,
      card.id,
    );
    expect(jobs[0].n).toBe(1);
  });
});

describe("merge", () => {
  it("keeps both ledgers, adds the balances up, points the merged card to the survivor, and audits", async () => {
    const t = await tablet(a, "4321");
    const keep = await newCard(a, "Sanne");
    const dup = await newCard(a, "Sanne (2)");
    await stamp(t.sessionToken, keep.serial, 7);
    await stamp(t.sessionToken, dup.serial, 5);
    await correctBalance(a.ctx("MANAGER"), { cardId: dup.id, stamps: 0, rewards: 1, intermediate: 0, reason: "Oude beloning" });
    const dupEventsBefore = await db().cardEvent.count({ where: { cardId: dup.id } });
    const keepEventsBefore = await db().cardEvent.count({ where: { cardId: keep.id } });

    const result = await mergeCards(a.ctx("MANAGER"), { survivorCardId: keep.id, mergedCardId: dup.id });
    // 7 + 5 = 12 stamps: a full card (10) becomes a reward; plus the merged card's reward.
    expect(result.survivor).toMatchObject({ stampCount: 2, rewardsAvailable: 2 });
    expect(await counters(dup.id)).toMatchObject({ stampCount: 0, rewardsAvailable: 0, intermediateAvailable: 0, mergedIntoId: keep.id });
    // Both ledgers kept, each with its MERGE line.
    expect(await db().cardEvent.count({ where: { cardId: dup.id } })).toBe(dupEventsBefore + 1);
    expect(await db().cardEvent.count({ where: { cardId: keep.id } })).toBe(keepEventsBefore + 1);
    const merges = await db().cardEvent.findMany({ where: { cardId: { in: [keep.id, dup.id] }, type: "MERGE" } });
    expect(merges).toHaveLength(2);
    expect(merges.find((e) => e.cardId === dup.id)).toMatchObject({ stampDelta: -5, rewardDelta: -1 });
    expect(await drift(a.org.id)).toEqual([]);
    expect(await db().auditEvent.count({ where: { organizationId: a.org.id, action: "card.merge", subjectId: keep.id } })).toBe(1);
    // The merged card's web card and pass can point to the survivor.
    expect(await mergedInto(a.org.id, dup.id)).toMatchObject({ serial: keep.serial, webToken: keep.webToken });
    expect(await mergedInto(a.org.id, keep.id)).toBeNull();
    const said = await db().walletMessage.findFirstOrThrow({ where: { cardId: dup.id } });
    expect(said).toMatchObject({ header: "Kaart samengevoegd", notify: false });
    expect(said.body).toContain(keep.serial);
  });

  it("refuses a second merge of the same card, and corrections on a merged card", async () => {
    const keep = await newCard(a, "Twee keer");
    const dup = await newCard(a, "Twee keer (2)");
    const other = await newCard(a, "Derde");
    await mergeCards(a.ctx("OWNER"), { survivorCardId: keep.id, mergedCardId: dup.id });
    expect(await errorKey(mergeCards(a.ctx("OWNER"), { survivorCardId: other.id, mergedCardId: dup.id }))).toBe("alreadyMerged");
    expect(await errorKey(mergeCards(a.ctx("OWNER"), { survivorCardId: dup.id, mergedCardId: other.id }))).toBe("alreadyMerged");
    expect(await errorKey(correctBalance(a.ctx("OWNER"), { cardId: dup.id, stamps: 1, rewards: 0, intermediate: 0, reason: "Toch" }))).toBe("cardMerged");
    expect(await drift(a.org.id)).toEqual([]);
  });

  it("only merges two different cards of one program", async () => {
    const card = await newCard(a, "Zelf");
    expect((await appError(mergeCards(a.ctx("OWNER"), { survivorCardId: card.id, mergedCardId: card.id }))).status).toBe(422);
    const lunch = await db().cardProgram.create({
      data: { organizationId: a.org.id, name: "Lunch", stampsRequired: 8, rewardText: "Gratis lunch", status: "PUBLISHED" },
    });
    const customer = await db().customer.create({ data: { organizationId: a.org.id, name: "Lunchgast" } });
    const lunchCard = await db().card.create({
      data: {
        organizationId: a.org.id,
        programId: lunch.id,
        customerId: customer.id,
        serial: `LNCH-${Date.now()}`,
        authToken: randomUUID(),
        webToken: randomUUID(),
      },
    });
    expect(await errorKey(mergeCards(a.ctx("OWNER"), { survivorCardId: card.id, mergedCardId: lunchCard.id }))).toBe("mergeOtherProgram");
  });

  it("is for managers and owners only, and never reaches another merchant's card", async () => {
    const keep = await newCard(a, "Rechten");
    const dup = await newCard(a, "Rechten (2)");
    expect((await appError(mergeCards(a.ctx("STAFF"), { survivorCardId: keep.id, mergedCardId: dup.id }))).status).toBe(403);
    const theirs = b.histories[0].card;
    expect((await appError(mergeCards(a.ctx("OWNER"), { survivorCardId: keep.id, mergedCardId: theirs.id }))).status).toBe(404);
    expect((await appError(mergeCards(a.ctx("OWNER"), { survivorCardId: theirs.id, mergedCardId: dup.id }))).status).toBe(404);
    expect((await counters(dup.id)).mergedIntoId).toBeNull();
    expect((await counters(theirs.id)).mergedIntoId).toBeNull();
  });
});
