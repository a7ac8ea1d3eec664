import "server-only";
import { resolveTablet, type TabletPrincipal } from "@/lib/stamping/devices";
import { errorResponse } from "./respond";

/** Tablet API routes: `Authorization: Bearer <staff session token>` → the tablet principal. */
export function withTablet<P>(handler: (req: Request, p: TabletPrincipal, params: P) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }) => {
    try {
      const token = req.headers.get("authorization")?.replace(/^Bearer\s+/i, "");
      return await handler(req, await resolveTablet(token), await route.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
