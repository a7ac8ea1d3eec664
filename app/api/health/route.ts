import { checkHealth } from "@/lib/health/check-health";
import { route } from "@/lib/http/web";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const health = await checkHealth();
  return { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" }, body: { app: "stempel", ...health } };
});
