"use server";
// The customer detail page's actions (dashboard → Klanten → a customer). Each
// parses in its lib function, which also checks the role (managers and owners):
// the tenantAction role here only turns a staff member away earlier.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { correctBalance } from "@/lib/customers/correct";
import { eraseCustomerForMerchant, exportCustomerDataForMerchant, updateCustomerProfile } from "@/lib/customers/detail";
import { mergeCards } from "@/lib/customers/merge";
import { addTag, removeTag, setNote } from "@/lib/customers/tags";

const refresh = (customerId: string) => revalidatePath(`/dashboard/customers/${encodeURIComponent(String(customerId))}`);

export async function updateProfileAction(customerId: string, input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await updateCustomerProfile(ctx, customerId, input);
    refresh(customerId);
    return null;
  });
}

export async function correctBalanceAction(customerId: string, input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const result = await correctBalance(ctx, input as Parameters<typeof correctBalance>[1]);
    refresh(customerId);
    return result.card;
  });
}

export async function mergeCardsAction(customerId: string, input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const result = await mergeCards(ctx, input as Parameters<typeof mergeCards>[1]);
    refresh(customerId);
    return { survivorId: result.survivor.id };
  });
}

export async function eraseCustomerAction(customerId: string) {
  return tenantAction(
    "MANAGER",
    async (ctx) => {
      await eraseCustomerForMerchant(ctx, customerId);
      refresh(customerId);
      return null;
      // A customer's erasure request is honoured whatever the merchant's account state.
    },
    { allowReadOnly: true },
  );
}

/** The customer's data as JSON (the same file as their own privacy page gives). */
export async function exportCustomerDataAction(customerId: string) {
  return tenantAction("MANAGER", async (ctx) => JSON.stringify(await exportCustomerDataForMerchant(ctx, customerId), null, 2), { allowReadOnly: true });
}

export async function addTagAction(customerId: string, tag: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const stored = await addTag(ctx, customerId, String(tag ?? ""));
    refresh(customerId);
    return stored;
  });
}

export async function removeTagAction(customerId: string, tag: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await removeTag(ctx, customerId, String(tag ?? ""));
    refresh(customerId);
    return null;
  });
}

export async function setNoteAction(customerId: string, note: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await setNote(ctx, customerId, String(note ?? ""));
    refresh(customerId);
    return null;
  });
}
