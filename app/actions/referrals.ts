"use server";
// Berichten → Vrienden werven (docs/messages/referrals.md): a program's referral
// settings. Parsed with zod in lib/referrals/manage.ts; managers and owners.
import { revalidatePath } from "next/cache";
import { tenantAction } from "@/lib/actions/tenant-action";
import { saveReferralSettings } from "@/lib/referrals/manage";

export async function saveReferralSettingsAction(programId: unknown, input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const saved = await saveReferralSettings(ctx, programId, input);
    revalidatePath("/dashboard/campaigns/referrals");
    return saved;
  });
}
