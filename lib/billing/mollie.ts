// Mollie's REST API v2, the parts billing uses: customers, payments (first and
// recurring), mandates and subscriptions. Configured by MOLLIE_API_KEY and
// MOLLIE_API_URL (docs/billing.md → Mollie configureren); `npm start` and the
// tests point it at the local stand-in (scripts/lib/local-mollie.ts).
//
// A small fetch client rather than @mollie/api-client: that library sends every
// request through an https.Agent pinned to its own bundled CA list, so it cannot
// reach a plain-http (or self-signed) stand-in at all, and the code the tests
// run would not be the code production runs. Every answer is parsed with zod.
import { z } from "zod";
import { env, serviceTimeoutMs } from "@/lib/env";

const Amount = z.object({ currency: z.string(), value: z.string() });
const Metadata = z.record(z.string(), z.unknown()).nullable().optional();

export const PAYMENT_STATUSES = ["open", "pending", "authorized", "paid", "failed", "canceled", "expired"] as const;
export const MolliePayment = z.object({
  id: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  amount: Amount,
  description: z.string(),
  sequenceType: z.enum(["oneoff", "first", "recurring"]).default("oneoff"),
  createdAt: z.string(),
  paidAt: z.string().nullable().optional(),
  failedAt: z.string().nullable().optional(),
  customerId: z.string().nullable().optional(),
  mandateId: z.string().nullable().optional(),
  subscriptionId: z.string().nullable().optional(),
  metadata: Metadata,
  _links: z
    .object({ checkout: z.object({ href: z.string() }).nullable().optional() })
    .passthrough()
    .optional(),
});
export type MolliePayment = z.infer<typeof MolliePayment>;

export const MollieSubscription = z.object({
  id: z.string(),
  status: z.enum(["pending", "active", "canceled", "suspended", "completed"]),
  amount: Amount,
  interval: z.string(),
  startDate: z.string(),
  nextPaymentDate: z.string().nullable().optional(),
  description: z.string(),
  mandateId: z.string().nullable().optional(),
  customerId: z.string(),
  metadata: Metadata,
});
export type MollieSubscription = z.infer<typeof MollieSubscription>;

const MollieCustomer = z.object({ id: z.string() });
const MollieMandate = z.object({ id: z.string(), status: z.enum(["valid", "pending", "invalid"]), method: z.string() });

export class MollieError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`Mollie ${status}: ${detail}`);
  }
}

/** "12.34" ↔ 1234 cents (Mollie's amounts are strings with two decimals). */
export const toAmount = (cents: number) => ({ currency: "EUR", value: (cents / 100).toFixed(2) });
export const fromAmount = (a: { value: string }) => Math.round(Number(a.value) * 100);

async function call<T>(schema: z.ZodType<T>, method: string, path: string, body?: object): Promise<T> {
  const { MOLLIE_API_KEY, MOLLIE_API_URL } = env();
  if (!MOLLIE_API_KEY) throw new Error("billing is off: MOLLIE_API_KEY is not set");
  const base = MOLLIE_API_URL.endsWith("/") ? MOLLIE_API_URL : `${MOLLIE_API_URL}/`;
  const res = await fetch(new URL(path, base), {
    method,
    headers: { Authorization: `Bearer ${MOLLIE_API_KEY}`, Accept: "application/hal+json", "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(serviceTimeoutMs()),
  });
  const text = await res.text();
  if (!res.ok) {
    let detail = text.slice(0, 300);
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
    } catch {}
    throw new MollieError(res.status, detail);
  }
  return schema.parse(text ? JSON.parse(text) : {});
}

/** A GET that answers null for 404 (Mollie does not know the id). */
async function find<T>(schema: z.ZodType<T>, path: string): Promise<T | null> {
  try {
    return await call(schema, "GET", path);
  } catch (e) {
    if (e instanceof MollieError && (e.status === 404 || e.status === 410)) return null;
    throw e;
  }
}

const ID = /^[a-z]{2,4}_[A-Za-z0-9]+$/;
const seg = (id: string) => {
  if (!ID.test(id)) throw new MollieError(404, `not a Mollie id: ${id}`);
  return id;
};

export const mollie = {
  createCustomer: (input: { name: string; email?: string | null; metadata?: object }) =>
    call(MollieCustomer, "POST", "customers", { name: input.name, email: input.email ?? undefined, metadata: input.metadata }),

  /** A payment for a customer: `first` (checkout, creates the mandate) or `recurring` (on the mandate, no checkout). */
  createPayment: (
    customerId: string,
    input: {
      amountCents: number;
      description: string;
      sequenceType: "first" | "recurring";
      redirectUrl?: string;
      webhookUrl: string;
      mandateId?: string;
      method?: string[];
      metadata: object;
    },
  ) =>
    call(MolliePayment, "POST", `customers/${seg(customerId)}/payments`, {
      amount: toAmount(input.amountCents),
      description: input.description,
      sequenceType: input.sequenceType,
      redirectUrl: input.redirectUrl,
      webhookUrl: input.webhookUrl,
      mandateId: input.mandateId,
      method: input.method,
      metadata: input.metadata,
    }),

  getPayment: (id: string) => find(MolliePayment, `payments/${seg(id)}`),

  listMandates: async (customerId: string) =>
    (await call(z.object({ _embedded: z.object({ mandates: z.array(MollieMandate) }) }), "GET", `customers/${seg(customerId)}/mandates`))._embedded.mandates,

  createSubscription: (
    customerId: string,
    input: { amountCents: number; interval: string; startDate: string; description: string; mandateId: string; webhookUrl: string; metadata: object },
  ) =>
    call(MollieSubscription, "POST", `customers/${seg(customerId)}/subscriptions`, {
      amount: toAmount(input.amountCents),
      interval: input.interval,
      startDate: input.startDate,
      description: input.description,
      mandateId: input.mandateId,
      webhookUrl: input.webhookUrl,
      metadata: input.metadata,
    }),

  getSubscription: (customerId: string, id: string) => find(MollieSubscription, `customers/${seg(customerId)}/subscriptions/${seg(id)}`),

  updateSubscription: (
    customerId: string,
    id: string,
    input: { amountCents?: number; interval?: string; startDate?: string; mandateId?: string; metadata?: object },
  ) =>
    call(MollieSubscription, "PATCH", `customers/${seg(customerId)}/subscriptions/${seg(id)}`, {
      amount: input.amountCents === undefined ? undefined : toAmount(input.amountCents),
      interval: input.interval,
      startDate: input.startDate,
      mandateId: input.mandateId,
      metadata: input.metadata,
    }),

  cancelSubscription: async (customerId: string, id: string) => {
    try {
      return await call(MollieSubscription, "DELETE", `customers/${seg(customerId)}/subscriptions/${seg(id)}`);
    } catch (e) {
      // Already cancelled (or gone): the outcome we wanted.
      if (e instanceof MollieError && (e.status === 404 || e.status === 410 || e.status === 422)) return null;
      throw e;
    }
  },
};
