// Issue 12 §12: tablet staff — a barista with a name and a PIN only, added by an
// owner or manager. They exist only on the tablet (its name tiles, PIN, lockout,
// stamps), appear in the ledger and the staff figures, never sign in, never
// approve an override, and can be removed: their sessions end, their events stay
// and keep their name. Tablet calls go over real HTTP (tablet-http.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerDb as db } from "@/lib/db/owner";
import { addTabletStaff, changeRole, removeMember, transferOwnership } from "@/lib/organizations/manage-members";
import { listTeamWithFigures, resolveMembership } from "@/lib/organizations/memberships";
import { setPin } from "@/lib/stamping/devices";
import { errorKey, makeMerchant, newCard, type Merchant } from "./helpers";
import { member, pairedTablet, pastStamp, staffSession, startTabletServer, unlock, type TabletServer } from "./tablet-http";

let api: TabletServer;
let m: Merchant;

beforeAll(async () => {
  api = await startTabletServer();
  m = await makeMerchant("Studentenkoffie", { customers: 0 });
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 100, maxStampsPerDay: 100 } });
});
afterAll(() => api.close());

type Tile = { id: string; name: string; role: string };
const tiles = async (d: { token: string; next: string }) =>
  (await api.post<{ members: Tile[] }>("/api/tablet/staff", { deviceToken: d.token, nextDeviceToken: d.next })).body.members;
const stamp = (token: string, serial: string, extra: object = {}) =>
  api.post<{ eventId: string; rule?: string }>(
    "/api/tablet/actions",
    { kind: "stamp", amount: 1, serial, idempotencyKey: crypto.randomUUID(), ...extra },
    token,
  );

describe("adding tablet staff", () => {
  it("owners and managers add a name and a PIN; no account is made, so they cannot sign in", async () => {
    const users = await db().user.count();
    const manager = await member(m, "MANAGER");
    const { id } = await addTabletStaff(manager.ctx, { name: "  Sanne  ", pin: "2580", pinRepeat: "2580" });
    const row = await db().membership.findUniqueOrThrow({ where: { id }, omit: { pinHash: false } });
    expect(row).toMatchObject({ userId: null, displayName: "Sanne", role: "STAFF", removedAt: null });
    expect(row.pinHash).toEqual(expect.any(String));
    expect(await db().user.count()).toBe(users + 1); // the manager only
    // The dashboard's door is a user's membership: tablet staff have none to open it.
    expect(await resolveMembership(manager.userId, m.org.id)).toMatchObject({ ctx: { role: "MANAGER" } });
    expect(await db().membership.count({ where: { organizationId: m.org.id, userId: null, displayName: "Sanne" } })).toBe(1);
  });

  it("refuses staff adding anyone, a PIN typed differently twice, and a name already on the team", async () => {
    const staff = await member(m, "STAFF");
    expect(await errorKey(addTabletStaff(staff.ctx, { name: "Joris", pin: "1234", pinRepeat: "1234" }))).toBe("FORBIDDEN");
    await expect(addTabletStaff(m.ctx("OWNER"), { name: "Joris", pin: "1234", pinRepeat: "1243" })).rejects.toMatchObject({
      name: "ZodError",
      issues: [expect.objectContaining({ path: ["pinRepeat"], message: "pinMismatch" })],
    });
    await expect(addTabletStaff(m.ctx("OWNER"), { name: "Joris", pin: "12", pinRepeat: "12" })).rejects.toMatchObject({ name: "ZodError" });
    await addTabletStaff(m.ctx("OWNER"), { name: "Joris", pin: "1234", pinRepeat: "1234" });
    const taken = addTabletStaff(m.ctx("OWNER"), { name: "joris", pin: "4321", pinRepeat: "4321" });
    await expect(taken).rejects.toMatchObject({ fieldErrors: { name: ["nameTaken"] } });
    // An account holder's name counts too: the tiles must tell people apart.
    await expect(addTabletStaff(m.ctx("OWNER"), { name: staff.name.toUpperCase(), pin: "4321", pinRepeat: "4321" })).rejects.toMatchObject({
      fieldErrors: { name: ["nameTaken"] },
    });
  });

  it("cannot be given another role or the business", async () => {
    const { id } = await addTabletStaff(m.ctx("OWNER"), { name: "Lotte", pin: "1111", pinRepeat: "1111" });
    expect(await errorKey(changeRole(m.ctx("OWNER"), id, { role: "MANAGER" }))).toBe("FORBIDDEN");
    expect(await errorKey(transferOwnership(m.ctx("OWNER"), id))).toBe("FORBIDDEN");
    expect((await db().membership.findUniqueOrThrow({ where: { id } })).role).toBe("STAFF");
    // The database holds to it as well.
    await expect(db().membership.update({ where: { id }, data: { role: "MANAGER" } })).rejects.toThrow(/Membership_tablet_staff_check/);
  });
});

describe("on the tablet", () => {
  it("a name tile, unlock with the PIN, stamp: the event names them, and the staff figure counts it", async () => {
    const { id } = await addTabletStaff(m.ctx("MANAGER"), { name: "Noor", pin: "8642", pinRepeat: "8642" });
    const d = await pairedTablet(m);
    expect(await tiles(d)).toContainEqual({ id, name: "Noor", role: "STAFF" });
    const opened = await unlock(api, d, id, "8642");
    expect(opened).toMatchObject({ status: 200, body: { staffName: "Noor", role: "STAFF" } });
    const card = await newCard(m);
    const done = await stamp(opened.body.sessionToken, card.serial, { amount: 3 });
    expect(done.status).toBe(200);
    expect(await db().cardEvent.findUniqueOrThrow({ where: { id: done.body.eventId } })).toMatchObject({
      actorMembershipId: id,
      actorUserId: null,
      deviceId: d.deviceId,
      amount: 3,
    });
    const team = await listTeamWithFigures(m.ctx("OWNER"));
    expect(team.find((x) => x.id === id)).toMatchObject({ name: "Noor", email: null, tabletOnly: true, hasPin: true, stamps: 3 });
  });

  it("is held to the PIN lockout like everyone", async () => {
    const { id } = await addTabletStaff(m.ctx("MANAGER"), { name: "Bram", pin: "1357", pinRepeat: "1357" });
    const d = await pairedTablet(m);
    for (let i = 0; i < 4; i++) expect(await unlock(api, d, id, "0000")).toMatchObject({ status: 401, body: { message: "pinWrong" } });
    expect(await unlock(api, d, id, "0000")).toMatchObject({ status: 429, body: { message: "pinLocked" } });
    expect(await unlock(api, d, id, "1357")).toMatchObject({ status: 429, body: { message: "pinLocked" } });
    expect((await db().membership.findUniqueOrThrow({ where: { id } })).pinFailures).toBe(5);
  });

  it("cannot approve an override, even with their own PIN; a manager can", async () => {
    await db().cardProgram.update({ where: { id: m.program.id }, data: { visitMinutes: 10, maxStampsPerVisit: 1 } });
    try {
      const { id } = await addTabletStaff(m.ctx("MANAGER"), { name: "Femke", pin: "9753", pinRepeat: "9753" });
      const d = await pairedTablet(m);
      const token = (await unlock(api, d, id, "9753")).body.sessionToken;
      const card = await newCard(m);
      await pastStamp(card, new Date(Date.now() - 60_000));
      expect(await stamp(token, card.serial)).toMatchObject({ status: 409, body: { rule: "maxPerVisit" } });
      expect(await stamp(token, card.serial, { overrideBy: id, overridePin: "9753" })).toMatchObject({ status: 403, body: { message: "overridePinWrong" } });
      const manager = await member(m, "MANAGER", "4444");
      const approved = await stamp(token, card.serial, { overrideBy: manager.membershipId, overridePin: "4444" });
      expect(approved.status).toBe(200);
      expect(await db().cardEvent.findUniqueOrThrow({ where: { id: approved.body.eventId } })).toMatchObject({
        actorMembershipId: id,
        overriddenByUserId: manager.userId,
      });
    } finally {
      await db().cardProgram.update({ where: { id: m.program.id }, data: { visitMinutes: 30, maxStampsPerVisit: 100 } });
    }
  });

  it("a manager changes their PIN: the old one stops working", async () => {
    const { id } = await addTabletStaff(m.ctx("OWNER"), { name: "Daan", pin: "1212", pinRepeat: "1212" });
    const manager = await member(m, "MANAGER");
    await setPin(manager.ctx, { membershipId: id, pin: "3434" });
    const d = await pairedTablet(m);
    expect(await unlock(api, d, id, "1212")).toMatchObject({ status: 401, body: { message: "pinWrong" } });
    expect(await unlock(api, d, id, "3434")).toMatchObject({ status: 200, body: { staffName: "Daan" } });
    // Staff cannot set another's PIN, tablet staff included.
    const staff = await member(m, "STAFF");
    expect(await errorKey(setPin(staff.ctx, { membershipId: id, pin: "5656" }))).toBe("FORBIDDEN");
  });
});

describe("removing tablet staff", () => {
  it("ends their sessions and takes them off the tablet; their events stay and keep their name", async () => {
    const { id } = await addTabletStaff(m.ctx("OWNER"), { name: "Mila", pin: "2468", pinRepeat: "2468" });
    const d = await pairedTablet(m);
    const token = (await unlock(api, d, id, "2468")).body.sessionToken;
    const card = await newCard(m);
    const given = await stamp(token, card.serial);
    expect(given.status).toBe(200);

    const manager = await member(m, "MANAGER");
    await removeMember(manager.ctx, id);

    expect(await stamp(token, card.serial)).toMatchObject({ status: 401 });
    expect(await db().deviceSession.count({ where: { membershipId: id } })).toBe(0);
    expect((await tiles(d)).map((x) => x.id)).not.toContain(id);
    expect(await unlock(api, d, id, "2468")).toMatchObject({ status: 401, body: { message: "pinWrong" } });
    expect((await listTeamWithFigures(m.ctx("OWNER"))).map((x) => x.id)).not.toContain(id);
    expect(await errorKey(setPin(m.ctx("OWNER"), { membershipId: id, pin: "1357" }))).toBe("NOT_FOUND");
    expect(await errorKey(removeMember(m.ctx("OWNER"), id))).toBe("NOT_FOUND");

    // The ledger keeps the event, and the event still leads to the name.
    const event = await db().cardEvent.findUniqueOrThrow({ where: { id: given.body.eventId } });
    expect(event.actorMembershipId).toBe(id);
    expect(await db().membership.findUniqueOrThrow({ where: { id: event.actorMembershipId! }, omit: { pinHash: false } })).toMatchObject({
      displayName: "Mila",
      pinHash: null,
      removedAt: expect.any(Date),
    });
    // The name is free again for someone new.
    await addTabletStaff(m.ctx("OWNER"), { name: "Mila", pin: "1111", pinRepeat: "1111" });
  });
});

describe("the staff figure", () => {
  it("counts every member's stamps of the last 30 days, undone ones not, older events by their user", async () => {
    const shop = await makeMerchant("Cijfers", { customers: 0 });
    await db().cardProgram.update({ where: { id: shop.program.id }, data: { maxStampsPerVisit: 100, maxStampsPerDay: 100 } });
    const barista = await staffSession(api, shop, "1234");
    const card = await newCard(shop);
    expect((await stamp(barista.token, card.serial, { amount: 2 })).status).toBe(200);
    const undone = await stamp(barista.token, card.serial, { amount: 5 });
    expect(undone.status).toBe(200);
    expect((await api.post("/api/tablet/actions", { kind: "undo", serial: card.serial, idempotencyKey: crypto.randomUUID() }, barista.token)).status).toBe(200);
    // Before tablet staff, events named only the user; one of 40 days ago is outside the figure.
    const old = (days: number, amount: number) =>
      db().cardEvent.create({
        data: {
          organizationId: shop.org.id,
          cardId: card.id,
          type: "STAMP",
          amount,
          actorUserId: barista.userId,
          createdAt: new Date(Date.now() - days * 86_400_000),
        },
      });
    await old(3, 4);
    await old(40, 7);
    const team = await listTeamWithFigures(shop.ctx("OWNER"));
    expect(team.find((x) => x.id === barista.membershipId)).toMatchObject({ stamps: 6, tabletOnly: false, email: expect.stringContaining("@") });
    expect(team.find((x) => x.userId === shop.owner.id)).toMatchObject({ stamps: 0 });
  });
});
