// GET /metrics (lib/metrics, docs/deploy.md → Metrics) through the production
// request listener (fastPath, as scripts/server.ts runs it): hidden without
// METRICS_TOKEN, 401 with the standard error for a wrong token, Prometheus'
// text format otherwise — and a stamp over HTTP moves the stamp counter and the
// route's latency histogram; the job queue gauges are read from pg-boss.
import { randomBytes, randomUUID } from "node:crypto";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as registrationRoute from "@/app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]/route";
import { appleConfig } from "@/lib/wallet/apple/config";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";
import { startTabletServer, type TabletServer } from "./tablet-http";

const TOKEN = "metrics-token-for-tests-0123456789";
let api: TabletServer;
let m: Merchant;
let session: string;

beforeAll(async () => {
  api = await startTabletServer();
  m = await makeMerchant("Metriek Koffie", { customers: 0 });
  session = (await tablet(m, "2468")).sessionToken;
});

afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  await api?.close();
});

const scrape = (token?: string) => fetch(`${api.base}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Prometheus' text exposition format, strictly: every line a comment or `name{labels} value`. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    // NaN in any case: prom-client writes "Nan" (the event-loop lag before its first sample), which Prometheus reads
    // (Go's ParseFloat ignores the case).
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|[Nn]a[Nn]|\+Inf|-Inf)$/.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

async function metrics(): Promise<Sample[]> {
  const res = await scrape(TOKEN);
  expect(res.status).toBe(200);
  return parse(await res.text());
}

const value = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? 0;

describe("GET /metrics", () => {
  it("does not exist without METRICS_TOKEN, wants the token as Bearer, and answers Prometheus text", async () => {
    delete process.env.METRICS_TOKEN;
    const hidden = await scrape(TOKEN);
    expect([hidden.status, await hidden.json()]).toEqual([404, { error: "NOT_FOUND", message: "NOT_FOUND" }]);

    process.env.METRICS_TOKEN = TOKEN;
    for (const wrong of [undefined, "wrong-token", `${TOKEN}x`]) {
      const res = await scrape(wrong);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "UNAUTHENTICATED", message: "UNAUTHENTICATED" });
    }

    const res = await scrape(TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const samples = parse(await res.text());
    // The default process metrics and the pg pool gauge are there.
    expect(samples.some((s) => s.name === "process_cpu_user_seconds_total")).toBe(true);
    expect(samples.some((s) => s.name === "nodejs_eventloop_lag_seconds")).toBe(true);
  });

  it("a stamp through the tablet API counts as stamped, a replay as duplicate, a refusal by its reason; the route's histogram moves", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const card = await newCard(m);
    const before = await metrics();
    const key = randomUUID();
    const stamp = (idempotencyKey: string, serial = card.serial) =>
      api.post("/api/tablet/actions", { kind: "stamp", amount: 1, serial, idempotencyKey }, session);
    expect((await stamp(key)).status).toBe(200);
    expect((await stamp(key)).status).toBe(200);
    expect((await stamp(randomUUID(), "NOPE-NOPE")).status).toBe(422);
    const after = await metrics();

    const outcome = (s: Sample[], o: string, reason = "") => value(s, "stempel_stamp_outcomes_total", { outcome: o, reason });
    expect(outcome(after, "stamped") - outcome(before, "stamped")).toBe(1);
    expect(outcome(after, "duplicate") - outcome(before, "duplicate")).toBe(1);
    const refusals = after.filter((s) => s.name === "stempel_stamp_outcomes_total" && s.labels.outcome === "refused");
    expect(
      refusals.reduce((n, s) => n + s.value, 0) -
        before.filter((s) => s.name === "stempel_stamp_outcomes_total" && s.labels.outcome === "refused").reduce((n, s) => n + s.value, 0),
    ).toBe(1);

    // A stamp through API v1 counts the same (the same domain action).
    const { createApiKey } = await import("@/lib/api/keys");
    const { API_SCOPES } = await import("@/lib/api/scopes");
    const apiKey = (await createApiKey(m.ctx(), { name: "Metriek", scopes: [...API_SCOPES] })).key;
    const viaApi = await fetch(`${api.base}/api/v1/cards/${card.serial}/stamp`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ amount: 1 }),
    });
    expect(viaApi.status).toBe(201);
    expect(outcome(await metrics(), "stamped") - outcome(before, "stamped")).toBe(2);

    // By the route's pattern and the status class, never the raw URL.
    const route = { route: "/api/tablet/actions", method: "POST" };
    const count = (s: Sample[], status: string) => value(s, "stempel_http_request_duration_seconds_count", { ...route, status });
    expect(count(after, "2xx") - count(before, "2xx")).toBe(2);
    expect(count(after, "4xx") - count(before, "4xx")).toBe(1);
    expect(value(after, "stempel_http_request_duration_seconds_bucket", { ...route, status: "2xx", le: "+Inf" })).toBe(count(after, "2xx"));
    expect(after.some((s) => s.name === "stempel_http_request_duration_seconds_count" && s.labels.route === "/metrics")).toBe(true);
    expect(after.some((s) => s.labels.route?.includes(card.serial))).toBe(false);
    // The pg pool the stamp used, and the app Prisma client's.
    expect(value(after, "stempel_db_pool_connections", { pool: "sql", state: "total" })).toBeGreaterThan(0);
    expect(value(after, "stempel_db_pool_connections", { pool: "prisma", state: "total" })).toBeGreaterThan(0);
  });

  it("job queue depth and the oldest job's age, per queue, from pg-boss's table", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    // A card on an iPhone: its stamp queues an APNs push job (no worker runs here, so it waits).
    const card = await newCard(m);
    const config = appleConfig();
    const deviceId = randomBytes(16).toString("hex");
    const url = `http://localhost/api/apple/v1/devices/${deviceId}/registrations/${config.passTypeIdentifier}/${card.serial}`;
    const registered = await registrationRoute.POST(
      new Request(url, {
        method: "POST",
        headers: { authorization: `ApplePass ${card.authToken}` },
        body: JSON.stringify({ pushToken: randomBytes(32).toString("hex") }),
      }),
      { params: Promise.resolve({ deviceId, passTypeId: config.passTypeIdentifier, serial: card.serial }) },
    );
    expect(registered.status).toBe(201);
    expect((await api.post("/api/tablet/actions", { kind: "stamp", amount: 1, serial: card.serial, idempotencyKey: randomUUID() }, session)).status).toBe(200);

    const samples = await metrics();
    for (const queue of ["apple-card-changed", "google-card-changed", "campaign-send", "webhook-deliver"]) {
      expect(samples.some((s) => s.name === "stempel_job_queue_depth" && s.labels.queue === queue)).toBe(true);
      expect(samples.some((s) => s.name === "stempel_job_oldest_age_seconds" && s.labels.queue === queue)).toBe(true);
    }
    expect(value(samples, "stempel_job_queue_depth", { queue: "apple-card-changed" })).toBeGreaterThanOrEqual(1);
    expect(value(samples, "stempel_job_oldest_age_seconds", { queue: "apple-card-changed" })).toBeGreaterThanOrEqual(0);
  });
});
