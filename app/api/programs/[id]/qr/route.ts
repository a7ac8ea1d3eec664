import { withTenant } from "@/lib/http/respond";
import { enrollmentUrl } from "@/lib/enrollment/links";
import { qrPng, qrSvg } from "@/lib/enrollment/qr";
import { getShareableProgram } from "@/lib/enrollment/share-program";
import { QrQuery } from "@/lib/validation/share";

export const GET = withTenant<{ id: string }>("STAFF", async (req, ctx, { id }) => {
  const q = QrQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const program = await getShareableProgram(ctx, id);
  const url = enrollmentUrl(program.id, q.source);
  const name = `qr-${program.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${q.source.toLowerCase()}.${q.format}`;
  const body = q.format === "svg" ? await qrSvg(url) : new Uint8Array(await qrPng(url));
  return new Response(body, {
    headers: { "Content-Type": q.format === "svg" ? "image/svg+xml" : "image/png", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "private, no-store" },
  });
});
