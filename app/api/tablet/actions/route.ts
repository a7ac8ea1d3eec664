import { NextResponse } from "next/server";
import { cardActionEndpoint } from "@/lib/stamping/action-endpoint";

// Production serves this path from scripts/server.ts's fast path; the same
// function answers here (e.g. under `next dev`).
export async function POST(req: Request) {
  const r = await cardActionEndpoint(req.headers.get("authorization"), await req.text());
  return NextResponse.json(r.body, { status: r.status, headers: r.headers });
}
