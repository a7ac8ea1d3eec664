// The tablet's stamp API as production serves it. Every stamp, redeem and undo
// below is a real HTTP request to a node:http server running the request
// listener scripts/server.ts runs (fastPath, lib/http/fast-path.ts → applyCardAction;
// the Next route dispatches the same, see http-parity.test.ts). Time-based
// rules are met with ledger rows seeded at past times, not with a test clock;
// only the DST test pins the process clock (Date alone), as no seed can move
// "now" onto 2026-10-25.
import { once } from "node:events";
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { fastPath } from "@/lib/http/fast-path";
import { pairDevice, resolveTablet, revokeDevice, setPin, unlockDevice } from "@/lib/stamping/devices";
import { findCards } from "@/lib/stamping/find-cards";
import { en, nl } from "@/lib/i18n/messages";
import { addMember, errorKey, makeMerchant, newCard, tablet } from "./helpers";

type M = Awaited<ReturnType<typeof makeMerchant>>;
type Tablet = Awaited<ReturnType<typeof tablet>>;
type Card = Awaited<ReturnType<typeof newCard>>;
type Counters = { serial: string; stampCount: number; rewardsAvailable: number; intermediateAvailable: number };
/** What POST /api/tablet/actions answers: an applied action, or an error (a rule refusal adds its details). */
type Body = {
  eventId: string;
  kind: string;
  replayed: boolean;
  card: Counters;
  error?: string;
  message?: string;
  rule?: string;
  limit?: number;
  minutes?: number;
  retryAt?: string;
  stampsToday?: number;
};
type Answer = { status: number; body: Body };

const key = () => randomUUID();
const ago = (ms: number) => new Date(Date.now() - ms);

// --- the production listener on a real port ----------------------------------

let base: string;
let server: http.Server;

async function post(authorization: string | null, body: string): Promise<Answer> {
  const res = await fetch(`${base}/api/tablet/actions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const act = (t: Tablet, action: object) => post(`Bearer ${t.sessionToken}`, JSON.stringify({ idempotencyKey: key(), ...action }));
const stamp = (t: Tablet, serial: string, amount = 1, extra: object = {}) => act(t, { kind: "stamp", amount, serial, ...extra });
const redeem = (t: Tablet, serial: string, extra: object = {}) => act(t, { kind: "redeem", serial, ...extra });
const undo = (t: Tablet, serial: string) => act(t, { kind: "undo", serial });

/** The body of a 200 (fails the test on anything else, showing the answer). */
function ok(a: Answer): Body {
  expect(a, JSON.stringify(a.body)).toMatchObject({ status: 200 });
  return a.body;
}

const refused = (rule: string, details: object = {}) => ({ status: 409, body: { error: "RULE_BLOCKED", message: `rule.${rule}`, rule, ...details } });

// --- fixtures ----------------------------------------------------------------

let m: M;
let other: M;
let staff: Tablet;

beforeAll(async () => {
  // What scripts/server.ts runs, with a 404 where it hands everything else to Next.
  server = http.createServer(fastPath((_req, res) => void res.writeHead(404).end()));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  m = await makeMerchant("Koffie Concurrent", { customers: 0 });
  other = await makeMerchant("Andere Zaak", { customers: 1 });
  staff = await tablet(m, "1234");
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const NO_RULES = { visitMinutes: 30, maxStampsPerVisit: 10_000, maxStampsPerDay: 10_000, undoWindowSeconds: 120, requirePinToRedeem: false };
/** A new program's rules (lib/validation/programs.ts STAMP_RULES): 10 stamps per 30 minutes, 15 a day. */
const DEFAULT_RULES = { visitMinutes: 30, maxStampsPerVisit: 10, maxStampsPerDay: 15 };
/** The strict rule the old tests knew as "10 minutes between stamps": one stamp per 10 minutes. */
const ONE_PER_10_MINUTES = { visitMinutes: 10, maxStampsPerVisit: 1 };
/** The program's rules: none in the way, but for `rules`. */
const setRules = (rules: Partial<typeof NO_RULES> = {}) => db().cardProgram.update({ where: { id: m.program.id }, data: { ...NO_RULES, ...rules } });

/** A stamp `t` gave at `at`, written straight into the ledger (the card's counters kept equal to its sums). */
async function pastStamp(card: Card, t: Tablet, at: Date, amount = 1) {
  await db().$transaction([
    db().cardEvent.create({
      data: {
        organizationId: card.organizationId,
        cardId: card.id,
        type: "STAMP",
        amount,
        stampDelta: amount,
        actorUserId: t.user.id,
        locationId: t.principal.locationId,
        deviceId: t.principal.deviceId,
        createdAt: at,
      },
    }),
    db().card.update({ where: { id: card.id }, data: { stampCount: { increment: amount }, totalStamps: { increment: amount }, lastStampAt: at } }),
  ]);
}

async function ledgerMatches(cardId: string) {
  const card = await db().card.findUniqueOrThrow({ where: { id: cardId } });
  const sums = await db().cardEvent.aggregate({ where: { cardId }, _sum: { stampDelta: true, rewardDelta: true, intermediateDelta: true } });
  expect([card.stampCount, card.rewardsAvailable, card.intermediateAvailable]).toEqual([
    sums._sum.stampDelta ?? 0,
    sums._sum.rewardDelta ?? 0,
    sums._sum.intermediateDelta ?? 0,
  ]);
  return card;
}

/** When the Amsterdam calendar day containing `t` began (worked out here with Intl, not by the code under test). */
function amsterdamMidnight(t: Date): Date {
  const at = (f: Intl.DateTimeFormatOptions, d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", hourCycle: "h23", ...f }).format(d);
  const day = at({ year: "numeric", month: "2-digit", day: "2-digit" }, t);
  const [y, mo, d] = day.split("-").map(Number);
  // Amsterdam is UTC+1 or UTC+2 and never changes its clocks at midnight: one of these is it.
  const midnight = [1, 2]
    .map((h) => new Date(Date.UTC(y, mo - 1, d) - h * 3600_000))
    .find((c) => at({ year: "numeric", month: "2-digit", day: "2-digit" }, c) === day && at({ hour: "2-digit", minute: "2-digit" }, c) === "00:00");
  if (!midnight) throw new Error(`no midnight found for ${day}`);
  return midnight;
}

// --- the ledger ----------------------------------------------------------------

describe("stamping over HTTP", () => {
  it("stamps, turns a full card into a reward with carry-over, redeems, and keeps the ledger true", async () => {
    await setRules();
    const card = await newCard(m);
    expect(ok(await stamp(staff, card.serial, 4)).card).toEqual({ serial: card.serial, stampCount: 4, rewardsAvailable: 0, intermediateAvailable: 0 });
    const full = ok(await stamp(staff, card.serial, 7));
    expect(full).toMatchObject({ kind: "STAMP", replayed: false, card: { stampCount: 1, rewardsAvailable: 1, intermediateAvailable: 1 } });
    expect(ok(await redeem(staff, card.serial)).card).toMatchObject({ stampCount: 1, rewardsAvailable: 0 });
    expect(await redeem(staff, card.serial)).toMatchObject({ status: 409, body: { message: "noRewardAvailable" } });
    expect(await ledgerMatches(card.id)).toMatchObject({ totalStamps: 11, totalRedeemed: 1 });
    expect(await db().cardEvent.findUniqueOrThrow({ where: { id: full.eventId } })).toMatchObject({
      actorUserId: staff.user.id,
      locationId: m.location.id,
      deviceId: staff.principal.deviceId,
      amount: 7,
    });
  });

  it("applies an idempotency key once: a replay, or five racing copies, answer with the original event", async () => {
    await setRules();
    const card = await newCard(m);
    const body = JSON.stringify({ kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() });
    const first = ok(await post(`Bearer ${staff.sessionToken}`, body));
    expect(ok(await post(`Bearer ${staff.sessionToken}`, body))).toEqual({ ...first, replayed: true });

    const racing = JSON.stringify({ kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: key() });
    const answers = (await Promise.all(Array.from({ length: 5 }, () => post(`Bearer ${staff.sessionToken}`, racing)))).map(ok);
    expect(new Set(answers.map((a) => a.eventId)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(await db().cardEvent.count({ where: { cardId: card.id, type: "STAMP" } })).toBe(2);

    // A replay is answered before the rules: the tap was applied, whatever the card allows now.
    await setRules(ONE_PER_10_MINUTES);
    expect(ok(await post(`Bearer ${staff.sessionToken}`, body))).toMatchObject({ eventId: first.eventId, replayed: true });
    expect((await ledgerMatches(card.id)).totalStamps).toBe(2);
  });

  it("refuses an idempotency key reused for another card or another action, touching nothing", async () => {
    await setRules();
    const [a, b] = [await newCard(m), await newCard(m)];
    const k = key();
    const send = (body: object) => post(`Bearer ${staff.sessionToken}`, JSON.stringify({ idempotencyKey: k, ...body }));
    const first = ok(await send({ kind: "stamp", amount: 1, serial: a.serial }));
    const reused = { status: 409, body: { error: "CONFLICT", message: "idempotencyKeyReused" } };
    expect(await send({ kind: "stamp", amount: 1, serial: b.serial })).toEqual(reused);
    expect(await send({ kind: "stamp", amount: 1, serial: "ZZZZ-ZZZZ-ZZ" })).toEqual(reused);
    expect(await send({ kind: "undo", serial: a.serial })).toEqual(reused);
    expect(await db().cardEvent.count({ where: { cardId: b.id } })).toBe(1); // its ENROLL only
    expect((await ledgerMatches(b.id)).stampCount).toBe(0);
    // The same request again is still a replay.
    expect(ok(await send({ kind: "stamp", amount: 1, serial: a.serial }))).toEqual({ ...first, replayed: true });
  });

  it("counts 100 concurrent stamps on one card exactly 100 times", async () => {
    await setRules();
    const card = await newCard(m);
    const answers = await Promise.all(Array.from({ length: 100 }, () => stamp(staff, card.serial)));
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const after = await ledgerMatches(card.id);
    expect(after.totalStamps).toBe(100);
    expect(after.stampCount + after.rewardsAvailable * 10).toBe(100);
  });

  it("never lets racing redeems push rewards below zero", async () => {
    await setRules();
    const card = await newCard(m);
    ok(await stamp(staff, card.serial, 20));
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(staff, card.serial)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 409 && a.body.message === "noRewardAvailable")).toHaveLength(8);
    expect((await ledgerMatches(card.id)).rewardsAvailable).toBe(0);
  });

  it("undoes this tablet's last stamp within the undo window, once, and never another tablet's", async () => {
    await setRules({ visitMinutes: 10, maxStampsPerVisit: 2, undoWindowSeconds: 120 });
    const card = await newCard(m);
    ok(await stamp(staff, card.serial, 2));
    const otherTablet = await tablet(m, "5678");
    expect(await undo(otherTablet, card.serial)).toMatchObject({ status: 409, body: { message: "nothingToUndo" } });
    expect(ok(await undo(staff, card.serial))).toMatchObject({ kind: "UNDO", card: { stampCount: 0 } });
    expect(await undo(staff, card.serial)).toMatchObject({ status: 409, body: { message: "nothingToUndo" } });
    // The undone stamps no longer count for the visit.
    ok(await stamp(staff, card.serial, 1));
    expect((await ledgerMatches(card.id)).totalStamps).toBe(1);

    // The window: a stamp 100 s ago can be undone, one 125 s ago no longer.
    const older = await newCard(m);
    await pastStamp(older, staff, ago(125_000));
    await pastStamp(older, staff, ago(100_000));
    expect(ok(await undo(staff, older.serial)).card.stampCount).toBe(1);
    expect(await undo(staff, older.serial)).toMatchObject({ status: 409, body: { message: "nothingToUndo" } });
    await ledgerMatches(older.id);
  });
});

// --- fraud rules -------------------------------------------------------------------

describe("stamp rules, as the tablet meets them", () => {
  it("let normal service through with the defaults: two +1 taps in one visit, one +10 for a group", async () => {
    await setRules(DEFAULT_RULES);
    const card = await newCard(m);
    ok(await stamp(staff, card.serial, 1));
    expect(ok(await stamp(staff, card.serial, 1)).card.stampCount).toBe(2);
    const group = await newCard(m);
    expect(ok(await stamp(staff, group.serial, 10)).card).toMatchObject({ stampCount: 0, rewardsAvailable: 1 });
  });

  it("+3 +3 +3 +1 in one visit make the 10 allowed; +3 on the 9, or a further +1, is refused, saying when one more fits", async () => {
    await setRules(DEFAULT_RULES);
    const card = await newCard(m);
    const first = ago(20 * 60_000);
    await pastStamp(card, staff, first, 3);
    await pastStamp(card, staff, ago(15 * 60_000), 3);
    ok(await stamp(staff, card.serial, 3));
    // 9 in the visit: +3 would make 12; one more fits now, so no time to wait for.
    expect(await stamp(staff, card.serial, 3)).toEqual(refused("maxPerVisit", { limit: 10, minutes: 30 }));
    ok(await stamp(staff, card.serial, 1));
    // 10 in the visit: the next stamp fits once the first +3 has left the 30 minutes.
    expect(await stamp(staff, card.serial, 1)).toEqual(
      refused("maxPerVisit", { limit: 10, minutes: 30, retryAt: new Date(first.getTime() + 30 * 60_000).toISOString() }),
    );
    // Stamps from before the visit do not count for it (from any tablet).
    const regular = await newCard(m);
    await pastStamp(regular, await tablet(m, "2468"), ago(31 * 60_000), 5);
    ok(await stamp(staff, regular.serial, 10));
    expect((await ledgerMatches(card.id)).totalStamps).toBe(10);
  });

  it("refuses the 16th stamp of a day with the defaults, whatever the visits", async () => {
    await setRules(DEFAULT_RULES);
    const card = await newCard(m);
    // Midday in Amsterdam (the server's clock only): this morning's two visits gave 10 and 5.
    const noon = new Date("2026-11-20T11:00:00Z");
    await pastStamp(card, staff, new Date("2026-11-20T07:30:00Z"), 10);
    await pastStamp(card, staff, new Date("2026-11-20T09:30:00Z"), 5);
    vi.useFakeTimers({ toFake: ["Date"], now: noon });
    try {
      expect(await stamp(staff, card.serial, 1)).toEqual(refused("maxPerDay", { limit: 15, stampsToday: 15 }));
    } finally {
      vi.useRealTimers();
    }
    await ledgerMatches(card.id);
  });

  it("caps stamps per card per Amsterdam day: a stamp a second before local midnight is yesterday's, one at midnight today's", async () => {
    await setRules({ maxStampsPerDay: 3 });
    const midnight = amsterdamMidnight(new Date());
    const yesterday = await newCard(m);
    await pastStamp(yesterday, staff, new Date(midnight.getTime() - 1000), 3);
    ok(await stamp(staff, yesterday.serial, 3));
    expect(await stamp(staff, yesterday.serial, 1)).toEqual(refused("maxPerDay", { limit: 3, stampsToday: 3 }));

    const today = await newCard(m);
    await pastStamp(today, staff, midnight, 2);
    ok(await stamp(staff, today.serial, 1));
    expect(await stamp(staff, today.serial, 1)).toEqual(refused("maxPerDay", { limit: 3, stampsToday: 3 }));
  });

  it("counts the 25-hour day of the DST change (2026-10-25, Amsterdam) from 22:00 UTC the evening before", async () => {
    await setRules({ maxStampsPerDay: 3 });
    const card = await newCard(m);
    await pastStamp(card, staff, new Date("2026-10-24T21:30:00Z"), 3); // Saturday 23:30 summer time (UTC+2)
    await pastStamp(card, staff, new Date("2026-10-24T22:30:00Z"), 2); // Sunday 00:30 summer time
    // The server's clock, and only it, on Sunday 23:30 winter time (UTC+1); the tablet's session stays valid in the database.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-10-25T22:30:00Z") });
    try {
      ok(await stamp(staff, card.serial, 1)); // Sunday: 2 + 1, Saturday's 3 not counted
      expect(await stamp(staff, card.serial, 1)).toEqual(refused("maxPerDay", { limit: 3, stampsToday: 3 }));
      vi.setSystemTime(new Date("2026-10-25T23:00:00Z")); // Monday 00:00 winter time
      ok(await stamp(staff, card.serial, 3));
    } finally {
      vi.useRealTimers();
    }
    await ledgerMatches(card.id);
  });

  it("lets a manager's PIN override a refusal, once, recorded on the event; a staff PIN does not", async () => {
    await setRules(ONE_PER_10_MINUTES);
    const manager = await tablet(m, "9999", "MANAGER");
    const card = await newCard(m);
    await pastStamp(card, staff, ago(60_000));
    expect(await stamp(staff, card.serial)).toMatchObject(refused("maxPerVisit"));
    expect(await stamp(staff, card.serial, 1, { overrideBy: staff.memberId, overridePin: "1234" })).toMatchObject({
      status: 403,
      body: { message: "overridePinWrong" },
    });
    const overridden = ok(await stamp(staff, card.serial, 1, { overrideBy: manager.memberId, overridePin: "9999" }));
    expect(await db().cardEvent.findUniqueOrThrow({ where: { id: overridden.eventId } })).toMatchObject({
      overriddenByUserId: manager.user.id,
      actorUserId: staff.user.id,
    });
    expect(await stamp(staff, card.serial)).toMatchObject(refused("maxPerVisit"));
  });

  it("asks the PIN of the staff member on the tablet again to redeem, when the merchant wants that", async () => {
    await setRules({ requirePinToRedeem: true });
    const colleague = await tablet(m, "1357");
    const card = await newCard(m);
    ok(await stamp(staff, card.serial, 10));
    expect(await redeem(staff, card.serial)).toMatchObject({ status: 403, body: { message: "pinRequired" } });
    expect(await redeem(staff, card.serial, { pin: "0000" })).toMatchObject({ status: 403, body: { message: "pinWrong" } });
    expect(await redeem(staff, card.serial, { pin: "1357" })).toMatchObject({ status: 403, body: { message: "pinWrong" } });
    expect(ok(await redeem(staff, card.serial, { pin: "1234" })).card.rewardsAvailable).toBe(0);
    expect(ok(await redeem(colleague, card.serial, { reward: "intermediate", pin: "1357" })).card.intermediateAvailable).toBe(0);
    await setRules();
  });
});

// --- who may stamp what --------------------------------------------------------------

describe("the tablet endpoint's doors", () => {
  it("never stamps, redeems or undoes another merchant's card, even with its QR (serial)", async () => {
    await setRules();
    const theirs = other.histories[0].card;
    const before = await db().card.findUniqueOrThrow({ where: { id: theirs.id } });
    expect(await stamp(staff, theirs.serial)).toMatchObject({ status: 404, body: { message: "cardNotFound" } });
    expect(await redeem(staff, theirs.serial)).toMatchObject({ status: 404, body: { message: "cardNotFound" } });
    expect(await undo(staff, theirs.serial)).toMatchObject({ status: 404, body: { message: "cardNotFound" } });
    expect(await db().card.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before);
  });

  it("takes the card number as typed; refuses bad input, unknown or expired sessions and revoked tablets", async () => {
    await setRules();
    const t = await tablet(m, "8642");
    const card = await newCard(m);
    const auth = `Bearer ${t.sessionToken}`;
    const body = (extra: object = {}) => JSON.stringify({ kind: "stamp", amount: 2, serial: card.serial, idempotencyKey: key(), ...extra });

    expect(ok(await post(auth, body({ serial: ` ${card.serial.replaceAll("-", "").toLowerCase()} ` }))).card.serial).toBe(card.serial);
    expect(await post(auth, body({ serial: "K7QL-2XHD-9P" }))).toMatchObject({ status: 422, body: { fieldErrors: { serial: ["serialInvalid"] } } });
    // …a key both message files have (c).
    expect([nl.validation.serialInvalid, en.validation.serialInvalid, nl.tablet.errors.serialInvalid, en.tablet.errors.serialInvalid].every(Boolean)).toBe(
      true,
    );
    expect(await post(auth, "{not json")).toMatchObject({ status: 400 });
    expect(await post(auth, JSON.stringify({ kind: "stamp", amount: 0 }))).toMatchObject({ status: 422 });
    expect(await post(null, body())).toMatchObject({ status: 401 });
    expect(await post("Bearer nonsense-token-xyz", body())).toMatchObject({ status: 401, body: { message: "deviceRevoked" } });

    await db().deviceSession.updateMany({ where: { deviceId: t.principal.deviceId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await post(auth, body())).toMatchObject({ status: 401, body: { message: "sessionExpired" } });
    await db().deviceSession.updateMany({ where: { deviceId: t.principal.deviceId }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    await revokeDevice(m.ctx("MANAGER"), t.principal.deviceId);
    expect(await post(auth, body())).toMatchObject({ status: 401 });
    expect((await ledgerMatches(card.id)).totalStamps).toBe(2);
  });
});

// --- tablets, PINs, search, and the database's own wall -----------------------------------

describe("tablets and PINs", () => {
  it("locks the PIN pad after repeated wrong PINs, with growing backoff", async () => {
    const { deviceToken } = await pairDevice(m.ctx("MANAGER"), { locationId: m.location.id, name: "Tablet 2" });
    const attempt = (pin: string, at: Date) =>
      unlockDevice({ deviceToken, nextDeviceToken: randomBytes(32).toString("base64url"), memberId: staff.memberId, pin }, at);
    const t0 = new Date();
    for (let i = 0; i < 4; i++) expect(await errorKey(attempt("0001", t0))).toBe("pinWrong");
    expect(await errorKey(attempt("0001", t0))).toBe("pinLocked");
    // Even the right PIN waits out the lock.
    expect(await errorKey(attempt("1234", new Date(t0.getTime() + 10_000)))).toBe("pinLocked");
    await attempt("1234", new Date(t0.getTime() + 31_000));
    const device = await db().device.findFirstOrThrow({ where: { name: "Tablet 2" } });
    expect(device.pinFailures).toBe(0);
  });

  it("refuses a revoked tablet, even with a live session", async () => {
    const t = await tablet(m, "4321");
    await revokeDevice(m.ctx("MANAGER"), t.principal.deviceId);
    expect(await errorKey(resolveTablet(t.sessionToken))).toMatch(/sessionExpired|deviceRevoked/);
    expect(
      await errorKey(unlockDevice({ deviceToken: t.deviceToken, nextDeviceToken: randomBytes(32).toString("base64url"), memberId: t.memberId, pin: "4321" })),
    ).toBe("deviceRevoked");
  });

  it("lets two people share a PIN, and only the person or a higher role set it", async () => {
    const u = await addMember(m.org.id, "STAFF");
    const ms = await db().membership.findFirstOrThrow({ where: { userId: u.id, organizationId: m.org.id } });
    await setPin(m.ctx("OWNER"), { membershipId: ms.id, pin: "1234" }); // the barista's PIN too: no "taken"
    expect(await errorKey(setPin({ orgId: m.org.id, userId: staff.user.id, role: "STAFF" }, { membershipId: ms.id, pin: "2460" }))).toBe("FORBIDDEN");
  });
});

describe("finding a customer on the tablet", () => {
  it("finds by card number or any part of it (a group or more; any case, dashes or not), phone or name — only this merchant's live cards", async () => {
    const shop = await makeMerchant("Zoekzaak", { customers: 0 });
    const searcher = (await tablet(shop, "1111")).principal;
    const femke = await newCard(shop, "Femke van Zoeken");
    await db().customer.update({ where: { id: femke.customerId }, data: { phone: "+31611223344" } });
    await db().card.update({ where: { id: femke.id }, data: { serial: "K7QM-2XHD-9P" } });
    await db().card.update({ where: { id: (await newCard(shop, "Bas")).id }, data: { serial: "ABCD-EFGH-JK" } });
    await db().card.update({ where: { id: (await newCard(other, "Elders")).id }, data: { serial: "K7QM-ZZZZ-22" } });

    const names = async (q: string) => (await findCards(searcher, { q })).map((c) => c.customer.name);
    for (const q of ["K7QM-2XHD-9P", "k7qm 2xhd 9p", "k7qm2xhd9p", "K7QM", "2xhd", "QM-2X", "qm2x", "m2xhd9", "HD-9P", "xhd9p"]) {
      expect(await names(q), q).toEqual(["Femke van Zoeken"]);
    }
    expect(await names("06 11 22 33 44")).toEqual(["Femke van Zoeken"]);
    // Part of a phone number, in any notation, and part of an email (issue 12 §7).
    await db().customer.update({ where: { id: femke.customerId }, data: { email: "femke.zoekt@voorbeeld.nl" } });
    for (const q of ["2233", "06-1122", "0611", "+316112", "FEMKE.ZOEKT", "zoekt@voorbeeld", "@voorbeeld.nl"]) {
      expect(await names(q), q).toEqual(["Femke van Zoeken"]);
    }
    expect(await names("zoeken")).toEqual(["Femke van Zoeken"]);
    expect(await names("ZZZZ")).toEqual([]); // only in another merchant's card
    expect(await names("K7QM-ZZZZ-22")).toEqual([]);
    expect(await names("2XH0")).toEqual([]); // 0 is never in a card number
    await expect(findCards(searcher, { q: "x" })).rejects.toMatchObject({ name: "ZodError" });
    await db().card.update({ where: { id: femke.id }, data: { erasedAt: new Date() } });
    expect(await names("zoeken")).toEqual([]);
    expect(await names("2xhd")).toEqual([]);
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
      withTenantTransaction(m.org.id, (sql) =>
        sql(`INSERT INTO "CardEvent" (id, "organizationId", "cardId", type, amount) VALUES ('x1', $1, $2, 'STAMP', 1)`, [other.org.id, theirs.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await db().card.findUniqueOrThrow({ where: { id: theirs.id } })).stampCount).toBe(theirs.stampCount);
  });
});
