// Upload of a customer import file (CSV or XLSX) as the raw request body, its name
// in `?name=`. Owners and managers only; 413 beyond the size limit.
import { uploadImport } from "@/lib/customers/import/imports";
import { readUpload } from "@/lib/customers/import/read-file";
import { withTenant } from "@/lib/http/principals";
import { ok } from "@/lib/http/result";

export function POST(req: Request) {
  return withTenant("MANAGER", async (r, ctx) => {
    const bytes = await readUpload(req.body as AsyncIterable<Uint8Array> | null, req.headers.get("content-length"));
    return ok(await uploadImport(ctx, { fileName: r.query.get("name") ?? "", bytes }));
  })(req);
}
