"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { addLocation } from "@/lib/organizations/locations";
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
