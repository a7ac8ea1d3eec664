// The public REST API (/api/v1, docs/integrations/api.md): every route is in
// lib/api/routes.ts and answered by one dispatcher, here under Next and on the
// production server's fast path (lib/http/fast-path.ts).
import { dispatchApi } from "@/lib/api/router";
import { toResponse, webRequest } from "@/lib/http/web";

export const dynamic = "force-dynamic";

const handler = async (req: Request) => toResponse(await dispatchApi(webRequest(req)));

export { handler as GET, handler as HEAD, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS };
