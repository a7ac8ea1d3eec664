// The default logo in a card's colours (660 px), for Google Wallet classes of
// programs without an uploaded logo: Google fetches images from public URLs.
import { errorResponse } from "@/lib/http/respond";
import { WalletLogoQuery } from "@/lib/validation/strip";
import { defaultLogo } from "@/lib/images/default-logo";

export async function GET(req: Request) {
  try {
    const q = WalletLogoQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
    const png = await defaultLogo({ backgroundColor: q.bg, labelColor: q.fg }, 660);
    return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=31536000, immutable" } });
  } catch (error) {
    return errorResponse(error);
  }
}
