import { withTenant } from "@/lib/http/principals";
import { enrollmentUrl } from "@/lib/enrollment/links";
import { qrPng, qrSvg } from "@/lib/enrollment/qr";
import { getShareableProgram } from "@/lib/enrollment/share-program";
import { QrQuery } from "@/lib/validation/share";

export const GET = withTenant<{ id: string }>("STAFF", async (req, ctx, { id }) => {
  const q = QrQuery.parse(Object.fromEntries(req.query));
  const program = await getShareableProgram(ctx, id);
  const url = enrollmentUrl(program.id, q.source);
  const name = `qr-${program.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${q.source.toLowerCase()}.${q.format}`;
  return {
    status: 200,
    headers: {
      "Content-Type": q.format === "svg" ? "image/svg+xml" : "image/png",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
    body: q.format === "svg" ? Buffer.from(await qrSvg(url)) : await qrPng(url),
  };
});
