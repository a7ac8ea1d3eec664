// The default logo in a card's colours (660 px), for Google Wallet classes of
// programs without an uploaded logo: Google fetches images from public URLs.
import { route } from "@/lib/http/web";
import { WalletLogoQuery } from "@/lib/validation/strip";
import { defaultLogo } from "@/lib/images/default-logo";

export const GET = route(async (req) => {
  const q = WalletLogoQuery.parse(Object.fromEntries(req.query));
  const png = await defaultLogo({ backgroundColor: q.bg, labelColor: q.fg }, 660);
  return { status: 200, headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=31536000, immutable" }, body: png };
});
