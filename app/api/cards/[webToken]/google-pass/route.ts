// "Add to Google Wallet" on the customer's web card: writes the pass through
// Google's API and sends the browser on to Google's save page.
import { route } from "@/lib/http/web";
import { googleSaveLink } from "@/lib/wallet/google/sync";

export const GET = route<{ webToken: string }>(async (_req, { webToken }) => ({
  status: 303,
  headers: { Location: await googleSaveLink(webToken), "Cache-Control": "no-store" },
}));
