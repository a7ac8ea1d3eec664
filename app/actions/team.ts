"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/result";
import { currentUserId, ORG_COOKIE } from "@/lib/auth/session";
import {
  acceptInvitation,
  inviteMember,
  resendInvitation,
  revokeInvitation,
  type AcceptInvitationRequest,
  type InviteRequest,
} from "@/lib/organizations/invitations";
import { tenantAction } from "@/lib/actions/tenant-action";
import type { TenantContext } from "@/lib/tenancy/context";
import { addLocation, archiveLocation, updateLocation, type LocationInput } from "@/lib/organizations/locations";
import { addTabletStaff, changeRole, removeMember, transferOwnership } from "@/lib/organizations/manage-members";
import { updateTabletSettings, type TabletSettingsRequest } from "@/lib/organizations/tablet-settings";
import { revokeDevice, setPin } from "@/lib/stamping/devices";
import type { AddTabletStaffRequest, SetPinRequest } from "@/lib/validation/stamping";
import type { z } from "zod";

/** A team-page change: run it as a member with `role`, then refresh the page. */
const mutate = (role: TenantContext["role"], fn: (ctx: TenantContext) => Promise<unknown>) =>
  tenantAction(role, async (ctx) => {
    await fn(ctx);
    revalidatePath("/dashboard/team");
    return null;
  });

export async function setPinAction(input: z.input<typeof SetPinRequest>) {
  return mutate("STAFF", (ctx) => setPin(ctx, input));
}

/** Owners and managers add tablet staff (a name and a PIN, no account). */
export async function addTabletStaffAction(input: z.input<typeof AddTabletStaffRequest>) {
  return tenantAction("MANAGER", async (ctx) => {
    const added = await addTabletStaff(ctx, input);
    revalidatePath("/dashboard/team");
    return added;
  });
}

export async function revokeDeviceAction(deviceId: string) {
  return mutate("MANAGER", (ctx) => revokeDevice(ctx, deviceId));
}

export async function addLocationAction(input: LocationInput) {
  return mutate("MANAGER", (ctx) => addLocation(ctx, input));
}

export async function tabletSettingsAction(input: z.input<typeof TabletSettingsRequest>) {
  return mutate("MANAGER", (ctx) => updateTabletSettings(ctx, input));
}

export async function inviteAction(input: z.input<typeof InviteRequest>) {
  return mutate("MANAGER", (ctx) => inviteMember(ctx, input));
}

export async function resendInvitationAction(invitationId: string) {
  return tenantAction("MANAGER", async (ctx) => {
    await resendInvitation(ctx, invitationId);
    return null;
  });
}

export async function revokeInvitationAction(invitationId: string) {
  return mutate("MANAGER", (ctx) => revokeInvitation(ctx, invitationId));
}

export async function acceptInvitationAction(input: z.input<typeof AcceptInvitationRequest>) {
  return runAction(async () => {
    const accepted = await acceptInvitation(input, await currentUserId());
    // Open the dashboard on the business that invited them.
    (await cookies()).set(ORG_COOKIE, accepted.organizationId, { path: "/", httpOnly: true, sameSite: "lax" });
    return accepted;
  });
}

export async function updateLocationAction(locationId: string, input: LocationInput) {
  return mutate("MANAGER", (ctx) => updateLocation(ctx, locationId, input));
}

export async function archiveLocationAction(locationId: string) {
  return mutate("MANAGER", (ctx) => archiveLocation(ctx, locationId));
}

export async function removeMemberAction(membershipId: string) {
  return mutate("MANAGER", (ctx) => removeMember(ctx, membershipId));
}

export async function changeRoleAction(membershipId: string, input: { role: "OWNER" | "MANAGER" | "STAFF" }) {
  return mutate("OWNER", (ctx) => changeRole(ctx, membershipId, input));
}

export async function transferOwnershipAction(membershipId: string) {
  return mutate("OWNER", (ctx) => transferOwnership(ctx, membershipId));
}
