// "Add to Apple Wallet" on the customer's web card: the .pkpass, keyed by the
// secret token of the card's URL (the customer's credential).
import { AppError } from "@/lib/errors/app-error";
import { serviceResponse } from "@/lib/http/service-response";
import { passByWebToken } from "@/lib/wallet/pass-source";
import { passResponse } from "@/lib/wallet/apple/web-service";

export function GET(_req: Request, { params }: { params: Promise<{ webToken: string }> }) {
  return serviceResponse(async () => {
    const card = await passByWebToken((await params).webToken);
    if (!card) throw new AppError("NOT_FOUND", "cardNotFound");
    return passResponse(card, null, true);
  });
}
