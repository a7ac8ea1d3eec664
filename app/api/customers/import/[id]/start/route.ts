// Starts the import's background job (after a dry run).
import { startImport } from "@/lib/customers/import/imports";
import { withTenant } from "@/lib/http/principals";
import { EntityId } from "@/lib/validation/ids";

export const POST = withTenant<{ id: string }>("MANAGER", async (_req, ctx, { id }) => ({ status: 202, body: await startImport(ctx, EntityId.parse(id)) }));
