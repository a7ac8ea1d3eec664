// "Add to Google Wallet" on the customer's web card: writes the pass through
// Google's API and sends the browser on to Google's save page.
import { errorResponse } from "@/lib/http/respond";
import { googleSaveLink } from "@/lib/wallet/google/sync";

export async function GET(_req: Request, { params }: { params: Promise<{ webToken: string }> }) {
  try {
    const url = await googleSaveLink((await params).webToken);
    return new Response(null, { status: 303, headers: { Location: url, "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
