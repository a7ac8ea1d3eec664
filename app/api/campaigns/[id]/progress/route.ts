// GET /api/campaigns/<id>/progress → { status, total, byStatus } of one campaign,
// polled every second by the campaign page while it sends (components/messages/
// campaign-progress.tsx). Managers and owners; another merchant's id is a 404.
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/http/principals";
import { campaignProgress } from "@/lib/messages/campaigns";
import { EntityId } from "@/lib/validation/ids";

export const dynamic = "force-dynamic";

export const GET = withTenant<{ id: string }>("MANAGER", async (_req, ctx, { id }) => {
  const parsed = EntityId.safeParse(id);
  if (!parsed.success) throw new AppError("NOT_FOUND");
  // Another merchant's campaign is not found (tenantDb, row-level security): 404.
  return { status: 200, headers: { "Cache-Control": "private, no-store" }, body: await campaignProgress(ctx, parsed.data) };
});
