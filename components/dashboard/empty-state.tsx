import { getTranslations } from "next-intl/server";

export async function EmptyState({ title, body, comingSoon = true }: { title: string; body: string; comingSoon?: boolean }) {
  const t = await getTranslations("dashboard");
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <div className="rounded-2xl border-2 border-dashed border-stone-300 bg-white p-10 text-center">
        <p className="mx-auto max-w-prose text-stone-600">{body}</p>
        {comingSoon && <p className="mt-4 inline-block rounded-full bg-stone-100 px-3 py-1 text-sm text-stone-600">{t("comingSoon")}</p>}
      </div>
    </section>
  );
}
