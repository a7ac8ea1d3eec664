// METRICS_TOKEN and METRICS_PORT (GET /metrics, ./endpoint.ts), validated like
// lib/env.ts; checked at start-up by scripts/start.ts. Imports nothing heavy.
import { z } from "zod";

const MetricsEnv = z.object({
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters (openssl rand -hex 24)").optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535, "METRICS_PORT must be a port number").optional(),
});

/** METRICS_TOKEN and METRICS_PORT, validated; throws one readable message (start-up check, like the wallet configs). */
export function metricsConfig(): { token: string | null; port: number | null } {
  const r = MetricsEnv.safeParse({ METRICS_TOKEN: process.env.METRICS_TOKEN, METRICS_PORT: process.env.METRICS_PORT });
  if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  - "));
  return { token: r.data.METRICS_TOKEN ?? null, port: r.data.METRICS_PORT ?? null };
}
