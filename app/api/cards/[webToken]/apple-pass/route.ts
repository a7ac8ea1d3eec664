// "Add to Apple Wallet" on the customer's web card: the .pkpass, keyed by the
// secret token of the card's URL (the customer's credential).
import { AppError } from "@/lib/errors/app-error";
import { route } from "@/lib/http/web";
import { passByWebToken } from "@/lib/wallet/pass-source";
import { passResponse } from "@/lib/wallet/apple/web-service";

export const GET = route<{ webToken: string }>(async (_req, { webToken }) => {
  const card = await passByWebToken(webToken);
  if (!card) throw new AppError("NOT_FOUND", "cardNotFound");
  return passResponse(card, null, true);
});
