"use server";
// Instellingen: business profile, region and language, own account, sessions,
// deleting and restoring the organization. Each parses and calls one lib function.
import { revalidatePath } from "next/cache";
import { currentSession } from "@/lib/auth/session";
import { changePassword, endAllSessions, endSession, updateOwnProfile } from "@/lib/auth/sessions";
import { tenantAction } from "@/lib/actions/tenant-action";
import { AppError } from "@/lib/errors/app-error";
import { requestDeletion, restoreOrganization } from "@/lib/organizations/deletion";
import { updateBusinessProfile, updateRegion } from "@/lib/organizations/profile";

const refresh = () => revalidatePath("/dashboard", "layout");

export async function saveBusinessProfileAction(input: unknown) {
  return tenantAction("OWNER", async (ctx) => {
    const r = await updateBusinessProfile(ctx, input);
    refresh();
    return r;
  });
}

export async function saveRegionAction(input: unknown) {
  return tenantAction("OWNER", async (ctx) => {
    const r = await updateRegion(ctx, input);
    refresh();
    return r;
  });
}

// Own account and sessions: also while the dashboard is read-only (they are no business data).
export async function saveOwnProfileAction(input: unknown) {
  return tenantAction(
    "STAFF",
    async (ctx) => {
      await updateOwnProfile(ctx, input);
      refresh();
      return null;
    },
    { allowReadOnly: true },
  );
}

export async function changePasswordAction(input: unknown) {
  return tenantAction("STAFF", async (ctx) => changePassword(ctx, (await currentSession())?.sessionId ?? null, input).then(() => null), {
    allowReadOnly: true,
  });
}

export async function endSessionAction(sessionId: unknown) {
  return tenantAction(
    "STAFF",
    async (ctx) => {
      if (typeof sessionId !== "string" || sessionId.length > 64) throw new AppError("NOT_FOUND");
      await endSession(ctx.userId!, sessionId);
      revalidatePath("/dashboard/settings");
      return null;
    },
    { allowReadOnly: true },
  );
}

/** "Overal uitloggen": every session, this one too (`others`: all but this one). */
export async function endAllSessionsAction(others: boolean) {
  return tenantAction(
    "STAFF",
    async (ctx) => {
      await endAllSessions(ctx.userId!, others ? ((await currentSession())?.sessionId ?? null) : null);
      revalidatePath("/dashboard/settings");
      return null;
    },
    { allowReadOnly: true },
  );
}

export async function requestDeletionAction(input: unknown) {
  return tenantAction(
    "OWNER",
    async (ctx) => {
      const r = await requestDeletion(ctx, input);
      refresh();
      return { scheduledFor: r.scheduledFor.toISOString() };
    },
    { allowReadOnly: true },
  );
}

export async function restoreOrganizationAction() {
  return tenantAction(
    "OWNER",
    async (ctx) => {
      await restoreOrganization(ctx);
      refresh();
      return null;
    },
    { allowReadOnly: true },
  );
}
