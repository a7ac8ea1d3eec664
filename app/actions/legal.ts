"use server";
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { acceptDpa } from "@/lib/legal/dpa";
import type { AcceptDpaRequest } from "@/lib/validation/legal";
import type { z } from "zod";

/** The owner accepts the current data processing agreement (the dashboard's banner). */
export async function acceptDpaAction(input: z.input<typeof AcceptDpaRequest>) {
  return tenantAction(
    "OWNER",
    async (ctx) => {
      await acceptDpa(ctx, input);
      revalidatePath("/dashboard", "layout");
      return null;
    },
    { allowReadOnly: true },
  );
}
