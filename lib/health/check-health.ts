import { db } from "@/lib/db/client";

export async function checkHealth() {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return { status: "ok" as const, database: { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
  } catch (e) {
    return { status: "degraded" as const, database: { ok: false, error: e instanceof Error ? e.message.split("\n")[0] : "unknown" } };
  }
}
