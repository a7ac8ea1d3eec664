import { getTranslations } from "next-intl/server";

export default async function AuditLoading() {
  const t = await getTranslations("audit");
  return (
    <div className="space-y-4" aria-busy="true" data-testid="audit-loading">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-600">{t("loading")}</p>
      <div className="space-y-2">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-10 animate-pulse rounded-md bg-stone-100" />
        ))}
      </div>
    </div>
  );
}
