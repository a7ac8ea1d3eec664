"use server";
// Dashboard → Berichten → Automatisch (lib/messages/automations.ts). The lib
// functions parse the input and check the role (managers and owners); the
// tenantAction role here only turns a staff member away earlier.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { saveAutomation, setAutomationEnabled } from "@/lib/messages/automations";

const PATH = "/dashboard/campaigns/automations";

/** Texts, settings and the switch of one automation. */
export async function saveAutomationAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const saved = await saveAutomation(ctx, input);
    revalidatePath(PATH);
    return saved;
  });
}

/** The switch alone (optimistic on the page, with undo). */
export async function setAutomationEnabledAction(kind: unknown, enabled: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const result = await setAutomationEnabled(ctx, kind, enabled);
    revalidatePath(PATH);
    return result;
  });
}
