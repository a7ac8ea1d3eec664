import { route } from "@/lib/http/web";
import { renderStrip } from "@/lib/images/render-strip";
import { StripQuery } from "@/lib/validation/strip";

export const GET = route(async (req) => {
  const q = StripQuery.parse(Object.fromEntries(req.query));
  const png = await renderStrip({ stamps: q.stamps, filled: q.filled, background: q.bg, stampColor: q.fg, icon: q.icon, scale: q.scale });
  return { status: 200, headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=31536000, immutable" }, body: png };
});
