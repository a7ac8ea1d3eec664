// POST /api/tablet/actions without any web framework: the Next route handler
// and the server's fast path (scripts/server.ts) both call this, so the hot
// path skips Next's router (measured: ~3 ms of CPU per request on 2 cores).
import { errorResult } from "@/lib/http/error-result";
import { applyCardActionForSession } from "./card-action";

export type EndpointResult = { status: number; body: unknown; headers?: Record<string, string> };

export async function cardActionEndpoint(authorization: string | null, rawBody: string): Promise<EndpointResult> {
  try {
    const token = authorization?.replace(/^Bearer\s+/i, "");
    return { status: 200, body: await applyCardActionForSession(token, JSON.parse(rawBody)) };
  } catch (error) {
    return errorResult(error);
  }
}
