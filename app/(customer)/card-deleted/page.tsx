import { getTranslations } from "next-intl/server";

export default async function CardDeletedPage() {
  const t = await getTranslations("privacy");
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-bold">{t("deletedTitle")}</h1>
      <p className="text-stone-600">{t("deletedBody")}</p>
    </main>
  );
}
