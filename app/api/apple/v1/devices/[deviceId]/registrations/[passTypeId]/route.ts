// PassKit web service: which of this device's passes changed since a tag.
import { serviceResponse } from "@/lib/http/service-response";
import { updatedSerials } from "@/lib/wallet/apple/web-service";

export function GET(req: Request, { params }: { params: Promise<{ deviceId: string; passTypeId: string }> }) {
  return serviceResponse(async () => {
    const p = await params;
    return updatedSerials(p.deviceId, p.passTypeId, new URL(req.url).searchParams.get("passesUpdatedSince"));
  });
}
