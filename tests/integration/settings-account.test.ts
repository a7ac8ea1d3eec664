// Instellingen → Account: a session row per sign-in, listed, ended one by one
// or everywhere; lastSeenAt moves at most every 5 minutes; a password change
// needs the current password and ends the other sessions (this one stays).
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { sessionStillValid, endSessions } from "@/lib/auth/session-version";
import { changePassword, createSession, describeUserAgent, endAllSessions, endSession, listSessions, updateOwnProfile } from "@/lib/auth/sessions";
import { ownerDb as db } from "@/lib/db/owner";
import { appError, makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
const UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
const sv = async (userId = m.owner.id) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;

beforeAll(async () => {
  m = await makeMerchant("Koffiebar Account", { customers: 0 });
});

describe("sessions", () => {
  it("are listed with device and IP, the current one marked, and end one by one", async () => {
    const laptop = await createSession(m.owner.id, { ip: "203.0.113.7", userAgent: UA });
    const phone = await createSession(m.owner.id, { ip: "198.51.100.2", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) CriOS/120" });
    const v = await sv();
    expect(await sessionStillValid(m.owner.id, v, laptop)).toBe(true);
    const list = await listSessions(m.owner.id, laptop);
    expect(list.map((s) => s.id).sort()).toEqual([laptop, phone].sort());
    expect(list.find((s) => s.current)).toMatchObject({ id: laptop, ip: "203.0.113.7" });
    expect(describeUserAgent(list.find((s) => s.id === laptop)!.userAgent)).toEqual({ browser: "Safari", os: "macOS" });
    expect(describeUserAgent(list.find((s) => s.id === phone)!.userAgent)).toEqual({ browser: "Chrome", os: "iOS" });

    await endSession(m.owner.id, phone);
    expect(await sessionStillValid(m.owner.id, v, phone)).toBe(false);
    expect(await sessionStillValid(m.owner.id, v, laptop)).toBe(true);
    expect((await listSessions(m.owner.id, laptop)).map((s) => s.id)).toEqual([laptop]);
    // Someone else's session id ends nothing.
    const other = await createSession(m.owner.id, { ip: null, userAgent: null });
    const stranger = (await makeMerchant("Ander", { customers: 0 })).owner;
    await endSession(stranger.id, other);
    expect(await sessionStillValid(m.owner.id, v, other)).toBe(true);
    await endAllSessions(m.owner.id);
  });

  it("touch lastSeenAt at most every 5 minutes", async () => {
    const id = await createSession(m.owner.id, { ip: "203.0.113.7", userAgent: UA });
    const v = await sv();
    const seen = async () => (await db().userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt;
    const first = await seen();
    const { sessionLive } = await import("@/lib/auth/sessions");
    await sessionLive(m.owner.id, v, id, new Date(first.getTime() + 60_000));
    expect(await seen()).toEqual(first);
    const later = new Date(first.getTime() + 6 * 60_000);
    await sessionLive(m.owner.id, v, id, later);
    expect(await seen()).toEqual(later);
  });

  it("'Overal uitloggen' ends every session, this one and old ones without a row too; 'others' keeps this one", async () => {
    const a = await createSession(m.owner.id, { ip: null, userAgent: UA });
    const b = await createSession(m.owner.id, { ip: null, userAgent: UA });
    const c = await createSession(m.owner.id, { ip: null, userAgent: UA });
    let v = await sv();
    await endAllSessions(m.owner.id, a);
    expect(await sessionStillValid(m.owner.id, v, a)).toBe(true);
    expect(await sessionStillValid(m.owner.id, v, b)).toBe(false);
    expect(await sessionStillValid(m.owner.id, v, c)).toBe(false);
    await endAllSessions(m.owner.id);
    expect(await sessionStillValid(m.owner.id, v, a)).toBe(false);
    // A session from before session rows (version only) ends too.
    expect(await sessionStillValid(m.owner.id, v)).toBe(false);
    v = await sv();
    expect(await sessionStillValid(m.owner.id, v)).toBe(true);
  });

  it("a team change (endSessions) ends the rows as well", async () => {
    const a = await createSession(m.owner.id, { ip: null, userAgent: UA });
    await endSessions([m.owner.id]);
    expect(await sessionStillValid(m.owner.id, await sv(), a)).toBe(false);
    expect(await listSessions(m.owner.id, a)).toEqual([]);
  });
});

describe("own account", () => {
  it("changing the name is audited", async () => {
    await updateOwnProfile(m.ctx(), { name: "Sanne de Vries" });
    expect((await db().user.findUniqueOrThrow({ where: { id: m.owner.id } })).name).toBe("Sanne de Vries");
    expect(await db().auditEvent.count({ where: { organizationId: m.org.id, action: "user.profile" } })).toBe(1);
    expect((await appError(updateOwnProfile(m.ctx(), { name: "  " }))).fieldErrors).toEqual({ name: ["userName"] });
  });

  it("a password change needs the current password, then ends the other sessions and keeps this one", async () => {
    const here = await createSession(m.owner.id, { ip: null, userAgent: UA });
    const there = await createSession(m.owner.id, { ip: null, userAgent: UA });
    const v = await sv();
    expect((await appError(changePassword(m.ctx(), here, { current: "wrong password", password: "nieuw wachtwoord 123" }))).fieldErrors).toEqual({
      current: ["passwordWrong"],
    });
    expect((await appError(changePassword(m.ctx(), here, { current: "correct horse battery", password: "kort" }))).fieldErrors).toEqual({
      password: ["passwordTooShort"],
    });
    await changePassword(m.ctx(), here, { current: "correct horse battery", password: "nieuw wachtwoord 123" });
    const user = await db().user.findUniqueOrThrow({ where: { id: m.owner.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(user.passwordHash, "nieuw wachtwoord 123")).toBe(true);
    expect(await sessionStillValid(m.owner.id, v, here)).toBe(true);
    expect(await sessionStillValid(m.owner.id, v, there)).toBe(false);
    expect(await db().auditEvent.count({ where: { organizationId: m.org.id, action: "user.password" } })).toBe(1);
  });
});
