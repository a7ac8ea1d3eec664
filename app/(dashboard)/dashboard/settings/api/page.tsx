// Instellingen → API-sleutels: the business's keys (prefix, permissions, last use)
// and a form to make one (owners and managers). The docs page is one link away.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateApiKeyForm } from "@/components/api-keys/create-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-key-button";
import { Card } from "@/components/ui/card";
import { listApiKeys } from "@/lib/api/keys";
import { requireTenant } from "@/lib/auth/session";
import { requireRole } from "@/lib/tenancy/context";

export default async function ApiKeysPage() {
  const { ctx } = await requireTenant();
  requireRole(ctx, "MANAGER");
  const [t, format, keys] = await Promise.all([getTranslations("apiKeys"), getFormatter(), listApiKeys(ctx)]);
  const at = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/dashboard/settings" className="text-sm text-stone-600 underline-offset-4 hover:underline">
          {t("back")}
        </Link>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="max-w-prose text-sm text-stone-600">{t("lead")}</p>
        <Link href="/dashboard/settings/api/docs" className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline">
          {t("docsLink")}
        </Link>
      </div>
      <section className="space-y-3" aria-labelledby="api-keys-list">
        <h2 id="api-keys-list" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <Card className="p-0">
          {keys.length === 0 ? (
            <p className="px-5 py-4 text-sm text-stone-600">{t("list.empty")}</p>
          ) : (
            <ul className="divide-y divide-stone-100">
              {keys.map((k) => (
                <li
                  key={k.id}
                  className="flex flex-wrap items-start justify-between gap-3 px-5 py-4"
                  data-testid="api-key"
                  data-revoked={k.revokedAt ? "" : undefined}
                >
                  <div className="min-w-0 space-y-1">
                    <p className="font-medium">
                      {k.name} <code className="ml-1 rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs">{k.prefix}…</code>
                    </p>
                    <p className="text-sm text-stone-600">
                      {t("list.scopes")}: {k.scopes.join(", ")}
                    </p>
                    <p className="text-sm text-stone-500">
                      {t("list.created")} {at(k.createdAt)}
                      {k.createdByName ? ` ${t("list.createdBy", { name: k.createdByName })}` : ""} · {t("list.lastUsed")}:{" "}
                      {k.lastUsedAt ? `${at(k.lastUsedAt)}${k.lastUsedIp ? ` ${t("list.from", { ip: k.lastUsedIp })}` : ""}` : t("list.never")}
                    </p>
                    {k.revokedAt && <p className="text-sm font-medium text-red-800">{t("list.revoked", { date: at(k.revokedAt) })}</p>}
                  </div>
                  {!k.revokedAt && <RevokeApiKeyButton keyId={k.id} name={k.name} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>
      <section className="space-y-3" aria-labelledby="api-keys-add">
        <h2 id="api-keys-add" className="text-lg font-semibold">
          {t("create.title")}
        </h2>
        <Card>
          <CreateApiKeyForm />
        </Card>
      </section>
    </div>
  );
}
