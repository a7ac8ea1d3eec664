// Tablet device tokens and staff sessions (issue 11, item 6): the device token
// is rotated at every unlock and a rotated or revoked token is refused at once;
// a staff session ends after the merchant's idle minutes without activity,
// enforced by the server, without costing the stamp path a round trip.
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { revokeDevice } from "@/lib/stamping/devices";
import { makeMerchant, newCard, type Merchant } from "./helpers";
import { member, newDeviceToken, pairedTablet, pastStamp, staffSession, startTabletServer, unlock, type TabletServer } from "./tablet-http";

let api: TabletServer;
let m: Merchant;

beforeAll(async () => {
  api = await startTabletServer();
  m = await makeMerchant("Tablets", { customers: 0 });
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 10_000, maxStampsPerDay: 10_000 } });
  await db().organization.update({ where: { id: m.org.id }, data: { tabletIdleMinutes: 3 } });
});
afterAll(() => api.close());
afterEach(() => vi.useRealTimers());

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const stamp = (token: string, serial: string, extra: object = {}) =>
  api.post("/api/tablet/actions", { kind: "stamp", amount: 1, serial, idempotencyKey: randomUUID(), ...extra }, token);
const MIN = 60_000;

describe("device tokens", () => {
  it("rotates the token at every unlock: the old one is refused at once, and an unlock whose answer was lost can be sent again", async () => {
    const barista = await member(m, "STAFF", "1234");
    const d = await pairedTablet(m);
    const [t1, t2] = [d.token, d.next];
    expect(await unlock(api, d, barista.membershipId, "1234")).toMatchObject({ status: 200 });
    expect(d.token).toBe(t2);
    // The token before: refused, for unlocking and for the names on the lock screen.
    expect(
      await api.post("/api/tablet/unlock", { deviceToken: t1, nextDeviceToken: newDeviceToken(), memberId: barista.membershipId, pin: "1234" }),
    ).toMatchObject({ status: 401, body: { message: "deviceRevoked" } });
    expect(await api.post("/api/tablet/staff", { deviceToken: t1 })).toMatchObject({ status: 401 });
    // The same request again (the tablet never got the answer): the same tablet, no second rotation.
    expect(await api.post("/api/tablet/unlock", { deviceToken: t1, nextDeviceToken: t2, memberId: barista.membershipId, pin: "1234" })).toMatchObject({
      status: 200,
    });
    expect(await api.post("/api/tablet/staff", { deviceToken: t1, nextDeviceToken: t2 })).toMatchObject({ status: 200 });
    // The next unlock rotates again; both earlier tokens are dead.
    const t3 = d.next;
    expect(await unlock(api, d, barista.membershipId, "1234")).toMatchObject({ status: 200 });
    for (const [old, next] of [
      [t1, t2],
      [t2, newDeviceToken()],
    ]) {
      expect(await api.post("/api/tablet/unlock", { deviceToken: old, nextDeviceToken: next, memberId: barista.membershipId, pin: "1234" })).toMatchObject({
        status: 401,
        body: { message: "deviceRevoked" },
      });
    }
    expect((await db().device.findUniqueOrThrow({ where: { id: d.deviceId } })).tokenHash).toBe(sha256(t3));
  });

  it("refuses a revoked tablet at once: its token, its lock screen's names, its live session", async () => {
    const s = await staffSession(api, m, "2345");
    const card = await newCard(m);
    expect(await stamp(s.token, card.serial)).toMatchObject({ status: 200 });
    await revokeDevice(m.ctx("MANAGER"), s.device.deviceId);
    expect(await unlock(api, s.device, s.membershipId, "2345")).toMatchObject({ status: 401, body: { message: "deviceRevoked" } });
    expect(await api.post("/api/tablet/staff", { deviceToken: s.device.token })).toMatchObject({ status: 401 });
    expect(await stamp(s.token, card.serial)).toMatchObject({ status: 401 });
    expect(await api.get(`/api/tablet/cards?q=Klant`, s.token)).toMatchObject({ status: 401 });
  });
});

describe("the idle lock, on the server", () => {
  /** The server's clock (Date only; the database keeps its own), `ms` from now. */
  const at = (start: number, ms: number) => vi.setSystemTime(new Date(start + ms));

  it("ends a session after the merchant's idle minutes; every action slides it", async () => {
    const s = await staffSession(api, m, "3456");
    const card = await newCard(m);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    at(start, 2 * MIN);
    expect(await stamp(s.token, card.serial)).toMatchObject({ status: 200 });
    at(start, 4.5 * MIN);
    expect(await stamp(s.token, card.serial)).toMatchObject({ status: 200 });
    at(start, 7 * MIN);
    expect(await api.get(`/api/tablet/cards?q=Klant`, s.token)).toMatchObject({ status: 200 });
    at(start, 10.5 * MIN);
    expect(await stamp(s.token, card.serial)).toMatchObject({ status: 401, body: { message: "sessionExpired" } });
    expect(await api.get(`/api/tablet/cards?q=Klant`, s.token)).toMatchObject({ status: 401, body: { message: "sessionExpired" } });

    // Untouched since the unlock: over after the idle minutes.
    const quiet = await staffSession(api, m, "4567");
    at(Date.now(), 3.5 * MIN);
    expect(await stamp(quiet.token, card.serial)).toMatchObject({ status: 401, body: { message: "sessionExpired" } });
  });

  it("takes taps queued while the tablet was offline, made while the session was alive, and no later ones", async () => {
    const s = await staffSession(api, m, "5678");
    const card = await newCard(m);
    const start = Date.now();
    const tap = (minutes: number) => stamp(s.token, card.serial, { occurredAt: new Date(start + minutes * MIN).toISOString() });
    // The network comes back 20 minutes later: the queue is sent in order.
    vi.useFakeTimers({ toFake: ["Date"], now: start + 20 * MIN });
    expect(await tap(2)).toMatchObject({ status: 200 });
    expect(await tap(4.5)).toMatchObject({ status: 200 });
    expect(await tap(7)).toMatchObject({ status: 200 });
    // 4 minutes after the last tap the tablet had locked itself: a tap claiming then is refused.
    expect(await tap(11)).toMatchObject({ status: 401, body: { message: "sessionExpired" } });
  });
});

describe("the stamp path's cost", () => {
  it("stays at two database round trips: a stamp, a replay, a refusal", async () => {
    const s = await staffSession(api, m, "6789");
    const card = await newCard(m);
    const queries = vi.spyOn(pg.Client.prototype, "query");
    const roundTrips = async (send: () => Promise<unknown>) => {
      queries.mockClear();
      await send();
      return queries.mock.calls.length;
    };
    const key = randomUUID();
    expect(await roundTrips(() => stamp(s.token, card.serial, { idempotencyKey: key }))).toBe(2);
    expect(await roundTrips(() => stamp(s.token, card.serial, { idempotencyKey: key }))).toBe(2);
    await db().cardProgram.update({ where: { id: m.program.id }, data: { visitMinutes: 10, maxStampsPerVisit: 1 } });
    const blocked = await newCard(m);
    await pastStamp(blocked, new Date(Date.now() - MIN));
    expect(await roundTrips(async () => expect(await stamp(s.token, blocked.serial)).toMatchObject({ status: 409 }))).toBe(2);
    await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 10_000 } });
    queries.mockRestore();
  });
});
