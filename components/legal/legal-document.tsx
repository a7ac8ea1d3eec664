import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/config";
import { LEGAL_PATHS, LEGAL_UPDATED, legalDocument, type Block, type LegalKind } from "@/lib/legal/documents";

function BlockView({ block }: { block: Block }) {
  if (typeof block === "string") return <p className="leading-relaxed text-stone-700">{block}</p>;
  return (
    <ul className="list-disc space-y-1.5 pl-6 leading-relaxed text-stone-700">
      {block.list.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** One of the platform's legal documents, in the reader's language, with links to the others. */
export async function LegalDocumentView({ kind }: { kind: LegalKind }) {
  const locale = await getLocale();
  const t = await getTranslations("legal");
  const format = await getFormatter();
  const doc = legalDocument(kind, isLocale(locale) ? locale : "nl");
  const updated = LEGAL_UPDATED[kind];
  const date = format.dateTime(new Date(`${updated}T12:00:00Z`), { dateStyle: "long" });
  const others = (Object.keys(LEGAL_PATHS) as LegalKind[]).filter((k) => k !== kind);
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-black tracking-tight">{doc.title}</h1>
        <p className="text-sm text-stone-500" data-testid="legal-version">
          {kind === "dpa" ? t("version", { version: updated, date }) : t("updated", { date })}
        </p>
      </header>
      <div className="space-y-4">
        {doc.intro.map((b, i) => (
          <BlockView key={i} block={b} />
        ))}
      </div>
      {doc.sections.map((s) => (
        <section key={s.heading} className="space-y-3">
          <h2 className="text-xl font-bold">{s.heading}</h2>
          {s.body.map((b, i) => (
            <BlockView key={i} block={b} />
          ))}
        </section>
      ))}
      <nav aria-label={t("seeAlso")} className="border-t border-stone-200 pt-6 text-sm">
        <span className="text-stone-500">{t("seeAlso")}: </span>
        {others.map((k, i) => (
          <span key={k}>
            {i > 0 && " · "}
            <Link href={LEGAL_PATHS[k]} className="text-amber-800 underline">
              {t(k)}
            </Link>
          </span>
        ))}
      </nav>
    </article>
  );
}

/** The page title: the document's own, in the reader's language. */
export async function legalTitle(kind: LegalKind) {
  const locale = await getLocale();
  return `${legalDocument(kind, isLocale(locale) ? locale : "nl").title} — Stempel`;
}
