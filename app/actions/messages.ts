"use server";
// Berichten (dashboard → Berichten, docs/messages/campaigns.md): the composer's
// deliverability and email preview, sending or scheduling a campaign, cancelling
// a scheduled one, saved customer-list filters and the weekly message cap. Every
// input is parsed here with zod (bad input → field errors, never a throw) and
// every action needs a manager or owner.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/actions/tenant-action";
import { AppError } from "@/lib/errors/app-error";
import { cancelCampaign, createCampaign, deleteSavedFilter, listSavedFilters, SavedFilterInput, saveCustomerFilter } from "@/lib/messages/campaigns";
import { messageEmail } from "@/lib/messages/email";
import { messageReach } from "@/lib/messages/reach";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { EntityId } from "@/lib/validation/ids";
import { Audience, CampaignInput, MessageCap, MessageLink, TEXT_LIMITS } from "@/lib/validation/messages";
import { appUrl } from "@/lib/env";

const LIST = "/dashboard/campaigns";

/** Deliverability of an audience now (the composer asks again, debounced, when the audience changes). */
export async function messageReachAction(audience: unknown) {
  return tenantAction("MANAGER", async (ctx) => messageReach(ctx, Audience.parse(audience), { marketing: true }), { allowReadOnly: true });
}

const EmailPreview = z.object({
  locale: z.enum(["nl", "en"]),
  title: z.string().max(TEXT_LIMITS.title * 4),
  body: z.string().max(TEXT_LIMITS.body * 4),
  link: z.string().max(600).optional(),
});

/** The email as a customer would get it (filled in for the sample customer by the composer): html for a sandboxed iframe. */
export async function emailPreviewAction(input: unknown) {
  return tenantAction(
    "MANAGER",
    async (ctx) => {
      const p = EmailPreview.parse(input);
      const org = await tenantDb(ctx).organization.findFirstOrThrow({ select: { name: true } });
      const link = p.link && MessageLink.safeParse(p.link).success ? p.link : null;
      const email = await messageEmail({
        to: "sanne@example.nl",
        locale: p.locale,
        merchant: org.name,
        title: p.title,
        body: p.body,
        link,
        cardUrl: `${appUrl()}/c/voorbeeld`,
        unsubscribeUrl: `${appUrl()}/c/voorbeeld`,
      });
      return { subject: email.subject, html: email.html ?? null, text: email.text };
    },
    { allowReadOnly: true },
  );
}

/** Sends now (a background job) or schedules; the campaign page shows the progress. */
export async function createCampaignAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    // Checked here at the boundary; createCampaign parses its input again and adds the checks that need the database.
    const checked = CampaignInput.safeParse(input);
    if (!checked.success) throw checked.error;
    const campaign = await createCampaign(ctx, input as z.input<typeof CampaignInput>);
    revalidatePath(LIST);
    return { id: campaign.id, status: campaign.status };
  });
}

/** A scheduled campaign that should not go out after all (or one still sending: nothing more goes out). */
export async function cancelCampaignAction(id: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const parsed = EntityId.safeParse(id);
    if (!parsed.success) throw new AppError("NOT_FOUND");
    await cancelCampaign(ctx, parsed.data);
    revalidatePath(LIST, "layout");
    return null;
  });
}

/** "Bewaar dit filter": the customer list's current filter ({ name, query }) under a name (the same name again replaces it). */
export async function saveFilterAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const saved = await saveCustomerFilter(ctx, SavedFilterInput.parse(input));
    revalidatePath("/dashboard/customers");
    return { id: saved.id, name: saved.name };
  });
}

export async function deleteFilterAction(id: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const parsed = EntityId.safeParse(id);
    if (!parsed.success) throw new AppError("NOT_FOUND");
    await deleteSavedFilter(ctx, parsed.data);
    revalidatePath("/dashboard/customers");
    return null;
  });
}

/** The saved filters (the audience picker and the customer list show them). */
export async function listFiltersAction() {
  return tenantAction("MANAGER", async (ctx) => listSavedFilters(ctx), { allowReadOnly: true });
}

/** Berichten → Instellingen: at most this many messages per customer in 7 days (0: no limit). */
export async function setMessageCapAction(input: unknown) {
  return tenantAction("MANAGER", async (ctx) => {
    const raw = input && typeof input === "object" && "cap" in input ? (input as { cap: unknown }).cap : input;
    const parsed = MessageCap.safeParse(typeof raw === "string" && raw.trim() === "" ? Number.NaN : raw);
    // Empty, not a number, a fraction or out of range: one message, "0 to 14".
    if (!parsed.success) throw new AppError("VALIDATION", "VALIDATION", { cap: ["capRange"] });
    await tenantDb(ctx).organization.updateMany({ data: { messageCapPerWeek: parsed.data } });
    revalidatePath(LIST);
    return { cap: parsed.data };
  });
}
