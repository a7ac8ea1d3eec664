import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { enrollmentUrl } from "@/lib/enrollment/links";
import { qrSvg } from "@/lib/enrollment/qr";
import { getShareableProgram } from "@/lib/enrollment/share-program";
import { ENROLLMENT_SOURCES, SourceParam } from "@/lib/validation/programs";

export default async function SharePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ source?: string }> }) {
  const { ctx } = await requireTenant();
  const { id } = await params;
  const program = await getShareableProgram(ctx, id).catch(() => null);
  if (!program) notFound();
  const source = SourceParam.parse((await searchParams).source?.toUpperCase());
  const t = await getTranslations("share");
  const url = enrollmentUrl(program.id, source);
  const svg = await qrSvg(url);
  const api = `/api/programs/${program.id}`;
  const q = `source=${source.toLowerCase()}`;
  return (
    <section className="space-y-6">
      <div>
        <Link href={`/dashboard/cards/${program.id}`} className="text-sm text-amber-800 underline">
          ← {program.name}
        </Link>
        <h1 className="mt-1 text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-600">{t("lead")}</p>
      </div>
      <nav aria-label={t("sources")} className="flex flex-wrap gap-2">
        {ENROLLMENT_SOURCES.map((s) => (
          <Link
            key={s}
            href={`?source=${s.toLowerCase()}`}
            aria-current={s === source ? "page" : undefined}
            className={`rounded-full border px-3 py-2 text-sm ${s === source ? "border-stone-900 bg-stone-900 text-white" : "border-stone-300 bg-white"}`}
          >
            {t(`source.${s}`)}
          </Link>
        ))}
      </nav>
      <div className="grid gap-6 md:grid-cols-[18rem_1fr]">
        <Card className="p-4">
          <div
            className="aspect-square w-full [&>svg]:h-full [&>svg]:w-full"
            data-testid="qr"
            role="img"
            aria-label={t("qrAlt")}
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        </Card>
        <Card className="space-y-4">
          <div>
            <p className="text-sm font-medium text-stone-600">{t("link")}</p>
            <p className="break-all font-mono text-sm" data-testid="enrollment-url">
              {url}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline">
              <a href={`${api}/qr?format=png&${q}`} download>
                {t("downloadPng")}
              </a>
            </Button>
            <Button asChild variant="outline">
              <a href={`${api}/qr?format=svg&${q}`} download>
                {t("downloadSvg")}
              </a>
            </Button>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="accent">
              <a href={`${api}/poster?size=A4&${q}`} download data-testid="poster-a4">
                {t("posterA4")}
              </a>
            </Button>
            <Button asChild variant="accent">
              <a href={`${api}/poster?size=A5&${q}`} download>
                {t("posterA5")}
              </a>
            </Button>
          </div>
          <p className="text-sm text-stone-500">{t("tip")}</p>
        </Card>
      </div>
    </section>
  );
}
