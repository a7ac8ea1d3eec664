// PassKit web service: which of this device's passes changed since a tag.
import { route } from "@/lib/http/web";
import { updatedSerials } from "@/lib/wallet/apple/web-service";

export const GET = route<{ deviceId: string; passTypeId: string }>((req, p) => updatedSerials(p.deviceId, p.passTypeId, req.query.get("passesUpdatedSince")));
