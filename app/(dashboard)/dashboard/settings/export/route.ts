// GET /dashboard/settings/export → everything of the organization as a zip of
// CSV files and organization.json, streamed (lib/organizations/export.ts).
// Owners only (also while read-only or being deleted: a way out); anyone else 403, no session 401.
import { Readable } from "node:stream";
import { currentTenant } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { errorResult } from "@/lib/http/result";
import { toResponse } from "@/lib/http/web";
import { exportOrganization } from "@/lib/organizations/export";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const tenant = await currentTenant();
    if (!tenant) throw new AppError("UNAUTHENTICATED");
    const out = await exportOrganization(tenant.ctx);
    return new Response(Readable.toWeb(out.stream) as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${out.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    return toResponse(errorResult(e));
  }
}
