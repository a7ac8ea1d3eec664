// POST /api/billing/mollie: Mollie's webhook (lib/billing/webhook.ts). The body
// is form-encoded `id=tr_…` and nothing else is read from it: the payment's
// state comes from Mollie's API. 200 for handled, repeated and unknown ids
// (so Mollie stops); 400 for a body without an id; 500 only when applying it
// failed (Mollie then retries).
import { handleMollieWebhook } from "@/lib/billing/webhook";
import { billingEnabled } from "@/lib/billing/config";
import { logger } from "@/lib/log/logger";

export const dynamic = "force-dynamic";
const MAX_BYTES = 1024;

export async function POST(req: Request): Promise<Response> {
  if (Number(req.headers.get("content-length")) > MAX_BYTES) return new Response("Payload too large", { status: 413 });
  const text = (await req.text()).slice(0, MAX_BYTES);
  const id = new URLSearchParams(text).get("id")?.trim();
  if (!id || id.length > 64) return new Response("Missing id", { status: 400 });
  if (!billingEnabled()) return new Response("Billing is off", { status: 200 });
  try {
    const outcome = await handleMollieWebhook(id);
    return new Response(outcome, { status: 200 });
  } catch (e) {
    logger.error({ id, error: e instanceof Error ? e.message : String(e) }, "Mollie webhook failed; Mollie will retry");
    return new Response("Error", { status: 500 });
  }
}
