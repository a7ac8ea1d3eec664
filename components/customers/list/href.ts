// Links within the customer list: the list's state lives entirely in the URL.
import { customerListSearch, type CustomerListParams } from "@/lib/validation/customers";

export const LIST_PATH = "/dashboard/customers";

/** The list with `changes` applied (a changed filter or sort goes back to page 1). */
export function listHref(params: CustomerListParams, changes: Partial<CustomerListParams> = {}): string {
  const qs = customerListSearch(params, changes);
  return qs ? `${LIST_PATH}?${qs}` : LIST_PATH;
}

/** The same list without search and filters (sort and page size kept). */
export const clearedHref = (params: CustomerListParams) => listHref({ sort: params.sort, dir: params.dir, page: 1, size: params.size });
