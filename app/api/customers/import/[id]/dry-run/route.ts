// Dry run: every row checked with the chosen columns and program; nothing imported yet.
import { dryRunImport } from "@/lib/customers/import/imports";
import { withTenant } from "@/lib/http/principals";
import { ok } from "@/lib/http/result";
import { EntityId } from "@/lib/validation/ids";

export const POST = withTenant<{ id: string }>("MANAGER", async (req, ctx, { id }) => ok(await dryRunImport(ctx, EntityId.parse(id), await req.json(16_384))));
