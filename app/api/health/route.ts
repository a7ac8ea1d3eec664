import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return NextResponse.json({ app: "stempel", ...health }, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
