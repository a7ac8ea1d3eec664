"use server";
// Dashboard → Stempeltablet: make a pairing code, watch it, unpair a tablet.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { qrSvg } from "@/lib/enrollment/qr";
import { revokeDevice } from "@/lib/stamping/devices";
import { createPairing, pairingStatus } from "@/lib/stamping/pairing";
import { EntityId } from "@/lib/validation/ids";

/** A new one-time code for a location, with its QR code (SVG) of the pairing URL. */
export async function createPairingAction(locationId: string) {
  return tenantAction("MANAGER", async (ctx) => {
    const p = await createPairing(ctx, { locationId });
    return { pairingId: p.pairingId, code: p.code, url: p.url, expiresAt: p.expiresAt.toISOString(), locationName: p.locationName, qr: await qrSvg(p.url) };
  });
}

/** Polled while a code is shown: waiting, expired, or the tablet it paired. */
export async function pairingStatusAction(pairingId: string) {
  return tenantAction("MANAGER", async (ctx) => {
    const status = await pairingStatus(ctx, EntityId.parse(pairingId));
    if (status.state === "paired") revalidatePath("/dashboard/tablet");
    return status;
  });
}

export async function unpairTabletAction(deviceId: string) {
  return tenantAction("MANAGER", async (ctx) => {
    await revokeDevice(ctx, EntityId.parse(deviceId));
    revalidatePath("/dashboard/tablet");
    return null;
  });
}
