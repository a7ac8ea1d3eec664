// PassKit web service: register / unregister a device for a pass.
import { route } from "@/lib/http/web";
import { MAX_REGISTRATION_BODY, register, unregister } from "@/lib/wallet/apple/web-service";

type Params = { deviceId: string; passTypeId: string; serial: string };

export const POST = route<Params>(async (req, p) =>
  register(p.deviceId, p.passTypeId, p.serial, req.header("authorization"), await req.json(MAX_REGISTRATION_BODY)),
);

export const DELETE = route<Params>((req, p) => unregister(p.deviceId, p.passTypeId, p.serial, req.header("authorization")));
