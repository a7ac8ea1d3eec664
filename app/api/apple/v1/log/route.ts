// PassKit web service: devices report their errors here.
import { clientIp } from "@/lib/auth/client-ip";
import { route } from "@/lib/http/web";
import { deviceLog, MAX_LOG_BODY } from "@/lib/wallet/apple/web-service";

export const POST = route(async (req) => deviceLog(await req.json(MAX_LOG_BODY), clientIp(req.header)));
