import { ok } from "@/lib/http/result";
import { route } from "@/lib/http/web";
import { listTabletStaff } from "@/lib/stamping/devices";

// The locked tablet's name tiles: who of its business has a PIN (device token in the body, as for unlock).
export const POST = route(async (req) => ok(await listTabletStaff(await req.json(4 * 1024))));
