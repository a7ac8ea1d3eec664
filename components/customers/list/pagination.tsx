// Previous / next, "Pagina 2 van 13" and the page size, all plain links.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { PAGE_SIZES, type CustomerListParams } from "@/lib/validation/customers";
import { listHref } from "./href";

const step = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm";

export function CustomerPagination({ params, page, pages }: { params: CustomerListParams; page: number; pages: number }) {
  const t = useTranslations("customers.list.pagination");
  const to = (n: number, testId: string, label: string, enabled: boolean) =>
    enabled ? (
      <Link href={listHref(params, { page: n })} className={`${step} hover:bg-stone-50`} data-testid={testId}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={`${step} text-stone-400`} data-testid={testId}>
        {label}
      </span>
    );
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3">
      <div className="flex items-center gap-2">
        {to(page - 1, "customer-page-prev", t("previous"), page > 1)}
        <span className="text-sm text-stone-600" data-testid="customer-page">
          {t("page", { page, pages })}
        </span>
        {to(page + 1, "customer-page-next", t("next"), page < pages)}
      </div>
      <div className="flex items-center gap-2 text-sm text-stone-600">
        <span>{t("size")}</span>
        {PAGE_SIZES.map((size) =>
          size === params.size ? (
            <span key={size} aria-current="true" className="rounded-md bg-stone-900 px-2 py-1 font-medium text-white">
              {size}
            </span>
          ) : (
            <Link
              key={size}
              href={listHref(params, { size, page: 1 })}
              className="rounded-md px-2 py-1 hover:bg-stone-100"
              data-testid={`customer-page-size-${size}`}
            >
              {size}
            </Link>
          ),
        )}
      </div>
    </nav>
  );
}
