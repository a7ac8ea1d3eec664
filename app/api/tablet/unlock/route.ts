import { ok } from "@/lib/http/result";
import { route } from "@/lib/http/web";
import { unlockDevice } from "@/lib/stamping/devices";

export const POST = route(async (req) => ok(await unlockDevice(await req.json(4 * 1024))));
