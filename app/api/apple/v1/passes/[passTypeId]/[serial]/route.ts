// PassKit web service: the latest version of a pass. Production serves this
// path from the server's fast path (lib/http/fast-path.ts); this is the same dispatch.
import { applePass, onNext } from "@/lib/http/fast-path";

export const GET = onNext(applePass);
