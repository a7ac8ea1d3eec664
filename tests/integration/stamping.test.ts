import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { applyCardAction, RuleBlocked } from "@/lib/stamping/card-action";
import { pairDevice, resolveTablet, revokeDevice, setPin, unlockDevice, type TabletPrincipal } from "@/lib/stamping/devices";
import { addMember, makeMerchant, errorKey, newCard, tablet } from "./helpers";

process.env.NEXTAUTH_SECRET ??= "integration-secret-0123456789abcdef";

type M = Awaited<ReturnType<typeof makeMerchant>>;
const key = () => randomUUID();

async function ledgerMatches(cardId: string) {
  const card = await db().card.findUniqueOrThrow({ where: { id: cardId } });
  const sums = await db().cardEvent.aggregate({ where: { cardId }, _sum: { stampDelta: true, rewardDelta: true, intermediateDelta: true } });
  expect([card.stampCount, card.rewardsAvailable, card.intermediateAvailable]).toEqual([sums._sum.stampDelta ?? 0, sums._sum.rewardDelta ?? 0, sums._sum.intermediateDelta ?? 0]);
  return card;
}

let m: M;
let other: M;
let staff: TabletPrincipal;
beforeAll(async () => {
  m = await makeMerchant("Koffie Concurrent", { customers: 0 });
  other = await makeMerchant("Andere Zaak", { customers: 1 });
  staff = (await tablet(m, "1234")).principal;
});

const relax = (programId: string) =>
  db().cardProgram.update({ where: { id: programId }, data: { minMinutesBetweenStamps: 0, maxStampsPerDay: 10_000, maxStampsPerAction: 30 } });
const strict = (programId: string) =>
  db().cardProgram.update({ where: { id: programId }, data: { minMinutesBetweenStamps: 10, maxStampsPerDay: 5, maxStampsPerAction: 3, undoWindowSeconds: 120, requirePinToRedeem: false } });

describe("stamping", () => {
  it("stamps, turns a full card into a reward with carry-over, redeems, and keeps the ledger true", async () => {
    await relax(m.program.id);
    const card = await newCard(m);
    const r1 = await applyCardAction(staff, { kind: "stamp", amount: 4, serial: card.serial, idempotencyKey: key() });
    expect(r1.card).toEqual({ serial: card.serial, stampCount: 4, rewardsAvailable: 0, intermediateAvailable: 0 });
    const r2 = await applyCardAction(staff, { kind: "stamp", amount: 7, serial: card.serial, idempotencyKey: key() });
    expect(r2.card).toMatchObject({ stampCount: 1, rewardsAvailable: 1, intermediateAvailable: 1 });
    const r3 = await applyCardAction(staff, { kind: "redeem", serial: card.serial, idempotencyKey: key() });
    expect(r3.card).toMatchObject({ stampCount: 1, rewardsAvailable: 0 });
    expect(await errorKey(applyCardAction(staff, { kind: "redeem", serial: card.serial, idempotencyKey: key() }))).toBe("noRewardAvailable");
    const after = await ledgerMatches(card.id);
    expect(after).toMatchObject({ totalStamps: 11, totalRedeemed: 1 });
    const event = await db().cardEvent.findUniqueOrThrow({ where: { id: r2.eventId } });
    expect(event).toMatchObject({ actorUserId: staff.userId, locationId: m.location.id, deviceId: staff.deviceId, amount: 7 });
  });

  it("applies an idempotency key once and answers a replay the same way", async () => {
    await relax(m.program.id);
    const card = await newCard(m);
    const k = key();
    const first = await applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: k });
    const again = await applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: k });
    const racing = await Promise.all(Array.from({ length: 5 }, () => applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: k })));
    expect(again).toMatchObject({ eventId: first.eventId, replayed: true, card: { stampCount: 1 } });
    for (const r of racing) expect(r.eventId).toBe(first.eventId);
    expect(await db().cardEvent.count({ where: { cardId: card.id, type: "STAMP" } })).toBe(1);
  });

  it("counts 100 concurrent stamps on one card exactly 100 times", async () => {
    await relax(m.program.id);
    const card = await newCard(m);
    await Promise.all(Array.from({ length: 100 }, () => applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() })));
    const after = await ledgerMatches(card.id);
    expect(after.totalStamps).toBe(100);
    expect(after.stampCount + after.rewardsAvailable * 10).toBe(100);
  });

  it("never lets racing redeems push rewards below zero", async () => {
    await relax(m.program.id);
    const card = await newCard(m);
    await applyCardAction(staff, { kind: "stamp", amount: 20, serial: card.serial, idempotencyKey: key() });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => applyCardAction(staff, { kind: "redeem", serial: card.serial, idempotencyKey: key() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect((await ledgerMatches(card.id)).rewardsAvailable).toBe(0);
  });

  it("undoes the last action of this tablet within the window, once", async () => {
    await strict(m.program.id);
    const card = await newCard(m);
    const t0 = new Date();
    await applyCardAction(staff, { kind: "stamp", amount: 2, serial: card.serial, idempotencyKey: key() }, t0);
    const undo = await applyCardAction(staff, { kind: "undo", serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 60_000));
    expect(undo.card.stampCount).toBe(0);
    expect(await errorKey(applyCardAction(staff, { kind: "undo", serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 61_000)))).toBe("nothingToUndo");
    // After an undo the interval rule no longer counts the undone stamp.
    await applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 62_000));
    expect(await errorKey(applyCardAction(staff, { kind: "undo", serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 62_000 + 121_000)))).toBe("nothingToUndo");
    const other = await tablet(m, "5678");
    expect(await errorKey(applyCardAction(other.principal, { kind: "undo", serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 63_000)))).toBe("nothingToUndo");
    const after = await ledgerMatches(card.id);
    expect(after.totalStamps).toBe(1);
  });
});

describe("fraud rules", () => {
  it("blocks too many stamps at once, too soon, and too many per day — then a manager PIN overrides, logged", async () => {
    await strict(m.program.id);
    const card = await newCard(m);
    const blocked = async (p: Promise<unknown>) => {
      const e = await p.then(() => null, (x: unknown) => x);
      expect(e).toBeInstanceOf(RuleBlocked);
      return (e as RuleBlocked).blocked;
    };
    const t0 = new Date("2026-11-25T09:00:00Z");
    expect(await blocked(applyCardAction(staff, { kind: "stamp", amount: 4, serial: card.serial, idempotencyKey: key() }, t0))).toEqual({ rule: "maxPerAction", limit: 3 });
    await applyCardAction(staff, { kind: "stamp", amount: 3, serial: card.serial, idempotencyKey: key() }, t0);
    const soon = await blocked(applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 9 * 60_000)));
    expect(soon).toEqual({ rule: "minInterval", retryAt: new Date(t0.getTime() + 10 * 60_000) });
    await applyCardAction(staff, { kind: "stamp", amount: 2, serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 10 * 60_000));
    expect(await blocked(applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() }, new Date(t0.getTime() + 30 * 60_000)))).toMatchObject({ rule: "maxPerDay", limit: 5 });

    const manager = await addMember(m.org.id, "MANAGER");
    const mm = await db().membership.findFirstOrThrow({ where: { userId: manager.id, organizationId: m.org.id } });
    await setPin(m.ctx("OWNER"), { membershipId: mm.id, pin: "9999" });
    expect(await errorKey(applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key(), overridePin: "1234" }, new Date(t0.getTime() + 31 * 60_000)))).toBe("overridePinWrong");
    const ok = await applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key(), overridePin: "9999" }, new Date(t0.getTime() + 31 * 60_000));
    expect(await db().cardEvent.findUniqueOrThrow({ where: { id: ok.eventId } })).toMatchObject({ overriddenByUserId: manager.id, actorUserId: staff.userId });
  });

  it("counts the day in Europe/Amsterdam: 23:59 and 00:01 local are different days", async () => {
    await strict(m.program.id);
    await db().cardProgram.update({ where: { id: m.program.id }, data: { minMinutesBetweenStamps: 0, maxStampsPerDay: 3 } });
    const card = await newCard(m);
    // 2026-11-25 23:59 in Amsterdam (UTC+1) is 22:59 UTC.
    await applyCardAction(staff, { kind: "stamp", amount: 3, serial: card.serial, idempotencyKey: key() }, new Date("2026-11-25T22:59:00Z"));
    expect(await errorKey(applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() }, new Date("2026-11-25T22:59:30Z")))).toBe("rule.maxPerDay");
    await applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() }, new Date("2026-11-25T23:01:00Z"));
  });

  it("handles the DST change: the 25-hour day of 2026-10-25 starts at 22:00 UTC the evening before", async () => {
    await db().cardProgram.update({ where: { id: m.program.id }, data: { minMinutesBetweenStamps: 0, maxStampsPerDay: 2 } });
    const card = await newCard(m);
    // 2026-10-24 23:30 Amsterdam (summer time, UTC+2) = 21:30 UTC: still Saturday.
    await applyCardAction(staff, { kind: "stamp", amount: 2, serial: card.serial, idempotencyKey: key() }, new Date("2026-10-24T21:30:00Z"));
    // 22:30 UTC = 00:30 Sunday local: a new day.
    await applyCardAction(staff, { kind: "stamp", amount: 2, serial: card.serial, idempotencyKey: key() }, new Date("2026-10-24T22:30:00Z"));
    // 23:30 Sunday local (winter time, UTC+1) = 22:30 UTC on the 25th: still the same Sunday.
    expect(await errorKey(applyCardAction(staff, { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() }, new Date("2026-10-25T22:30:00Z")))).toBe("rule.maxPerDay");
  });

  it("asks the staff PIN again to redeem when the merchant wants that", async () => {
    await relax(m.program.id);
    await db().cardProgram.update({ where: { id: m.program.id }, data: { requirePinToRedeem: true } });
    const card = await newCard(m);
    await applyCardAction(staff, { kind: "stamp", amount: 10, serial: card.serial, idempotencyKey: key() });
    expect(await errorKey(applyCardAction(staff, { kind: "redeem", serial: card.serial, idempotencyKey: key() }))).toBe("pinRequired");
    expect(await errorKey(applyCardAction(staff, { kind: "redeem", serial: card.serial, idempotencyKey: key(), pin: "0000" }))).toBe("pinRequired");
    await applyCardAction(staff, { kind: "redeem", serial: card.serial, idempotencyKey: key(), pin: "1234" });
    await db().cardProgram.update({ where: { id: m.program.id }, data: { requirePinToRedeem: false } });
  });
});

describe("tablets and PINs", () => {
  it("locks the PIN pad after repeated wrong PINs, with growing backoff", async () => {
    const { deviceToken } = await pairDevice(m.ctx("MANAGER"), { locationId: m.location.id, name: "Tablet 2" });
    const t0 = new Date();
    for (let i = 0; i < 4; i++) expect(await errorKey(unlockDevice({ deviceToken, pin: "0001" }, t0))).toBe("pinWrong");
    expect(await errorKey(unlockDevice({ deviceToken, pin: "0001" }, t0))).toBe("pinLocked");
    // Even the right PIN waits out the lock.
    expect(await errorKey(unlockDevice({ deviceToken, pin: "1234" }, new Date(t0.getTime() + 10_000)))).toBe("pinLocked");
    await unlockDevice({ deviceToken, pin: "1234" }, new Date(t0.getTime() + 31_000));
    const device = await db().device.findFirstOrThrow({ where: { name: "Tablet 2" } });
    expect(device.pinFailures).toBe(0);
  });

  it("refuses a revoked tablet, even with a live session", async () => {
    const t = await tablet(m, "4321");
    const card = await newCard(m);
    await revokeDevice(m.ctx("MANAGER"), t.principal.deviceId);
    expect(await errorKey(resolveTablet(t.sessionToken))).toMatch(/sessionExpired|deviceRevoked/);
    expect(await errorKey(unlockDevice({ deviceToken: t.deviceToken, pin: "4321" }))).toBe("deviceRevoked");
    expect(card.stampCount).toBe(0);
  });

  it("keeps PINs unique per merchant and lets only managers set other people's PINs", async () => {
    const u = await addMember(m.org.id, "STAFF");
    const ms = await db().membership.findFirstOrThrow({ where: { userId: u.id, organizationId: m.org.id } });
    expect(await errorKey(setPin(m.ctx("OWNER"), { membershipId: ms.id, pin: "1234" }))).toBe("pinTaken");
    expect(await errorKey(setPin({ orgId: m.org.id, userId: staff.userId, role: "STAFF" }, { membershipId: ms.id, pin: "2468" }))).toBe("FORBIDDEN");
  });

  it("never stamps another merchant's card, even with its QR (serial)", async () => {
    const theirs = other.histories[0].card;
    const before = await db().card.findUniqueOrThrow({ where: { id: theirs.id } });
    for (const kind of ["stamp", "redeem", "undo"] as const) {
      const input = kind === "stamp" ? { kind, amount: 1 } : { kind };
      expect(await errorKey(applyCardAction(staff, { ...input, serial: theirs.serial, idempotencyKey: key() }))).toBe("cardNotFound");
    }
    expect(await db().card.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before);
  });
});

describe("row-level security behind the SQL hot path", () => {
  it("shows a tenant transaction only its own organization's rows, whatever the SQL says", async () => {
    const { withTenantTransaction } = await import("@/lib/tenancy/tenant-sql");
    const seen = await withTenantTransaction(m.org.id, (sql) => sql<{ organizationId: string }>(`SELECT DISTINCT "organizationId" FROM "Card"`));
    expect(seen).toEqual([{ organizationId: m.org.id }]);
    const theirs = other.histories[0].card;
    const updated = await withTenantTransaction(m.org.id, (sql) => sql(`UPDATE "Card" SET "stampCount" = 99 WHERE id = $1 RETURNING id`, [theirs.id]));
    expect(updated).toEqual([]);
    await expect(
      withTenantTransaction(m.org.id, (sql) => sql(`INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount) VALUES ('x1', $1, $2, 'STAMP', 1)`, [other.org.id, theirs.id])),
    ).rejects.toThrow(/row-level security/);
    expect((await db().card.findUniqueOrThrow({ where: { id: theirs.id } })).stampCount).toBe(theirs.stampCount);
  });
});

describe("the tablet endpoint (session lookup, RLS pin and lock in one round trip)", () => {
  it("stamps with a session token, replays, refuses other merchants' cards, expired sessions and revoked tablets", async () => {
    const { cardActionEndpoint } = await import("@/lib/stamping/action-endpoint");
    await db().cardProgram.update({ where: { id: m.program.id }, data: { minMinutesBetweenStamps: 0, maxStampsPerDay: 100, maxStampsPerAction: 30 } });
    const t = await tablet(m, "8642");
    const card = await newCard(m);
    const body = (extra: object = {}) => JSON.stringify({ kind: "stamp", amount: 2, serial: card.serial, idempotencyKey: key(), ...extra });
    const auth = `Bearer ${t.sessionToken}`;

    const ok = await cardActionEndpoint(auth, body());
    expect(ok).toMatchObject({ status: 200, body: { kind: "STAMP", replayed: false, card: { stampCount: 2 } } });
    const k = key();
    const first = await cardActionEndpoint(auth, body({ idempotencyKey: k }));
    const again = await cardActionEndpoint(auth, body({ idempotencyKey: k }));
    expect(again.body).toMatchObject({ replayed: true, eventId: (first.body as { eventId: string }).eventId });
    expect(await db().cardEvent.findUniqueOrThrow({ where: { id: (first.body as { eventId: string }).eventId } })).toMatchObject({ actorUserId: t.user.id, deviceId: t.principal.deviceId, locationId: m.location.id });

    expect(await cardActionEndpoint(auth, body({ serial: other.histories[0].card.serial }))).toMatchObject({ status: 404, body: { message: "cardNotFound" } });
    expect(await cardActionEndpoint(auth, "{not json")).toMatchObject({ status: 422 });
    expect(await cardActionEndpoint(auth, JSON.stringify({ kind: "stamp", amount: 0 }))).toMatchObject({ status: 422 });
    expect(await cardActionEndpoint(null, body())).toMatchObject({ status: 401 });
    expect(await cardActionEndpoint("Bearer nonsense-token-xyz", body())).toMatchObject({ status: 401, body: { message: "deviceRevoked" } });

    await db().deviceSession.updateMany({ where: { deviceId: t.principal.deviceId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await cardActionEndpoint(auth, body())).toMatchObject({ status: 401, body: { message: "sessionExpired" } });
    await db().deviceSession.updateMany({ where: { deviceId: t.principal.deviceId }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    await revokeDevice(m.ctx("MANAGER"), t.principal.deviceId);
    expect(await cardActionEndpoint(auth, body())).toMatchObject({ status: 401 });
    await ledgerMatches(card.id);
  });
});

describe("the tablet endpoint under concurrency", () => {
  it("counts 50 concurrent stamps on one card through the endpoint exactly 50 times", async () => {
    const { cardActionEndpoint } = await import("@/lib/stamping/action-endpoint");
    await relax(m.program.id);
    const t = await tablet(m, "7531");
    const card = await newCard(m);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => cardActionEndpoint(`Bearer ${t.sessionToken}`, JSON.stringify({ kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() }))),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect((await ledgerMatches(card.id)).totalStamps).toBe(50);
  });
});

describe("finding a customer on the tablet", () => {
  it("finds by card number (any spacing or case), phone (Dutch formats) or part of the name — only this merchant's live cards", async () => {
    const { findCards } = await import("@/lib/stamping/find-cards");
    const customer = await db().customer.create({ data: { organizationId: m.org.id, name: "Femke van Zoeken", phone: "+31611223344" } });
    const { issueCard } = await import("@/lib/cards/issue-card");
    const { tenantDb } = await import("@/lib/tenancy/tenant-db");
    const issued = await tenantDb({ orgId: m.org.id }).$transaction((tx) => issueCard(tx, { orgId: m.org.id, programId: m.program.id, programVersion: 1, customerId: customer.id, idempotencyKey: null }));
    const card = await db().card.findUniqueOrThrow({ where: { id: issued.id } });
    const names = async (q: string) => (await findCards(staff, { q })).map((c) => c.customer.name);
    expect(await names(card.serial.replaceAll("-", " ").toLowerCase())).toEqual(["Femke van Zoeken"]);
    expect(await names("06 11 22 33 44")).toEqual(["Femke van Zoeken"]);
    expect(await names("zoeken")).toEqual(["Femke van Zoeken"]);
    expect(await names(other.histories[0].card.serial)).toEqual([]);
    await expect(findCards(staff, { q: "x" })).rejects.toMatchObject({ name: "ZodError" });
    await db().card.update({ where: { id: card.id }, data: { erasedAt: new Date() } });
    expect(await names("zoeken")).toEqual([]);
  });
});
