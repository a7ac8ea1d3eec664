"use server";
// Webhook endpoints (dashboard → Instellingen → Webhooks): owners and managers.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { createEndpoint, deleteEndpoint, redeliver, sendTestEvent, setEndpointEnabled, updateEndpoint } from "@/lib/webhooks/endpoints";
import { WebhookDeliveryRef, WebhookEndpointEnable, WebhookEndpointRef, WebhookEndpointRequest, WebhookEndpointUpdate } from "@/lib/webhooks/schemas";

const PATH = "/dashboard/settings/webhooks";

export async function createWebhookAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const r = await createEndpoint(ctx, WebhookEndpointRequest.parse(input));
    revalidatePath(PATH);
    return { id: r.id };
  });
}

export async function updateWebhookAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const { endpointId, ...rest } = WebhookEndpointUpdate.parse(input);
    await updateEndpoint(ctx, endpointId, rest);
    revalidatePath(PATH, "layout");
    return null;
  });
}

export async function setWebhookEnabledAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const { endpointId, enabled } = WebhookEndpointEnable.parse(input);
    await setEndpointEnabled(ctx, endpointId, enabled);
    revalidatePath(PATH, "layout");
    return null;
  });
}

export async function deleteWebhookAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await deleteEndpoint(ctx, WebhookEndpointRef.parse(input).endpointId);
    revalidatePath(PATH, "layout");
    return null;
  });
}

export async function sendTestWebhookAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await sendTestEvent(ctx, WebhookEndpointRef.parse(input).endpointId);
    revalidatePath(PATH, "layout");
    return null;
  });
}

export async function redeliverWebhookAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await redeliver(ctx, WebhookDeliveryRef.parse(input).deliveryId);
    revalidatePath(PATH, "layout");
    return null;
  });
}
