// Tablet PINs, as an outside probe attacked them (issue 11, items 1–4): every
// request below is real HTTP to the production request listener (fastPath) and
// the tablet's Next route handlers, concurrent where the attack was.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { setPinAction } from "@/app/actions/team";
import { ownerDb as db } from "@/lib/db/owner";
import { setPin } from "@/lib/stamping/devices";
import type { SetPinRequest } from "@/lib/validation/stamping";
import { errorKey, makeMerchant, newCard, type Merchant } from "./helpers";
import { member, newDeviceToken, ownerOf, pairedTablet, pastStamp, staffSession, startTabletServer, unlock, type TabletServer } from "./tablet-http";

// (b) setPin and its server action take the schema's input type, not `unknown`.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typedSetPin: Equals<Parameters<typeof setPin>[1], z.input<typeof SetPinRequest>> = true;
const typedAction: Equals<Parameters<typeof setPinAction>[0], z.input<typeof SetPinRequest>> = true;
void [typedSetPin, typedAction];

let api: TabletServer;
beforeAll(async () => {
  api = await startTabletServer();
});
afterAll(() => api.close());

type Acted = { eventId: string; card: { stampCount: number; rewardsAvailable: number } };
const act = (token: string, body: object) => api.post<Acted>("/api/tablet/actions", { idempotencyKey: randomUUID(), ...body }, token);
const messages = (answers: { body: { message?: string } }[]) => answers.map((a) => a.body.message);
const count = (keys: (string | undefined)[], key: string) => keys.filter((k) => k === key).length;

describe("1. the PIN pad's lockout holds under concurrent guesses", () => {
  it("counts every one of 30 wrong PINs sent at once, and answers those still in flight with the lock", async () => {
    const m = await makeMerchant("Slot", { customers: 0 });
    const barista = await member(m, "STAFF", "1234");
    const d = await pairedTablet(m);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => unlock(api, d, barista.membershipId, String(5000 + i))));
    // Four free tries are judged "wrong"; the fifth locks, and so does every later one.
    expect(count(messages(answers), "pinWrong")).toBe(4);
    expect(count(messages(answers), "pinLocked")).toBe(26);
    expect(answers.filter((a) => a.body.message === "pinLocked").map((a) => a.status)).toEqual(Array(26).fill(429));
    const device = await db().device.findUniqueOrThrow({ where: { id: d.deviceId } });
    expect(device.pinFailures).toBe(30);
    // 30 failures: the backoff is at its 15-minute cap.
    expect(device.pinLockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // Even the right PIN waits out the lock.
    expect(await unlock(api, d, barista.membershipId, "1234")).toMatchObject({ status: 429, body: { message: "pinLocked" } });
  });

  it("40 wrong PINs and the right one sent at once: only the free tries are judged, and the pad ends locked", async () => {
    const m = await makeMerchant("Slot 2", { customers: 0 });
    const barista = await member(m, "STAFF", "1234");
    const d = await pairedTablet(m);
    const sent = { ...d };
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) =>
        api.post("/api/tablet/unlock", { deviceToken: sent.token, nextDeviceToken: sent.next, memberId: barista.membershipId, pin: String(6000 + i) }),
      ),
      api.post("/api/tablet/unlock", { deviceToken: sent.token, nextDeviceToken: sent.next, memberId: barista.membershipId, pin: "1234" }),
    ]);
    const wrong = answers.slice(0, 40);
    expect(wrong.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    // Four "wrong" before the lock — four more at most if the right PIN came first and reset the count.
    expect(count(messages(wrong), "pinWrong")).toBeLessThanOrEqual(8);
    expect(count(messages(wrong), "pinLocked")).toBeGreaterThanOrEqual(32);
    const right = answers[40];
    expect([200, 429]).toContain(right.status);
    // Whichever order they were judged in, the pad is locked now.
    const now = right.status === 200 ? { ...d, token: d.next, next: newDeviceToken() } : d;
    expect(await unlock(api, now, barista.membershipId, "1234")).toMatchObject({ status: 429, body: { message: "pinLocked" } });
    expect((await db().device.findUniqueOrThrow({ where: { id: d.deviceId } })).pinFailures).toBeGreaterThanOrEqual(36);
  });
});

describe("2. manager-override and redeem PINs are counted like unlock PINs", () => {
  it("locks after wrong override PINs sent at once: on this tablet, and for that manager on every tablet of the business", async () => {
    const m = await makeMerchant("Override", { customers: 0 });
    await db().cardProgram.update({ where: { id: m.program.id }, data: { visitMinutes: 10, maxStampsPerVisit: 1, maxStampsPerDay: 100 } });
    const manager = await member(m, "MANAGER", "9999");
    const s = await staffSession(api, m, "1234");
    const cards = await Promise.all(Array.from({ length: 31 }, () => newCard(m)));
    for (const c of cards) await pastStamp(c, new Date(Date.now() - 60_000));
    const blocked = (serial: string, pin: string) => act(s.token, { kind: "stamp", amount: 1, serial, overrideBy: manager.membershipId, overridePin: pin });

    const answers = await Promise.all(cards.slice(0, 30).map((c, i) => blocked(c.serial, String(7000 + i))));
    expect(count(messages(answers), "overridePinWrong")).toBe(4);
    expect(count(messages(answers), "pinLocked")).toBe(26);
    // The right PIN, now, is refused too …
    expect(await blocked(cards[30].serial, "9999")).toMatchObject({ status: 429, body: { message: "pinLocked" } });
    // … on another tablet as well (the manager's PIN is locked for the whole business) …
    const elsewhere = await staffSession(api, m, "2468");
    expect(
      await act(elsewhere.token, { kind: "stamp", amount: 1, serial: cards[30].serial, overrideBy: manager.membershipId, overridePin: "9999" }),
    ).toMatchObject({ status: 429, body: { message: "pinLocked" } });
    // … and this tablet's PIN pad is locked (per tablet): even its own barista waits.
    expect(await unlock(api, s.device, s.membershipId, "1234")).toMatchObject({ status: 429, body: { message: "pinLocked" } });
    expect(await db().cardEvent.count({ where: { organizationId: m.org.id, overriddenByUserId: { not: null } } })).toBe(0);
    expect((await db().membership.findUniqueOrThrow({ where: { id: manager.membershipId } })).pinFailures).toBe(30);
  });

  it("locks after wrong redeem PINs sent at once", async () => {
    const m = await makeMerchant("Inwissel", { customers: 0 });
    await db().cardProgram.update({
      where: { id: m.program.id },
      data: { maxStampsPerVisit: 100, maxStampsPerDay: 100, requirePinToRedeem: true },
    });
    const s = await staffSession(api, m, "1357");
    const card = await newCard(m);
    expect(await act(s.token, { kind: "stamp", amount: 10, serial: card.serial })).toMatchObject({ status: 200 });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => act(s.token, { kind: "redeem", serial: card.serial, pin: String(8000 + i) })));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(4).fill(403), ...Array(26).fill(429)]);
    expect(await act(s.token, { kind: "redeem", serial: card.serial, pin: "1357" })).toMatchObject({ status: 429, body: { message: "pinLocked" } });
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).rewardsAvailable).toBe(1);
  });
});

describe("3. PINs need not be unique: staff pick themselves, then type their PIN", () => {
  it("lets two people have the same PIN, and never says a PIN is taken", async () => {
    const m = await makeMerchant("Dubbel", { customers: 0 });
    const anna = await member(m, "STAFF");
    const bas = await member(m, "STAFF");
    const carla = await member(m, "STAFF");
    await setPin(m.ctx("OWNER"), { membershipId: anna.membershipId, pin: "4444" });
    await setPin(m.ctx("OWNER"), { membershipId: bas.membershipId, pin: "4444" });
    await setPin(carla.ctx, { membershipId: carla.membershipId, pin: "4444" });
    const d = await pairedTablet(m);
    expect((await unlock(api, d, anna.membershipId, "4444")).body.staffName).toBe(anna.name);
    expect((await unlock(api, d, bas.membershipId, "4444")).body.staffName).toBe(bas.name);
    expect((await unlock(api, d, carla.membershipId, "4444")).body.staffName).toBe(carla.name);
  });

  it("shows the locked tablet the names of its business's people with a PIN; unlock checks the chosen person's PIN only", async () => {
    const m = await makeMerchant("Tegels", { customers: 0 });
    const other = await makeMerchant("Buren", { customers: 0 });
    const owner = await ownerOf(m);
    await setPin(owner.ctx, { membershipId: owner.membershipId, pin: "1111" });
    const manager = await member(m, "MANAGER", "2222");
    const staff = await member(m, "STAFF", "3333");
    await member(m, "STAFF"); // no PIN yet: not on the tablet
    await member(other, "STAFF", "3333");
    const d = await pairedTablet(m);

    const tiles = await api.post<{ members: { id: string; name: string; role: string }[] }>("/api/tablet/staff", { deviceToken: d.token });
    expect(tiles.status).toBe(200);
    expect([...tiles.body.members].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        { id: owner.membershipId, name: owner.name, role: "OWNER" },
        { id: manager.membershipId, name: manager.name, role: "MANAGER" },
        { id: staff.membershipId, name: staff.name, role: "STAFF" },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(await api.post("/api/tablet/staff", { deviceToken: newDeviceToken() })).toMatchObject({ status: 401 });

    // The manager's PIN opens the manager's tile only.
    expect(await unlock(api, d, staff.membershipId, "2222")).toMatchObject({ status: 401, body: { message: "pinWrong" } });
    expect(await unlock(api, d, staff.membershipId, "3333")).toMatchObject({ status: 200, body: { staffName: staff.name } });
    // Nobody chosen, or someone of another business: refused.
    expect(await api.post("/api/tablet/unlock", { deviceToken: d.token, nextDeviceToken: d.next, pin: "3333" })).toMatchObject({ status: 422 });
    const neighbour = await db().membership.findFirstOrThrow({ where: { organizationId: other.org.id, pinHash: { not: null } } });
    expect(await unlock(api, d, neighbour.id, "3333")).toMatchObject({ status: 401, body: { message: "pinWrong" } });
  });

  it("a manager override names the manager: another manager's PIN or a staff PIN does not override", async () => {
    const m = await makeMerchant("Keuze", { customers: 0 });
    await db().cardProgram.update({ where: { id: m.program.id }, data: { visitMinutes: 10, maxStampsPerVisit: 1 } });
    const a = await member(m, "MANAGER", "5555");
    await member(m, "MANAGER", "6666");
    const s = await staffSession(api, m, "1234");
    const card = await newCard(m);
    await pastStamp(card, new Date(Date.now() - 60_000));
    const stamp = (extra: object) => act(s.token, { kind: "stamp", amount: 1, serial: card.serial, ...extra });
    expect(await stamp({ overrideBy: a.membershipId, overridePin: "6666" })).toMatchObject({ status: 403, body: { message: "overridePinWrong" } });
    expect(await stamp({ overrideBy: s.membershipId, overridePin: "1234" })).toMatchObject({ status: 403, body: { message: "overridePinWrong" } });
    expect(await stamp({ overridePin: "5555" })).toMatchObject({ status: 422, body: { fieldErrors: { overrideBy: ["overrideByRequired"] } } });
    const done = await stamp({ overrideBy: a.membershipId, overridePin: "5555" });
    expect(done.status).toBe(200);
    expect(await db().cardEvent.findUniqueOrThrow({ where: { id: done.body.eventId } })).toMatchObject({ overriddenByUserId: a.userId, actorUserId: s.userId });
  });

  it("rate limits setting a PIN", async () => {
    const m = await makeMerchant("Limiet", { customers: 0 });
    const staff = await member(m, "STAFF");
    for (let i = 0; i < 5; i++) await setPin(m.ctx("OWNER"), { membershipId: staff.membershipId, pin: String(1000 + i) });
    expect(await errorKey(setPin(m.ctx("OWNER"), { membershipId: staff.membershipId, pin: "2000" }))).toBe("RATE_LIMITED");
  });
});

describe("4. who may set whose PIN", () => {
  let m: Merchant;
  beforeAll(async () => {
    m = await makeMerchant("Rangen", { customers: 0 });
  });

  it("only the person themselves, or someone of a strictly higher role", async () => {
    const owner = await ownerOf(m);
    const manager = await member(m, "MANAGER");
    const manager2 = await member(m, "MANAGER");
    const staff = await member(m, "STAFF");
    const staff2 = await member(m, "STAFF");
    await setPin(owner.ctx, { membershipId: owner.membershipId, pin: "1111" });
    const ownerHash = (await db().membership.findUniqueOrThrow({ where: { id: owner.membershipId }, omit: { pinHash: false } })).pinHash;

    expect(await errorKey(setPin(manager.ctx, { membershipId: owner.membershipId, pin: "1212" }))).toBe("FORBIDDEN");
    expect(await errorKey(setPin(manager.ctx, { membershipId: manager2.membershipId, pin: "1212" }))).toBe("FORBIDDEN");
    expect(await errorKey(setPin(staff.ctx, { membershipId: staff2.membershipId, pin: "1212" }))).toBe("FORBIDDEN");
    expect((await db().membership.findUniqueOrThrow({ where: { id: owner.membershipId }, omit: { pinHash: false } })).pinHash).toBe(ownerHash);

    await setPin(manager.ctx, { membershipId: staff.membershipId, pin: "1313" });
    await setPin(owner.ctx, { membershipId: manager.membershipId, pin: "1414" });
    await setPin(manager.ctx, { membershipId: manager.membershipId, pin: "1515" });
    await setPin(staff2.ctx, { membershipId: staff2.membershipId, pin: "1616" });
  });

  it("records a PIN set by someone else and shows it to that person", async () => {
    const owner = await ownerOf(m);
    const manager = await member(m, "MANAGER");
    await setPin(owner.ctx, { membershipId: manager.membershipId, pin: "1414" });
    await setPin(manager.ctx, { membershipId: manager.membershipId, pin: "1515" });
    const rows = await db().$queryRawUnsafe<{ changedByUserId: string }[]>(
      `SELECT "changedByUserId" FROM "PinChange" WHERE "membershipId" = $1 ORDER BY "createdAt"`,
      manager.membershipId,
    );
    expect(rows).toEqual([{ changedByUserId: owner.userId }, { changedByUserId: manager.userId }]);
    // Their own change is theirs; the owner's is shown to them.
    const { pinChangesByOthers } = await import("@/lib/stamping/devices");
    expect(await pinChangesByOthers(manager.ctx)).toEqual([{ changedBy: owner.name, at: expect.any(Date) }]);
    expect(await pinChangesByOthers(owner.ctx)).toEqual([]);
  });
});
