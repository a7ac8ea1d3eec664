// The webhooks settings' input (the browser form checks with it, the server again).
// Messages are keys under "webhooks.errors".
import { z } from "zod";
import { WebhookEventTypeSchema } from "./events";

const httpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password && u.hostname.length > 0;
  } catch {
    return false;
  }
};

export const WebhookEndpointRequest = z.object({
  url: z.string().trim().min(1, "urlRequired").max(2048, "urlTooLong").refine(httpUrl, "urlInvalid"),
  description: z
    .string()
    .trim()
    .max(200, "descriptionTooLong")
    .optional()
    .transform((v) => v || null),
  events: z.array(WebhookEventTypeSchema, { message: "eventsRequired" }).min(1, "eventsRequired").max(20, "eventsRequired"),
});
export type WebhookEndpointRequest = z.infer<typeof WebhookEndpointRequest>;

const id = z.string().min(1).max(64);
export const WebhookEndpointUpdate = WebhookEndpointRequest.extend({ endpointId: id });
export const WebhookEndpointRef = z.object({ endpointId: id });
export const WebhookEndpointEnable = z.object({ endpointId: id, enabled: z.boolean() });
export const WebhookDeliveryRef = z.object({ deliveryId: id });
