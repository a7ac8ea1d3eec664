"use server";
// API keys (dashboard → Instellingen → API-sleutels): owners and managers.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/actions/tenant-action";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";

const PATH = "/dashboard/settings/api";

/** The new key is in the answer once; it is never stored or shown again. */
export async function createApiKeyAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const made = await createApiKey(ctx, input);
    revalidatePath(PATH);
    return { key: made.key, prefix: made.prefix };
  });
}

export async function revokeApiKeyAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    await revokeApiKey(ctx, z.object({ keyId: z.string().min(1).max(40) }).parse(input).keyId);
    revalidatePath(PATH);
    return null;
  });
}
