// An import's progress, polled by the wizard's progress bar.
import { importProgress } from "@/lib/customers/import/imports";
import { withTenant } from "@/lib/http/principals";
import { ok } from "@/lib/http/result";
import { EntityId } from "@/lib/validation/ids";

export const GET = withTenant<{ id: string }>("MANAGER", async (_req, ctx, { id }) =>
  ok(await importProgress(ctx, EntityId.parse(id)), { "Cache-Control": "private, no-store" }),
);
