// Prometheus metrics (docs/deploy.md → Metrics): one registry per process, kept
// on globalThis — the Next server bundle and the tsx-loaded scripts/server.ts
// each load their own copy of this module in the same process, and both must
// count into the registry GET /metrics serves (lib/http/fast-path.ts; the
// worker serves its own on METRICS_PORT, scripts/worker.ts).
//
//  - stempel_http_request_duration_seconds{route,method,status}: the route as a
//    pattern (Next's, e.g. /c/[token]; the fast paths by their fixed names),
//    never the raw URL, and the status class (2xx…5xx);
//  - stempel_stamp_outcomes_total{outcome,reason}: stamped, redeemed, undone,
//    duplicate (a replayed idempotency key) or refused (reason: the message key);
//  - stempel_deliveries_total{channel,result}: APNs pushes, Google Wallet calls,
//    webhook deliveries and emails by result;
//  - stempel_job_queue_depth / stempel_job_oldest_age_seconds{queue}: read from
//    pg-boss's table at scrape time (one query);
//  - stempel_db_pool_connections{pool,state}: total/idle/waiting of the raw SQL pool (sql) and Prisma's (prisma);
//  - the default process metrics (CPU, memory, event-loop lag, GC).
import fs from "node:fs";
import path from "node:path";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { queueStats } from "@/lib/jobs/queue";
import { logger } from "@/lib/log/logger";

export type DeliveryChannel = "apns" | "google" | "webhook" | "email";

type Metrics = {
  registry: Registry;
  http: Histogram<"route" | "method" | "status">;
  stamps: Counter<"outcome" | "reason">;
  deliveries: Counter<"channel" | "result">;
  /** Cached label children of `http`: one lookup per request, no label object. */
  httpChildren: Map<string, Histogram.Internal<"route" | "method" | "status">>;
  /** Next's routes (scripts/server.ts reads them from the build): static paths, then dynamic patterns in Next's order. */
  routes: { static: Set<string>; dynamic: { page: string; regex: RegExp }[] } | null;
};

const KEY = Symbol.for("stempel.metrics");
type PoolUse = { totalCount: number; idleCount: number; waitingCount: number; ended?: boolean };
/** The process's two pools: raw SQL (lib/db/pool.ts) and Prisma's (lib/db/client.ts). */
const g = globalThis as unknown as { [KEY]?: Metrics; stempelPool?: PoolUse; stempelPrismaPool?: PoolUse };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m: Metrics = {
    registry,
    http: new Histogram({
      name: "stempel_http_request_duration_seconds",
      help: "HTTP request duration by route pattern, method and status class",
      labelNames: ["route", "method", "status"],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    stamps: new Counter({
      name: "stempel_stamp_outcomes_total",
      help: "Card actions (tablets and API v1) by outcome (stamped, redeemed, undone, duplicate, refused) and refusal reason",
      labelNames: ["outcome", "reason"],
      registers: [registry],
    }),
    deliveries: new Counter({
      name: "stempel_deliveries_total",
      help: "Deliveries to outside services (apns, google, webhook, email) by result",
      labelNames: ["channel", "result"],
      registers: [registry],
    }),
    httpChildren: new Map(),
    routes: null,
  };
  // Both queue gauges from one query per scrape (prom-client collects metrics concurrently: they share it).
  let inflight: Promise<{ queue: string; depth: number; oldestAgeSeconds: number }[]> | null = null;
  const stats = () =>
    (inflight ??= queueStats()
      .catch((e: Error) => {
        logger.warn({ error: e.message }, "metrics: job queue statistics not read");
        return [];
      })
      .finally(() => (inflight = null)));
  new Gauge({
    name: "stempel_job_queue_depth",
    help: "Jobs waiting (created or to retry) per queue",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await stats()) this.set({ queue: s.queue }, s.depth);
    },
  });
  new Gauge({
    name: "stempel_job_oldest_age_seconds",
    help: "Seconds since the oldest due job of each queue became due (0: none waiting)",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const s of await stats()) this.set({ queue: s.queue }, s.oldestAgeSeconds);
    },
  });
  new Gauge({
    name: "stempel_db_pool_connections",
    help: "Connections of the process's database pools by state: sql (lib/db/pool.ts, the hot paths) and prisma (lib/db/client.ts)",
    labelNames: ["pool", "state"],
    registers: [registry],
    collect() {
      for (const [pool, p] of [
        ["sql", g.stempelPool],
        ["prisma", g.stempelPrismaPool],
      ] as const) {
        if (!p || p.ended) continue;
        this.set({ pool, state: "total" }, p.totalCount);
        this.set({ pool, state: "idle" }, p.idleCount);
        this.set({ pool, state: "waiting" }, p.waitingCount);
      }
    },
  });
  return m;
}

/** This process's metrics (created on first use). */
export function metrics(): Metrics {
  return (g[KEY] ??= create());
}

type ManifestRoute = { page: string; regex: string };

/** Next's routes from the build (`.next/routes-manifest.json` in `dir`); without a build, paths are normalised instead. */
export function loadRoutePatterns(dir: string): void {
  let manifest: { staticRoutes?: ManifestRoute[]; dynamicRoutes?: ManifestRoute[] };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, ".next", "routes-manifest.json"), "utf8"));
  } catch {
    return;
  }
  metrics().routes = {
    static: new Set((manifest.staticRoutes ?? []).map((r) => r.page)),
    dynamic: (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) })),
  };
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ID_LIKE = /^(?=.*\d)[^/]{16,}$|^\d+$/;

/**
 * The label for a path: Next's route (its pattern, e.g. /c/[token]) when the
 * build's routes are known — anything else (public files, unknown paths) is
 * "unmatched" — else the path with id-like segments (long tokens, numbers) as
 * `[id]`, at most 4 segments. Never the raw URL: that would be one series per card.
 */
export function routeLabel(urlPath: string): string {
  if (urlPath.startsWith("/_next/")) return "/_next/*";
  const routes = metrics().routes;
  if (routes) {
    const p = urlPath.length > 1 && urlPath.endsWith("/") ? urlPath.slice(0, -1) : urlPath;
    if (routes.static.has(p)) return p;
    return routes.dynamic.find((r) => r.regex.test(urlPath))?.page ?? "unmatched";
  }
  const segments = urlPath.split("/").slice(1, 5);
  return "/" + segments.map((s) => (ID_LIKE.test(s) ? "[id]" : s.length > 40 ? "[…]" : s)).join("/");
}

/** One finished request: `seconds` since it arrived. */
export function observeRequest(route: string, method: string, statusCode: number, seconds: number): void {
  const m = metrics();
  const status = `${Math.floor(statusCode / 100)}xx`;
  if (!METHODS.has(method)) method = "other";
  const key = `${route} ${method} ${status}`;
  let child = m.httpChildren.get(key);
  if (!child) {
    // Bounded: past 500 distinct series new routes share one label.
    const label = m.httpChildren.size < 500 ? route : "other";
    child = m.http.labels({ route: label, method, status });
    m.httpChildren.set(key, child);
  }
  child.observe(seconds);
}

/** A card action's outcome (reason: the refusal's message key). */
export function countStamp(outcome: "stamped" | "redeemed" | "undone" | "duplicate" | "refused", reason = ""): void {
  metrics().stamps.inc({ outcome, reason });
}

/** One delivery attempt to an outside service. */
export function countDelivery(channel: DeliveryChannel, result: string, n = 1): void {
  if (n > 0) metrics().deliveries.inc({ channel, result }, n);
}

/** The registry in Prometheus' text format. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
