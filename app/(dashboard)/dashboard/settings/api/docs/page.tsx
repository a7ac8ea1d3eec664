// Instellingen → API-sleutels → API-documentatie: the OpenAPI document of
// /api/v1 (the same one /api/v1/openapi.json serves), rendered readably.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ApiReference, type OpenApiDoc } from "@/components/api-keys/api-reference";
import { openApiDocument } from "@/lib/api/openapi";
import { requireTenant } from "@/lib/auth/session";

export default async function ApiDocsPage() {
  await requireTenant();
  const t = await getTranslations("apiKeys");
  const doc = openApiDocument() as unknown as OpenApiDoc;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link href="/dashboard/settings/api" className="text-sm text-stone-600 underline-offset-4 hover:underline">
          {t("docs.back")}
        </Link>
        <h1 className="text-2xl font-bold">{t("docs.title")}</h1>
        <a href="/api/v1/openapi.json" className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline">
          {t("docs.raw")}
        </a>
      </div>
      <ApiReference
        doc={doc}
        labels={{
          auth: t("docs.auth"),
          scope: t("docs.scope"),
          public: t("docs.public"),
          parameters: t("docs.parameters"),
          body: t("docs.body"),
          responses: t("docs.responses"),
          required: t("docs.required"),
          idempotency: t("docs.headerIdempotency"),
        }}
      />
    </div>
  );
}
