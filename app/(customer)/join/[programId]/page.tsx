import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getPublicProgram } from "@/lib/cards/get-public-card";

export const dynamic = "force-dynamic";

// The enrollment form arrives with the card-designer issue; until then the page
// shows the merchant's card so the QR link is already valid.
export default async function JoinPage({ params }: { params: Promise<{ programId: string }> }) {
  const { programId } = await params;
  const program = await getPublicProgram(programId);
  if (!program) notFound();
  const t = await getTranslations("join");
  const tc = await getTranslations("card");
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-4">
      <article className="rounded-3xl p-6" style={{ backgroundColor: program.backgroundColor, color: program.foregroundColor }}>
        <h1 className="text-2xl font-bold">{t("title", { merchant: program.organization.name })}</h1>
        <p className="mt-2">{program.name} · {tc("reward", { reward: program.rewardText })}</p>
      </article>
      <p className="text-stone-600">{t("comingSoon")}</p>
    </main>
  );
}
