import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { ownerDb as db } from "@/lib/db/owner";
import { acceptInvitation, getInvitation, inviteMember, listPendingInvitations, resendInvitation, revokeInvitation } from "@/lib/organizations/invitations";
import { addMember, makeMerchant, errorKey } from "./helpers";

const lastLinkTo = async (email: string) =>
  (await db().outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } })).text.match(/\/invite\/([A-Za-z0-9_-]+)/)![1];

type M = Awaited<ReturnType<typeof makeMerchant>>;
let m: M;
let other: M;
beforeAll(async () => {
  m = await makeMerchant("Salon Uitnodiging", { customers: 0 });
  other = await makeMerchant("Ander Salon", { customers: 0 });
});

describe("invitations", () => {
  it("invites a new person, who sets a password and joins with the invited role", async () => {
    await inviteMember(m.ctx("OWNER"), { email: "Nieuw@Salon.nl", role: "STAFF" });
    const token = await lastLinkTo("nieuw@salon.nl");
    expect(await getInvitation(token)).toMatchObject({ email: "nieuw@salon.nl", role: "STAFF", existingUserId: null });
    await expect(acceptInvitation({ token }, null)).rejects.toMatchObject({ fieldErrors: { name: ["nameRequired"], password: ["passwordTooShort"] } });
    await acceptInvitation({ token, name: "Nina", password: "knippen-en-kleuren" }, null);
    const user = await authenticate({ email: "nieuw@salon.nl", password: "knippen-en-kleuren" }, { ip: "inv-1" });
    expect(await db().membership.findFirst({ where: { organizationId: m.org.id, userId: user!.id } })).toMatchObject({ role: "STAFF" });
    expect(await errorKey(acceptInvitation({ token, name: "Nina", password: "knippen-en-kleuren" }, null))).toBe("tokenInvalid");
  });

  it("lets an existing account accept only when signed in as the invitee", async () => {
    const existing = await addMember(other.org.id, "STAFF", "bestaand@salon.nl");
    await inviteMember(m.ctx("OWNER"), { email: "bestaand@salon.nl", role: "MANAGER" });
    const token = await lastLinkTo("bestaand@salon.nl");
    expect(await errorKey(acceptInvitation({ token }, null))).toBe("signInToAccept");
    expect(await errorKey(acceptInvitation({ token }, m.owner.id))).toBe("signInToAccept");
    await acceptInvitation({ token }, existing.id);
    expect(await db().membership.count({ where: { userId: existing.id } })).toBe(2);
  });

  it("refuses expired, revoked and superseded links", async () => {
    await inviteMember(m.ctx("OWNER"), { email: "later@salon.nl", role: "STAFF" });
    const first = await lastLinkTo("later@salon.nl");
    const [pending] = (await listPendingInvitations(m.ctx())).filter((i) => i.email === "later@salon.nl");
    await resendInvitation(m.ctx(), pending.id);
    const second = await lastLinkTo("later@salon.nl");
    expect(await getInvitation(first)).toBeNull();
    expect(await getInvitation(second)).not.toBeNull();
    await db().invitation.update({ where: { id: pending.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getInvitation(second)).toBeNull();
    await resendInvitation(m.ctx(), pending.id);
    const third = await lastLinkTo("later@salon.nl");
    await revokeInvitation(m.ctx(), pending.id);
    expect(await errorKey(acceptInvitation({ token: third, name: "L", password: "lang-genoeg-wachtwoord" }, null))).toBe("tokenInvalid");
  });

  it("follows the permission table and the tenant boundary", async () => {
    expect(await errorKey(inviteMember(m.ctx("MANAGER"), { email: "mgr@salon.nl", role: "MANAGER" }))).toBe("FORBIDDEN");
    expect(await errorKey(inviteMember(m.ctx("STAFF"), { email: "st@salon.nl", role: "STAFF" }))).toBe("FORBIDDEN");
    expect(await errorKey(inviteMember(m.ctx(), { email: m.owner.email, role: "STAFF" }))).toBe("alreadyMember");
    await inviteMember(other.ctx(), { email: "van-ander@salon.nl", role: "STAFF" });
    const [theirs] = await listPendingInvitations(other.ctx());
    expect(await errorKey(revokeInvitation(m.ctx(), theirs.id))).toBe("NOT_FOUND");
    expect(await errorKey(resendInvitation(m.ctx(), theirs.id))).toBe("NOT_FOUND");
    expect((await db().invitation.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
  });
});

describe("locations", () => {
  it("stores address, coordinates and opening hours, validates them, and archiving stops the location's tablets", async () => {
    const { addLocation, updateLocation, archiveLocation, listLocationDetails } = await import("@/lib/organizations/locations");
    const { pairDevice } = await import("@/lib/stamping/devices");
    const loc = await addLocation(m.ctx("MANAGER"), { name: "Salon Noord", address: "Voorstraat 1", city: "Utrecht" });
    await updateLocation(m.ctx("MANAGER"), loc.id, {
      name: "Salon Noord",
      latitude: "52.0907",
      longitude: "5.1214",
      mon_open: "09:00",
      mon_close: "17:30",
      sun_open: "",
      sun_close: "",
    });
    expect(await db().location.findUniqueOrThrow({ where: { id: loc.id } })).toMatchObject({
      latitude: 52.0907,
      longitude: 5.1214,
      openingHours: { mon: [["09:00", "17:30"]] },
    });
    await expect(updateLocation(m.ctx("MANAGER"), loc.id, { name: "Salon Noord", tue_open: "18:00", tue_close: "09:00" })).rejects.toMatchObject({
      name: "ZodError",
    });
    await expect(updateLocation(m.ctx("MANAGER"), loc.id, { name: "Salon Noord", latitude: "52.1" })).rejects.toMatchObject({ name: "ZodError" });
    expect(await errorKey(updateLocation(other.ctx("OWNER"), loc.id, { name: "Overgenomen" }))).toBe("NOT_FOUND");
    expect(await errorKey(updateLocation(m.ctx("STAFF"), loc.id, { name: "Staff" }))).toBe("FORBIDDEN");
    const { deviceId } = await pairDevice(m.ctx("MANAGER"), { locationId: loc.id, name: "Noord tablet" });
    await archiveLocation(m.ctx("MANAGER"), loc.id);
    expect((await listLocationDetails(m.ctx())).map((l) => l.id)).not.toContain(loc.id);
    expect((await db().device.findUniqueOrThrow({ where: { id: deviceId } })).revokedAt).not.toBeNull();
  });
});

describe("invitation emails are limited (issue 11 §11)", () => {
  it("a few resends per invitation, then RATE_LIMITED; nothing more is sent", async () => {
    const t = await makeMerchant("Resend Salon", { customers: 0 });
    const { id } = await inviteMember(t.ctx("OWNER"), { email: "vaak@salon.nl", role: "STAFF" });
    const results: string[] = [];
    for (let i = 0; i < 10; i++)
      results.push(
        await resendInvitation(t.ctx("OWNER"), id).then(
          () => "sent",
          (e: { code?: string }) => e.code ?? "error",
        ),
      );
    expect(results.filter((r) => r === "sent").length).toBe(2);
    expect(results.slice(2).every((r) => r === "RATE_LIMITED")).toBe(true);
    expect(await db().outboxEmail.count({ where: { to: "vaak@salon.nl" } })).toBe(3);
  });
});

describe("ids from the browser are parsed before any query (issue 11 §17)", () => {
  it("an operator object as an id is refused and renames nothing", async () => {
    const { updateLocation, archiveLocation } = await import("@/lib/organizations/locations");
    const { revokeInvitation } = await import("@/lib/organizations/invitations");
    const { removeMember } = await import("@/lib/organizations/manage-members");
    const { sendMessage } = await import("@/lib/wallet/messages");
    const t = await makeMerchant("Operator Salon", { customers: 0 });
    const before = await db().location.findMany({ where: { organizationId: t.org.id }, orderBy: { id: "asc" } });
    const hostile = { not: "zzz" } as never;
    for (const attempt of [
      () => updateLocation(t.ctx("OWNER"), hostile, { name: "Gehackt" }),
      () => archiveLocation(t.ctx("OWNER"), hostile),
      () => revokeInvitation(t.ctx("OWNER"), hostile),
      () => removeMember(t.ctx("OWNER"), hostile),
      () => sendMessage(t.ctx("OWNER"), hostile, { header: "x", body: "y" }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ name: "ZodError" });
    }
    expect(await db().location.findMany({ where: { organizationId: t.org.id }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
