// Issue 11 §9–10: team removal, role changes and ownership transfer, each
// ending the affected person's dashboard sessions and tablet access at once;
// the last owner cannot be removed or demoted, not even by two owners at once.
import { beforeAll, describe, expect, it } from "vitest";
import { sessionStillValid } from "@/lib/auth/session-version";
import { ownerDb as db } from "@/lib/db/owner";
import { changeRole, removeMember, transferOwnership } from "@/lib/organizations/manage-members";
import { addMember, errorKey, makeMerchant, type Merchant } from "./helpers";

let m: Merchant;
let other: Merchant;
beforeAll(async () => {
  m = await makeMerchant("Team Koffie", { customers: 0 });
  other = await makeMerchant("Ander Team", { customers: 0 });
});

const membershipOf = (orgId: string, userId: string) => db().membership.findFirst({ where: { organizationId: orgId, userId } });
const version = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;

/** A tablet session of the member `userId` of `orgId` (sessions name their membership). */
async function tabletSession(orgId: string, userId: string) {
  const membership = await db().membership.findFirstOrThrow({ where: { organizationId: orgId, userId } });
  const location = await db().location.findFirstOrThrow({ where: { organizationId: orgId } });
  const device = await db().device.create({
    data: { organizationId: orgId, locationId: location.id, name: "Tablet", tokenHash: `d-${userId}-${Math.random()}` },
  });
  return db().deviceSession.create({
    data: {
      organizationId: orgId,
      deviceId: device.id,
      membershipId: membership.id,
      tokenHash: `s-${userId}-${Math.random()}`,
      expiresAt: new Date(Date.now() + 3600_000),
    },
  });
}

describe("removing a member", () => {
  it("an owner removes a barista: membership, PIN and tablet sessions go, dashboard sessions end", async () => {
    const barista = await addMember(m.org.id, "STAFF");
    const v = await version(barista.id);
    const session = await tabletSession(m.org.id, barista.id);
    await removeMember(m.ctx("OWNER"), (await membershipOf(m.org.id, barista.id))!.id);
    expect(await membershipOf(m.org.id, barista.id)).toBeNull();
    expect(await db().deviceSession.count({ where: { id: session.id } })).toBe(0);
    expect(await sessionStillValid(barista.id, v)).toBe(false);
  });

  it("a manager removes staff but not a manager or owner; staff remove nobody", async () => {
    const manager = await addMember(m.org.id, "MANAGER");
    const staff = await addMember(m.org.id, "STAFF");
    const managerCtx = { orgId: m.org.id, userId: manager.id, role: "MANAGER" as const };
    const otherManager = await addMember(m.org.id, "MANAGER");
    expect(await errorKey(removeMember(managerCtx, (await membershipOf(m.org.id, otherManager.id))!.id))).toBe("FORBIDDEN");
    expect(await errorKey(removeMember(managerCtx, (await membershipOf(m.org.id, m.owner.id))!.id))).toBe("FORBIDDEN");
    const staffCtx = { orgId: m.org.id, userId: staff.id, role: "STAFF" as const };
    expect(await errorKey(removeMember(staffCtx, (await membershipOf(m.org.id, manager.id))!.id))).toBe("FORBIDDEN");
    await removeMember(managerCtx, (await membershipOf(m.org.id, staff.id))!.id);
    expect(await membershipOf(m.org.id, staff.id)).toBeNull();
  });

  it("the last owner cannot be removed or demoted", async () => {
    const own = (await membershipOf(m.org.id, m.owner.id))!.id;
    expect(await errorKey(removeMember(m.ctx("OWNER"), own))).toBe("lastOwner");
    expect(await errorKey(changeRole(m.ctx("OWNER"), own, { role: "MANAGER" }))).toBe("lastOwner");
    expect((await membershipOf(m.org.id, m.owner.id))!.role).toBe("OWNER");
  });

  it("two owners removing each other at the same moment leave one owner", async () => {
    for (let round = 0; round < 5; round++) {
      const t = await makeMerchant(`Twee Eigenaren ${round}`, { customers: 0 });
      const second = await addMember(t.org.id, "OWNER");
      const [a, b] = await Promise.all([membershipOf(t.org.id, t.owner.id), membershipOf(t.org.id, second.id)]);
      const results = await Promise.allSettled([
        removeMember(t.ctx("OWNER"), b!.id),
        removeMember({ orgId: t.org.id, userId: second.id, role: "OWNER" }, a!.id),
      ]);
      expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
      expect(await db().membership.count({ where: { organizationId: t.org.id, role: "OWNER" } })).toBe(1);
    }
  });

  it("another merchant's member is not found", async () => {
    const theirs = (await membershipOf(other.org.id, other.owner.id))!.id;
    expect(await errorKey(removeMember(m.ctx("OWNER"), theirs))).toBe("NOT_FOUND");
    expect(await membershipOf(other.org.id, other.owner.id)).not.toBeNull();
  });
});

describe("changing roles", () => {
  it("an owner promotes staff to manager; the member's sessions end", async () => {
    const s = await addMember(m.org.id, "STAFF");
    const v = await version(s.id);
    await changeRole(m.ctx("OWNER"), (await membershipOf(m.org.id, s.id))!.id, { role: "MANAGER" });
    expect((await membershipOf(m.org.id, s.id))!.role).toBe("MANAGER");
    expect(await sessionStillValid(s.id, v)).toBe(false);
  });

  it("managers cannot change roles; nobody changes their own", async () => {
    const manager = await addMember(m.org.id, "MANAGER");
    const s = await addMember(m.org.id, "STAFF");
    const managerCtx = { orgId: m.org.id, userId: manager.id, role: "MANAGER" as const };
    expect(await errorKey(changeRole(managerCtx, (await membershipOf(m.org.id, s.id))!.id, { role: "MANAGER" }))).toBe("FORBIDDEN");
    expect(await errorKey(changeRole(managerCtx, (await membershipOf(m.org.id, manager.id))!.id, { role: "OWNER" }))).toBe("FORBIDDEN");
  });

  it("rejects a role that does not exist with a validation error", async () => {
    const s = await addMember(m.org.id, "STAFF");
    await expect(changeRole(m.ctx("OWNER"), (await membershipOf(m.org.id, s.id))!.id, { role: "ADMIN" as never })).rejects.toMatchObject({ name: "ZodError" });
  });
});

describe("transferring ownership", () => {
  it("makes a member owner and the previous owner a manager", async () => {
    const t = await makeMerchant("Overdracht", { customers: 0 });
    const heir = await addMember(t.org.id, "MANAGER");
    await transferOwnership(t.ctx("OWNER"), (await membershipOf(t.org.id, heir.id))!.id);
    expect((await membershipOf(t.org.id, heir.id))!.role).toBe("OWNER");
    expect((await membershipOf(t.org.id, t.owner.id))!.role).toBe("MANAGER");
    expect(await errorKey(transferOwnership({ orgId: t.org.id, userId: t.owner.id, role: "MANAGER" }, (await membershipOf(t.org.id, heir.id))!.id))).toBe(
      "FORBIDDEN",
    );
  });
});
