"use server";
// The customer list's bulk action: one tag for everyone in the current search
// and filters. The form posts the list's query string (customerListSearch),
// parsed exactly like the page parses its URL, so "everyone in this list" is
// the list the merchant sees. A form action (useActionState), so it also works
// before the page's JavaScript has loaded. addTagToFiltered checks the role and
// the tag again.
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/actions/result";
import { tenantAction } from "@/lib/actions/tenant-action";
import { addTagToFiltered } from "@/lib/customers/tags";
import { parseCustomerListParams } from "@/lib/validation/customers";

export async function addTagToListAction(_previous: unknown, form: FormData): Promise<ActionResult<{ added: number }>> {
  const field = (name: string) => {
    const v = form instanceof FormData ? form.get(name) : null;
    return typeof v === "string" ? v : "";
  };
  return tenantAction("MANAGER", async (ctx) => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { sort, dir, page, size, ...filter } = parseCustomerListParams(new URLSearchParams(field("query")));
    const added = await addTagToFiltered(ctx, filter, field("tag"));
    revalidatePath("/dashboard/customers");
    return { added };
  });
}
