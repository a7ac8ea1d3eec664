import { NextResponse } from "next/server";
import { withTablet } from "@/lib/http/with-tablet";
import { findCards } from "@/lib/stamping/find-cards";

export const GET = withTablet(async (req, p) => NextResponse.json({ cards: await findCards(p, { q: new URL(req.url).searchParams.get("q") ?? "" }) }));
