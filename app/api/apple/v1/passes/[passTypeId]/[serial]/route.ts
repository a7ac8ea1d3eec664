// PassKit web service: the latest version of a pass.
import { serviceResponse } from "@/lib/http/service-response";
import { latestPass } from "@/lib/wallet/apple/web-service";

export function GET(req: Request, { params }: { params: Promise<{ passTypeId: string; serial: string }> }) {
  return serviceResponse(async () => {
    const p = await params;
    return latestPass(p.passTypeId, p.serial, req.headers.get("authorization"), req.headers.get("if-modified-since"));
  });
}
