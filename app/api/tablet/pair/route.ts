import { withTenant } from "@/lib/http/principals";
import { ok } from "@/lib/http/result";
import { pairDevice } from "@/lib/stamping/devices";

// A manager, signed in on the tablet's browser, pairs it to a location.
export const POST = withTenant("MANAGER", async (req, ctx) => ok(await pairDevice(ctx, await req.json(4 * 1024))));
