import { getTranslations } from "next-intl/server";
import { recordPosterDownload } from "@/lib/dashboard/record-poster-download";
import { withTenant } from "@/lib/http/principals";
import { enrollmentUrl } from "@/lib/enrollment/links";
import { buildPoster } from "@/lib/enrollment/poster";
import { getShareableProgram } from "@/lib/enrollment/share-program";
import { PosterQuery } from "@/lib/validation/share";

export const GET = withTenant<{ id: string }>("STAFF", async (req, ctx, { id }) => {
  const q = PosterQuery.parse(Object.fromEntries(req.query));
  const program = await getShareableProgram(ctx, id);
  // The poster speaks the merchant's language (Dutch unless they chose otherwise).
  const t = await getTranslations({ locale: program.organization.locale === "en" ? "en" : "nl", namespace: "poster" });
  const pdf = await buildPoster({
    size: q.size,
    url: enrollmentUrl(program.id, q.source),
    merchantName: program.organization.name,
    headline: t("headline"),
    subline: t("subline", { stamps: program.stampsRequired, reward: program.rewardText }),
    footer: t("footer"),
    backgroundColor: program.backgroundColor,
    foregroundColor: program.foregroundColor,
    labelColor: program.labelColor,
    logoKey: program.logoKey,
  });
  // Served to a signed-in member: the checklist's "Print je QR-poster" is done.
  await recordPosterDownload(ctx);
  return {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="poster-${q.size.toLowerCase()}-${q.source.toLowerCase()}.pdf"`,
      "Cache-Control": "private, no-store",
    },
    body: pdf,
  };
});
