import { pingDatabase } from "@/lib/tenancy/global-db";

export async function checkHealth() {
  const started = performance.now();
  try {
    await pingDatabase();
    return { status: "ok" as const, database: { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
  } catch (e) {
    return { status: "degraded" as const, database: { ok: false, error: e instanceof Error ? e.message.split("\n")[0] : "unknown" } };
  }
}
