import { NextResponse } from "next/server";
import { withTablet } from "@/lib/http/with-tablet";
import { applyCardAction } from "@/lib/stamping/card-action";

export const POST = withTablet(async (req, p) => NextResponse.json(await applyCardAction(p, await req.json())));
