// PassKit web service: register / unregister a device for a pass.
import { readJsonLimited } from "@/lib/http/read-body";
import { serviceResponse } from "@/lib/http/service-response";
import { MAX_REGISTRATION_BODY, register, unregister } from "@/lib/wallet/apple/web-service";

type Params = { params: Promise<{ deviceId: string; passTypeId: string; serial: string }> };

export function POST(req: Request, { params }: Params) {
  return serviceResponse(async () => {
    const p = await params;
    return register(p.deviceId, p.passTypeId, p.serial, req.headers.get("authorization"), await readJsonLimited(req, MAX_REGISTRATION_BODY));
  });
}

export function DELETE(req: Request, { params }: Params) {
  return serviceResponse(async () => {
    const p = await params;
    return unregister(p.deviceId, p.passTypeId, p.serial, req.headers.get("authorization"));
  });
}
