"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { runAction } from "@/lib/actions/result";
import { currentUserId, ORG_COOKIE } from "@/lib/auth/session";
import { acceptInvitation, inviteMember, resendInvitation, revokeInvitation } from "@/lib/organizations/invitations";
import { tenantAction } from "@/lib/actions/tenant-action";
import { addLocation, archiveLocation, updateLocation } from "@/lib/organizations/locations";
import { updateTabletSettings } from "@/lib/organizations/tablet-settings";
import { revokeDevice, setPin } from "@/lib/stamping/devices";

const done = () => revalidatePath("/dashboard/team");

export async function setPinAction(input: unknown) {
  return tenantAction("STAFF", async (ctx) => {
    await setPin(ctx, input);
    done();
    return null;
  });
}

export async function revokeDeviceAction(deviceId: string) {
  return tenantAction("MANAGER", async (ctx) => {
    await revokeDevice(ctx, deviceId);
    done();
    return null;
  });
}

export async function addLocationAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await addLocation(ctx, input);
    done();
    return null;
  });
}

export async function tabletSettingsAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await updateTabletSettings(ctx, input);
    done();
    return null;
  });
}

async function inviteTexts() {
  const t = await getTranslations("invite");
  return { subject: (org: string) => t("emailSubject", { org }), body: (org: string, link: string) => t("emailBody", { org, link }) };
}

export async function inviteAction(input: unknown) {
  const texts = await inviteTexts();
  return tenantAction("MANAGER", async (ctx) => {
    await inviteMember(ctx, input, texts);
    done();
    return null;
  });
}

export async function resendInvitationAction(invitationId: string) {
  const texts = await inviteTexts();
  return tenantAction("MANAGER", async (ctx) => {
    await resendInvitation(ctx, invitationId, texts);
    return null;
  });
}

export async function revokeInvitationAction(invitationId: string) {
  return tenantAction("MANAGER", async (ctx) => {
    await revokeInvitation(ctx, invitationId);
    done();
    return null;
  });
}

export async function acceptInvitationAction(input: unknown) {
  return runAction(async () => {
    const accepted = await acceptInvitation(input, await currentUserId());
    // Open the dashboard on the business that invited them.
    (await cookies()).set(ORG_COOKIE, accepted.organizationId, { path: "/", httpOnly: true, sameSite: "lax" });
    return accepted;
  });
}

export async function updateLocationAction(locationId: string, input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await updateLocation(ctx, locationId, input);
    done();
    return null;
  });
}

export async function archiveLocationAction(locationId: string) {
  return tenantAction("MANAGER", async (ctx) => {
    await archiveLocation(ctx, locationId);
    done();
    return null;
  });
}
