// Instellingen → Logboek: the audit trail for owners (docs/audit.md). Newest
// first, filtered by kind, person and local dates (a GET form: the filter is
// the URL, so a filtered view can be bookmarked and downloaded as CSV), a page
// at a time, each row with its before/after to unfold. Anyone but an owner: 404.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { AUDIT_GROUPS, AuditFilter, auditPeople, auditTimezone, listAuditTrail, type AuditTrailRow } from "@/lib/audit/trail";
import { auditActorName } from "./actor-name";
import { AppError } from "@/lib/errors/app-error";
import { hasRole } from "@/lib/tenancy/context";

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function query(filter: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
  const s = q.toString();
  return s ? `?${s}` : "";
}

function Change({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0 flex-1">
      <p className="text-xs font-medium text-stone-500">{label}</p>
      <pre className="overflow-x-auto rounded bg-stone-50 p-2 text-xs whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireTenant();
  if (!hasRole(ctx, "OWNER")) notFound();
  const t = await getTranslations("audit");
  const locale = await getLocale();
  const sp = await searchParams;
  const raw = { group: one(sp.group), who: one(sp.who), from: one(sp.from), to: one(sp.to), cursor: one(sp.cursor) };
  const parsed = AuditFilter.safeParse(raw);
  const errors = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.message))];
  const filter = parsed.success ? parsed.data : {};
  // A cursor that no longer decodes (an edited URL): the newest page, with a note.
  const page = await listAuditTrail(ctx, filter).catch((e: unknown) => {
    if (!(e instanceof AppError) || e.messageKey !== "cursorInvalid") throw e;
    errors.push("cursorInvalid");
    return listAuditTrail(ctx, { ...filter, cursor: undefined });
  });
  const [people, timezone] = await Promise.all([auditPeople(ctx), auditTimezone(ctx)]);
  const when = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nl-NL", { dateStyle: "medium", timeStyle: "short", timeZone: timezone });
  const filtered = !!(raw.group || raw.who || raw.from || raw.to);
  const { cursor: _cursor, ...kept } = parsed.success ? raw : { ...raw, cursor: "" };

  const what = (r: AuditTrailRow) => (t.has(`actions.${r.action}`) ? t(`actions.${r.action}`) : t("actions.unknown"));

  return (
    <div className="space-y-6" data-testid="audit-page">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="max-w-prose text-sm text-stone-600">{t("lead")}</p>
      </div>

      <form method="get" noValidate className="flex flex-wrap items-end gap-3" aria-label={t("filters.title")} data-testid="audit-filters">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("filters.group")}</span>
          <select name="group" defaultValue={raw.group} className="rounded-md border border-stone-300 px-2 py-1.5">
            <option value="">{t("filters.allGroups")}</option>
            {(Object.keys(AUDIT_GROUPS) as (keyof typeof AUDIT_GROUPS)[]).map((g) => (
              <option key={g} value={g}>
                {t(`groups.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("filters.who")}</span>
          <select name="who" defaultValue={raw.who} className="rounded-md border border-stone-300 px-2 py-1.5">
            <option value="">{t("filters.everyone")}</option>
            {people.map((p) => (
              <option key={p.value} value={p.value}>
                {p.value.startsWith("key:") ? t("actor.apiKey", { name: p.name }) : p.name}
              </option>
            ))}
            <option value="customer">{t("filters.customer")}</option>
            <option value="system">{t("filters.system")}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("filters.from")}</span>
          <input type="date" name="from" defaultValue={raw.from} className="rounded-md border border-stone-300 px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("filters.to")}</span>
          <input type="date" name="to" defaultValue={raw.to} className="rounded-md border border-stone-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white">
          {t("filters.apply")}
        </button>
        {filtered && (
          <Link href="/dashboard/settings/audit" className="text-sm text-amber-800 underline-offset-4 hover:underline">
            {t("filters.reset")}
          </Link>
        )}
        <a
          href={`/dashboard/settings/audit/export${query(kept)}`}
          className="ml-auto text-sm font-medium text-amber-800 underline-offset-4 hover:underline"
          data-testid="audit-download"
        >
          {t("filters.download")}
        </a>
      </form>

      {errors.length > 0 && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="audit-error">
          {errors.map((k) => (t.has(`errors.${k}`) ? t(`errors.${k}`) : k)).join(" ")}
        </p>
      )}

      {page.rows.length === 0 ? (
        <Card className="text-sm text-stone-600" data-testid="audit-empty">
          {filtered ? t("emptyFiltered") : t("empty")}
        </Card>
      ) : (
        <Card className="p-0">
          <ul className="divide-y divide-stone-100" data-testid="audit-rows">
            {page.rows.map((r) => (
              <li key={r.id} className="space-y-2 px-5 py-3 text-sm" data-testid="audit-row" data-action={r.action}>
                <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                  <time dateTime={r.at.toISOString()} className="w-40 shrink-0 text-stone-500">
                    {when.format(r.at)}
                  </time>
                  <span className="font-medium">{auditActorName(t, r.actor)}</span>
                  <span>
                    {what(r)}
                    {r.subjectLabel && <span className="text-stone-600">: {r.subjectLabel}</span>}
                  </span>
                  <span className="ml-auto text-xs text-stone-500">{[r.ip, r.browser].filter(Boolean).join(" · ") || t("where.unknown")}</span>
                </div>
                {(r.before !== null || r.after !== null) && (
                  <details>
                    <summary className="cursor-pointer text-xs text-amber-800">{t("changes")}</summary>
                    <div className="mt-2 flex flex-col gap-2 sm:flex-row">
                      <Change label={t("columns.before")} value={r.before ?? {}} />
                      <Change label={t("columns.after")} value={r.after ?? {}} />
                    </div>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <div className="flex items-center justify-between gap-4 text-sm">
        {raw.cursor ? (
          <Link href={`/dashboard/settings/audit${query(kept)}`} className="text-amber-800 underline-offset-4 hover:underline">
            {t("newest")}
          </Link>
        ) : (
          <span />
        )}
        {page.next && (
          <Link
            href={`/dashboard/settings/audit${query({ ...kept, cursor: page.next })}`}
            className="text-amber-800 underline-offset-4 hover:underline"
            data-testid="audit-more"
          >
            {t("more")}
          </Link>
        )}
      </div>
      <p className="text-xs text-stone-500">{t("retention")}</p>
    </div>
  );
}
