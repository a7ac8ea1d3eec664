import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EnrollForm } from "@/components/enrollment/enroll-form";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { findOpenProgram } from "@/lib/enrollment/enroll-customer";
import { issueFormToken } from "@/lib/enrollment/form-token";
import { imageUrl } from "@/lib/images/process-upload";
import { readFormFields } from "@/lib/programs/program-data";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ programId: string }>; searchParams: Promise<{ s?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const program = await findOpenProgram((await params).programId);
  return program ? { title: `${program.name} — ${program.organization.name}` } : {};
}

export default async function JoinPage({ params, searchParams }: Props) {
  const { programId } = await params;
  const program = await findOpenProgram(programId);
  if (!program) notFound();
  const t = await getTranslations("join");
  const tc = await getTranslations("card");
  const logo = imageUrl(program.logoKey);
  return (
    <main id="main" className="mx-auto min-h-dvh max-w-md space-y-5 p-4 pb-10">
      <div className="flex justify-end">
        <LanguageSwitcher />
      </div>
      <header className="rounded-3xl p-6" style={{ backgroundColor: program.backgroundColor, color: program.foregroundColor }}>
        {logo && <img src={logo} alt={program.organization.name} className="mb-3 h-10 max-w-[160px] object-contain" />}
        <h1 className="text-2xl font-bold">{t("title", { merchant: program.organization.name })}</h1>
        <p className="mt-2" style={{ color: program.labelColor }}>
          {program.name} · {tc("stamps", { count: program.stampsRequired, total: program.stampsRequired })}: {program.rewardText}
        </p>
      </header>
      <p className="text-stone-700">{t("lead")}</p>
      <EnrollForm
        programId={program.id}
        token={issueFormToken(program.id)}
        source={(await searchParams).s ?? "poster"}
        fields={readFormFields(program.formFields)}
        merchantName={program.organization.name}
        consentText={program.consentText}
        hasTerms={!!program.terms}
      />
      {program.terms && (
        <details className="rounded-lg bg-white p-4 text-sm text-stone-600">
          <summary className="cursor-pointer font-medium">{t("termsTitle")}</summary>
          <p className="mt-2 whitespace-pre-line">{program.terms}</p>
        </details>
      )}
    </main>
  );
}
