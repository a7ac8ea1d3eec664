// PassKit web service: devices report their errors here.
import { clientIp } from "@/lib/auth/client-ip";
import { readJsonLimited } from "@/lib/http/read-body";
import { serviceResponse } from "@/lib/http/service-response";
import { deviceLog, MAX_LOG_BODY } from "@/lib/wallet/apple/web-service";

export function POST(req: Request) {
  return serviceResponse(async () => deviceLog(await readJsonLimited(req, MAX_LOG_BODY), clientIp((h) => req.headers.get(h))));
}
