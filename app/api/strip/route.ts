import { errorResponse } from "@/lib/http/respond";
import { renderStrip } from "@/lib/images/render-strip";
import { StripQuery } from "@/lib/validation/strip";

export async function GET(req: Request) {
  try {
    const q = StripQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
    const png = await renderStrip({ stamps: q.stamps, filled: q.filled, background: q.bg, stampColor: q.fg, icon: q.icon, scale: q.scale });
    return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=31536000, immutable" } });
  } catch (error) {
    return errorResponse(error);
  }
}
