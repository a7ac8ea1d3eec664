import { NextResponse } from "next/server";
import { withTenant } from "@/lib/http/respond";
import { pairDevice } from "@/lib/stamping/devices";

// A manager, signed in on the tablet's browser, pairs it to a location.
export const POST = withTenant("MANAGER", async (req, ctx) => NextResponse.json(await pairDevice(ctx, await req.json())));
