import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors/app-error";
import { withTablet } from "@/lib/http/with-tablet";
import { getCardForTablet } from "@/lib/stamping/find-cards";

export const GET = withTablet<{ serial: string }>(async (_req, p, { serial }) => {
  const card = await getCardForTablet(p, decodeURIComponent(serial));
  if (!card) throw new AppError("NOT_FOUND", "cardNotFound");
  return NextResponse.json({ card });
});
