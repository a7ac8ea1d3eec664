// A local server that speaks the parts of Mollie's REST API v2 that billing uses
// (lib/billing/mollie.ts), for tests, the Playwright server and `npm start`:
// customers, customers/{id}/payments (first: a checkout URL; recurring: charged
// on the mandate at once), payments/{id}, customers/{id}/mandates and
// customers/{id}/subscriptions (create, get, update, cancel). Like Mollie it
// checks the Bearer API key, answers HAL JSON (`_links.checkout.href`) and
// errors as {status, title, detail}, and tells the app about a payment only by
// POSTing `id=tr_…` (form-encoded) to the payment's webhookUrl.
//
// The checkout page /checkout/{id} has two buttons, "Betalen" (#mollie-pay) and
// "Mislukt" (#mollie-fail): the payment becomes paid (with a valid mandate for a
// first payment) or failed, the webhook is called and the browser goes back to
// the redirectUrl. Test controls (not Mollie's):
//   POST /_test/subscriptions/{id}/charge?status=paid|failed  the next recurring charge, webhook called
//   POST /_test/replay/{id}                                   the payment's webhook again
//   POST /_test/payments/{id}?status=…                        set a status without a webhook
//   POST /_test/next-recurring?status=paid|failed             how the next on-demand recurring payment ends
import { randomBytes } from "node:crypto";
import http from "node:http";
import { listenDownable, Received } from "./stand-in";

type Json = Record<string, unknown>;
type Payment = {
  id: string;
  status: string;
  amount: { currency: string; value: string };
  description: string;
  sequenceType: "first" | "recurring" | "oneoff";
  customerId: string | null;
  mandateId: string | null;
  subscriptionId: string | null;
  redirectUrl: string | null;
  webhookUrl: string | null;
  metadata: unknown;
  createdAt: string;
  paidAt: string | null;
  failedAt: string | null;
};
type Subscription = {
  id: string;
  customerId: string;
  status: string;
  amount: { currency: string; value: string };
  interval: string;
  startDate: string;
  nextPaymentDate: string;
  description: string;
  mandateId: string | null;
  webhookUrl: string | null;
  metadata: unknown;
  createdAt: string;
  canceledAt: string | null;
};
type Mandate = { id: string; customerId: string; status: "valid"; method: string; createdAt: string };

export type WebhookCall = { id: string; url: string; status: number | null; at: number };

export type LocalMollie = {
  /** MOLLIE_API_URL for the app (…/v2/). */
  url: string;
  /** The stand-in's own address (checkout pages, test controls). */
  base: string;
  apiKey: string;
  payments: Map<string, Payment>;
  subscriptions: Map<string, Subscription>;
  webhooks: WebhookCall[];
  waitForWebhook: (id: string, timeoutMs?: number) => Promise<WebhookCall>;
  /** What the checkout buttons do, for tests without a browser. */
  pay: (paymentId: string, status?: "paid" | "failed" | "canceled" | "expired") => Promise<Payment>;
  charge: (subscriptionId: string, status: "paid" | "failed") => Promise<Payment>;
  replay: (paymentId: string) => Promise<void>;
  setStatus: (paymentId: string, status: string) => void;
  nextRecurring: (status: "paid" | "failed") => void;
  env: () => Record<"MOLLIE_API_KEY" | "MOLLIE_API_URL", string>;
  close: () => Promise<void>;
};

const newId = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;
const FINAL = new Set(["paid", "failed", "canceled", "expired"]);

/** "1 month", "12 months", "14 days" → the date `n` intervals after `date` (YYYY-MM-DD). */
function addInterval(date: string, interval: string): string {
  const [n, unit] = interval.split(" ");
  const d = new Date(`${date}T00:00:00Z`);
  if (unit.startsWith("month")) d.setUTCMonth(d.getUTCMonth() + Number(n));
  else if (unit.startsWith("week")) d.setUTCDate(d.getUTCDate() + 7 * Number(n));
  else d.setUTCDate(d.getUTCDate() + Number(n));
  return d.toISOString().slice(0, 10);
}

export async function startLocalMollie(opts: { apiKey?: string; port?: number; log?: (line: string) => void } = {}): Promise<LocalMollie> {
  const apiKey = opts.apiKey ?? `test_${randomBytes(15).toString("hex")}`;
  const customers = new Map<string, Json>();
  const payments = new Map<string, Payment>();
  const subscriptions = new Map<string, Subscription>();
  const mandates = new Map<string, Mandate>();
  const webhooks = new Received<WebhookCall>();
  let nextRecurringStatus: "paid" | "failed" = "paid";
  let base = "";

  const paymentJson = (p: Payment) => ({
    resource: "payment",
    mode: "test",
    ...p,
    _links: {
      self: { href: `${base}/v2/payments/${p.id}`, type: "application/hal+json" },
      checkout: p.sequenceType === "first" && p.status === "open" ? { href: `${base}/checkout/${p.id}`, type: "text/html" } : undefined,
    },
  });
  const subscriptionJson = (s: Subscription) => ({ resource: "subscription", mode: "test", ...s, _links: {} });

  async function callWebhook(p: Payment) {
    if (!p.webhookUrl) return;
    let status: number | null = null;
    try {
      const res = await fetch(p.webhookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ id: p.id }).toString(),
        signal: AbortSignal.timeout(20_000),
      });
      status = res.status;
      await res.text();
    } catch {
      status = null;
    }
    opts.log?.(`Mollie webhook ${p.id} (${p.status}) → ${status ?? "no answer"}`);
    webhooks.add({ id: p.id, url: p.webhookUrl, status, at: Date.now() });
  }

  function settle(p: Payment, status: string) {
    p.status = status;
    const now = new Date().toISOString();
    if (status === "paid") {
      p.paidAt = now;
      if (p.sequenceType === "first" && p.customerId) {
        const mandate: Mandate = { id: newId("mdt"), customerId: p.customerId, status: "valid", method: "directdebit", createdAt: now };
        mandates.set(mandate.id, mandate);
        p.mandateId = mandate.id;
      }
    }
    if (status === "failed") p.failedAt = now;
    return p;
  }

  function newPayment(input: Partial<Payment> & Pick<Payment, "amount" | "description" | "sequenceType">): Payment {
    const p: Payment = {
      id: newId("tr"),
      status: "open",
      customerId: null,
      mandateId: null,
      subscriptionId: null,
      redirectUrl: null,
      webhookUrl: null,
      metadata: null,
      createdAt: new Date().toISOString(),
      paidAt: null,
      failedAt: null,
      ...input,
    };
    payments.set(p.id, p);
    return p;
  }

  async function charge(subscriptionId: string, status: "paid" | "failed") {
    const s = subscriptions.get(subscriptionId);
    if (!s || s.status !== "active") throw new Error(`no active subscription ${subscriptionId}`);
    const p = newPayment({
      amount: s.amount,
      description: s.description,
      sequenceType: "recurring",
      customerId: s.customerId,
      mandateId: s.mandateId,
      subscriptionId: s.id,
      webhookUrl: s.webhookUrl,
      metadata: s.metadata,
      status: "pending",
      createdAt: `${s.nextPaymentDate}T06:00:00.000Z`,
    });
    s.nextPaymentDate = addInterval(s.nextPaymentDate, s.interval);
    settle(p, status);
    await callWebhook(p);
    return p;
  }

  async function pay(id: string, status: "paid" | "failed" | "canceled" | "expired" = "paid") {
    const p = payments.get(id);
    if (!p) throw new Error(`no payment ${id}`);
    if (FINAL.has(p.status)) return p;
    settle(p, status);
    await callWebhook(p);
    return p;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void handle(req, Buffer.concat(chunks).toString(), res).catch((e) => {
        res.writeHead(500, { "content-type": "application/hal+json" });
        res.end(JSON.stringify({ status: 500, title: "Internal Server Error", detail: String(e) }));
      });
    });
  });

  async function handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://local");
    const path = url.pathname;
    const method = req.method ?? "GET";
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/hal+json" });
      res.end(JSON.stringify(body));
    };
    const error = (status: number, title: string, detail: string) => send(status, { status, title, detail });
    const html = (body: string) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    };
    let m: RegExpExecArray | null;

    // ---- the checkout page (a browser, no API key)
    if ((m = /^\/checkout\/(tr_\w+)$/.exec(path)) && method === "GET") {
      const p = payments.get(m[1]);
      if (!p) return error(404, "Not Found", "No payment exists with token " + m[1]);
      return html(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Mollie (lokaal) — ${esc(p.description)}</title></head>
<body style="font-family:sans-serif;max-width:30rem;margin:3rem auto">
<h1>iDEAL — testbetaling</h1><p>${esc(p.description)}</p><p><strong>€ ${esc(p.amount.value)}</strong></p><p>Status: ${esc(p.status)}</p>
<form method="post" action="/checkout/${p.id}/paid"><button id="mollie-pay" type="submit">Betalen</button></form>
<form method="post" action="/checkout/${p.id}/failed"><button id="mollie-fail" type="submit">Mislukt</button></form>
</body></html>`);
    }
    if ((m = /^\/checkout\/(tr_\w+)\/(paid|failed)$/.exec(path)) && method === "POST") {
      const p = payments.get(m[1]);
      if (!p) return error(404, "Not Found", "No payment exists with token " + m[1]);
      await pay(p.id, m[2] as "paid" | "failed");
      res.writeHead(303, { location: p.redirectUrl ?? "/" });
      return res.end();
    }

    // ---- test controls
    if (path.startsWith("/_test/") && method === "POST") {
      const status = url.searchParams.get("status") ?? "paid";
      if ((m = /^\/_test\/subscriptions\/(sub_\w+)\/charge$/.exec(path))) {
        try {
          return send(201, paymentJson(await charge(m[1], status === "failed" ? "failed" : "paid")));
        } catch (e) {
          return error(422, "Unprocessable Entity", String(e));
        }
      }
      if ((m = /^\/_test\/replay\/(tr_\w+)$/.exec(path))) {
        const p = payments.get(m[1]);
        if (!p) return error(404, "Not Found", "unknown payment");
        await callWebhook(p);
        return send(200, paymentJson(p));
      }
      if ((m = /^\/_test\/payments\/(tr_\w+)$/.exec(path))) {
        const p = payments.get(m[1]);
        if (!p) return error(404, "Not Found", "unknown payment");
        return send(200, paymentJson(settle(p, status)));
      }
      if (path === "/_test/next-recurring") {
        nextRecurringStatus = status === "failed" ? "failed" : "paid";
        return send(200, { nextRecurring: nextRecurringStatus });
      }
      return error(404, "Not Found", "unknown test control");
    }

    // ---- the API
    if (!path.startsWith("/v2/")) return error(404, "Not Found", "The resource could not be found.");
    if (req.headers.authorization !== `Bearer ${apiKey}`) return error(401, "Unauthorized Request", "Missing authentication, or failed to authenticate");
    let body: Json = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        return error(400, "Bad Request", "The request body is not valid JSON");
      }
    }
    const amountOf = (v: unknown) => {
      const a = v as { currency?: string; value?: string } | undefined;
      return a && a.currency === "EUR" && typeof a.value === "string" && /^\d+\.\d{2}$/.test(a.value) ? { currency: "EUR", value: a.value } : null;
    };
    const api = path.slice(3);

    if (api === "/customers" && method === "POST") {
      const c = {
        resource: "customer",
        id: newId("cst"),
        name: body.name ?? null,
        email: body.email ?? null,
        metadata: body.metadata ?? null,
        createdAt: new Date().toISOString(),
      };
      customers.set(c.id, c);
      return send(201, c);
    }
    if ((m = /^\/customers\/(cst_\w+)\/payments$/.exec(api)) && method === "POST") {
      const customerId = m[1];
      if (!customers.has(customerId)) return error(404, "Not Found", "No customer exists with token " + customerId);
      const amount = amountOf(body.amount);
      if (!amount) return error(422, "Unprocessable Entity", "The amount is invalid");
      if (typeof body.description !== "string" || !body.description) return error(422, "Unprocessable Entity", "The description is required");
      const sequenceType = body.sequenceType === "recurring" ? "recurring" : body.sequenceType === "first" ? "first" : "oneoff";
      if (sequenceType !== "recurring" && typeof body.redirectUrl !== "string") return error(422, "Unprocessable Entity", "The redirect URL is required");
      const common = {
        amount,
        description: body.description,
        customerId,
        redirectUrl: (body.redirectUrl as string) ?? null,
        webhookUrl: (body.webhookUrl as string) ?? null,
        metadata: body.metadata ?? null,
      };
      if (sequenceType === "recurring") {
        const mandate = [...mandates.values()].find((x) => x.customerId === customerId && (!body.mandateId || x.id === body.mandateId));
        if (!mandate) return error(422, "Unprocessable Entity", "The customer has no valid mandate");
        const p = newPayment({ ...common, sequenceType, mandateId: mandate.id, status: "pending" });
        // SEPA takes days; here it settles right after the answer.
        setTimeout(() => void (async () => (settle(p, nextRecurringStatus), await callWebhook(p)))(), 50);
        return send(201, paymentJson(p));
      }
      return send(201, paymentJson(newPayment({ ...common, sequenceType })));
    }
    if ((m = /^\/payments\/(tr_\w+)$/.exec(api)) && method === "GET") {
      const p = payments.get(m[1]);
      return p ? send(200, paymentJson(p)) : error(404, "Not Found", "No payment exists with token " + m[1]);
    }
    if ((m = /^\/customers\/(cst_\w+)\/mandates$/.exec(api)) && method === "GET") {
      const list = [...mandates.values()].filter((x) => x.customerId === m![1]).map((x) => ({ resource: "mandate", ...x }));
      return send(200, { count: list.length, _embedded: { mandates: list }, _links: {} });
    }
    if ((m = /^\/customers\/(cst_\w+)\/subscriptions$/.exec(api)) && method === "POST") {
      const customerId = m[1];
      if (!customers.has(customerId)) return error(404, "Not Found", "No customer exists with token " + customerId);
      const amount = amountOf(body.amount);
      if (!amount) return error(422, "Unprocessable Entity", "The amount is invalid");
      if (typeof body.interval !== "string" || !/^\d+ (days?|weeks?|months?)$/.test(body.interval))
        return error(422, "Unprocessable Entity", "The interval is invalid");
      const mandate = [...mandates.values()].find((x) => x.customerId === customerId && (!body.mandateId || x.id === body.mandateId));
      if (!mandate) return error(422, "Unprocessable Entity", "The customer has no valid mandate");
      const description = String(body.description ?? "");
      if ([...subscriptions.values()].some((s) => s.customerId === customerId && s.status === "active" && s.description === description))
        return error(422, "Unprocessable Entity", "The description is not unique for this customer");
      const startDate = typeof body.startDate === "string" ? body.startDate : new Date().toISOString().slice(0, 10);
      const s: Subscription = {
        id: newId("sub"),
        customerId,
        status: "active",
        amount,
        interval: body.interval,
        startDate,
        nextPaymentDate: startDate,
        description,
        mandateId: mandate.id,
        webhookUrl: (body.webhookUrl as string) ?? null,
        metadata: body.metadata ?? null,
        createdAt: new Date().toISOString(),
        canceledAt: null,
      };
      subscriptions.set(s.id, s);
      return send(201, subscriptionJson(s));
    }
    if ((m = /^\/customers\/(cst_\w+)\/subscriptions\/(sub_\w+)$/.exec(api))) {
      const s = subscriptions.get(m[2]);
      if (!s || s.customerId !== m[1]) return error(404, "Not Found", "No subscription exists with token " + m[2]);
      if (method === "GET") return send(200, subscriptionJson(s));
      if (method === "DELETE") {
        if (s.status === "canceled") return error(422, "Unprocessable Entity", "The subscription has been canceled");
        s.status = "canceled";
        s.canceledAt = new Date().toISOString();
        return send(200, subscriptionJson(s));
      }
      if (method === "PATCH") {
        if (s.status === "canceled") return error(422, "Unprocessable Entity", "The subscription has been canceled");
        if (body.amount !== undefined) {
          const amount = amountOf(body.amount);
          if (!amount) return error(422, "Unprocessable Entity", "The amount is invalid");
          s.amount = amount;
        }
        if (typeof body.interval === "string") s.interval = body.interval;
        if (typeof body.startDate === "string") s.nextPaymentDate = s.startDate = body.startDate;
        if (typeof body.mandateId === "string") s.mandateId = body.mandateId;
        if (body.metadata !== undefined) s.metadata = body.metadata;
        return send(200, subscriptionJson(s));
      }
    }
    return error(404, "Not Found", "The resource could not be found.");
  }

  const { port, stop } = await listenDownable(server, opts.port);
  base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/v2/`,
    base,
    apiKey,
    payments,
    subscriptions,
    webhooks: webhooks.items,
    waitForWebhook: (id, timeoutMs = 15_000) => webhooks.waitFor((w) => w.id === id, timeoutMs, `no webhook for ${id}`),
    pay,
    charge,
    replay: async (id) => {
      const p = payments.get(id);
      if (p) await callWebhook(p);
    },
    setStatus: (id, status) => {
      const p = payments.get(id);
      if (p) settle(p, status);
    },
    nextRecurring: (status) => {
      nextRecurringStatus = status;
    },
    env: () => ({ MOLLIE_API_KEY: apiKey, MOLLIE_API_URL: `${base}/v2/` }),
    close: stop,
  };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/**
 * Local runs: with no Mollie key configured, start the stand-in and point the
 * app at it (MOLLIE_API_KEY / MOLLIE_API_URL, inherited by the app), so billing
 * works end to end with a fake checkout. `npm start` does this on its embedded
 * database unless MOLLIE_LOCAL=0; elsewhere only with MOLLIE_LOCAL=1.
 */
export async function startDevMollieIfAsked(log: (msg: string) => void = () => {}, byDefault = false): Promise<LocalMollie | null> {
  const asked = process.env.MOLLIE_LOCAL === "1" || (byDefault && process.env.MOLLIE_LOCAL !== "0");
  if (!asked || process.env.MOLLIE_API_KEY) return null;
  const m = await startLocalMollie({ log });
  Object.assign(process.env, m.env());
  log(`Billing: local Mollie stand-in on ${m.base} (MOLLIE_LOCAL): checkouts are fake, nothing is charged`);
  return m;
}
