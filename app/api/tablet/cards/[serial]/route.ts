import { AppError } from "@/lib/errors/app-error";
import { withTablet } from "@/lib/http/principals";
import { ok } from "@/lib/http/result";
import { getCardForTablet } from "@/lib/stamping/find-cards";

// `serial` arrives decoded by Next (decoding it again turned a "%" into a 500).
export const GET = withTablet<{ serial: string }>(async (_req, p, { serial }) => {
  const card = await getCardForTablet(p, serial);
  if (!card) throw new AppError("NOT_FOUND", "cardNotFound");
  return ok({ card });
});
