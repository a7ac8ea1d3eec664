import { clientIp } from "@/lib/auth/client-ip";
import { currentTenant } from "@/lib/auth/session";
import { AppError } from "@/lib/errors/app-error";
import { ok } from "@/lib/http/result";
import { route } from "@/lib/http/web";
import { pairDevice } from "@/lib/stamping/devices";
import { pairByCode } from "@/lib/stamping/pairing";
import { requireRole } from "@/lib/tenancy/context";

// Pairs a tablet to a location. `{code, name?}`: the one-time code from the
// dashboard (Stempeltablet), no sign-in needed. `{locationId, name}`: a manager
// signed in on the tablet's own browser (the older way, still offered).
export const POST = route(async (req) => {
  const body: unknown = await req.json(4 * 1024);
  if (body && typeof body === "object" && "code" in body) return ok(await pairByCode(body as { code: string }, clientIp(req.header)));
  const tenant = await currentTenant();
  if (!tenant) throw new AppError("UNAUTHENTICATED");
  requireRole(tenant.ctx, "MANAGER");
  return ok(await pairDevice(tenant.ctx, body as Parameters<typeof pairDevice>[1]));
});
