// Dashboard → Klanten: the customer list (managers and owners; staff get a
// short explanation). Search, filters, sort and page live in the URL
// (lib/validation/customers.ts), so every view is a link; the filters are a
// plain GET form and every other control a link. Data: lib/customers/list-customers.ts.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CustomerBulkActions } from "@/components/customers/list/bulk-actions";
import { CustomerTable } from "@/components/customers/list/customer-table";
import { CustomerFilters } from "@/components/customers/list/filters";
import { clearedHref, LIST_PATH } from "@/components/customers/list/href";
import { CustomerPagination } from "@/components/customers/list/pagination";
import { savedFilterQuery } from "@/components/messages/compose";
import { ListMessageActions } from "@/components/messages/list-message-actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import { customerFilterOptions, listCustomers } from "@/lib/customers/list-customers";
import { listSavedFilters } from "@/lib/messages/campaigns";
import { hasRole } from "@/lib/tenancy/context";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { customerListSearch, isFiltered, parseCustomerListParams, type CustomerFilter } from "@/lib/validation/customers";

type Props = { searchParams?: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

const FILTER_KEYS = [
  "q",
  "program",
  "source",
  "location",
  "consent",
  "reward",
  "lastVisitFrom",
  "lastVisitTo",
  "joinedFrom",
  "joinedTo",
  "tag",
  "segment",
  "rung",
  "cell",
] as const;

export default async function CustomersPage({ searchParams }: Props = {}) {
  const { ctx, organization } = await requireTenant();
  const t = await getTranslations("customers.list");
  // Staff stamp on the tablet; the list (personal data) is for managers and owners.
  if (!hasRole(ctx, "MANAGER")) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p
          className="max-w-prose rounded-2xl border-2 border-dashed border-stone-300 bg-white p-10 text-center text-stone-600"
          data-testid="customer-list-forbidden"
        >
          {t("managersOnly")}
        </p>
      </section>
    );
  }

  const raw = (await searchParams) ?? {};
  // The filter form sends every field, the empty ones too: show the same list at its short address.
  const given = Object.entries(raw).flatMap(([k, v]) => {
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === "" ? [] : [[k, s] as [string, string]];
  });
  if (given.length !== Object.keys(raw).length) {
    const qs = new URLSearchParams(given).toString();
    redirect(qs ? `${LIST_PATH}?${qs}` : LIST_PATH);
  }

  const params = parseCustomerListParams(raw);
  const options = await customerFilterOptions(ctx);
  // A card, location or tag that no longer exists (an old link) is dropped like any other bad value.
  if (params.program && !options.programs.some((p) => p.id === params.program)) params.program = undefined;
  if (params.location && !options.locations.some((l) => l.id === params.location)) params.location = undefined;
  if (params.tag) params.tag = options.tags.find((g) => g.tag.toLowerCase() === params.tag!.toLowerCase())?.tag;
  const ignored = FILTER_KEYS.filter((k) => given.some(([key]) => key === k) && params[k as keyof CustomerFilter] === undefined);

  const filtered = isFiltered(params);
  const [list, all, savedFilters] = await Promise.all([listCustomers(ctx, params), filtered ? tenantDb(ctx).customer.count() : null, listSavedFilters(ctx)]);
  const shown = { ...params, page: list.page };
  const query = customerListSearch({ ...params, page: 1 });

  const header = (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <Button asChild variant="outline">
        <Link href={`${LIST_PATH}/import`} data-testid="customer-import-link">
          {t("import")}
        </Link>
      </Button>
    </div>
  );

  // No customers at all: how they get here.
  if (all === null && list.total === 0) {
    const program = options.programs.find((p) => p.status === "PUBLISHED");
    return (
      <section className="space-y-4">
        {header}
        <div className="rounded-2xl border-2 border-dashed border-stone-300 bg-white p-10 text-center" data-testid="customer-list-empty">
          <h2 className="text-lg font-semibold">{t("empty.title")}</h2>
          <p className="mx-auto mt-2 max-w-prose text-stone-600">{t("empty.body")}</p>
          <div className="mt-6 flex flex-wrap justify-center gap-3">
            <Button asChild>
              <Link href={program ? `/dashboard/cards/${program.id}/share` : "/dashboard/cards"}>{program ? t("empty.poster") : t("empty.design")}</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`${LIST_PATH}/import`}>{t("import")}</Link>
            </Button>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section className="space-y-4">
      {header}
      <CustomerFilters params={params} options={options} ignored={ignored} />
      <ListMessageActions query={query} filtered={filtered} saved={savedFilters.map((f) => ({ id: f.id, name: f.name, query: savedFilterQuery(f.filter) }))} />
      <p className="text-sm font-medium text-stone-700" role="status" data-testid="customer-total">
        {all === null ? t("total", { count: list.total }) : t("totalFiltered", { count: list.total, total: all })}
      </p>
      {list.total === 0 ? (
        <div className="rounded-2xl border-2 border-dashed border-stone-300 bg-white p-10 text-center" data-testid="customer-list-no-match">
          <h2 className="text-lg font-semibold">{t("noMatch.title")}</h2>
          <p className="mx-auto mt-2 max-w-prose text-stone-600">{t("noMatch.body")}</p>
          <Button asChild variant="outline" className="mt-6">
            <Link href={clearedHref(params)}>{t("filters.clear")}</Link>
          </Button>
        </div>
      ) : (
        <>
          <Card className="overflow-x-auto p-0">
            <CustomerTable rows={list.rows} params={shown} timeZone={organization.timezone} />
          </Card>
          <CustomerPagination params={shown} page={list.page} pages={list.pages} />
          <CustomerBulkActions query={query} total={list.total} />
        </>
      )}
    </section>
  );
}
