import { errorResult } from "./error-result";

export type ServiceResult = { status: number; headers?: Record<string, string>; body?: Buffer | string | object };

/** Runs a framework-free handler; a thrown error becomes its result through the one error mapping. */
export async function runService(run: () => Promise<ServiceResult>): Promise<ServiceResult> {
  try {
    return await run();
  } catch (error) {
    return errorResult(error) as ServiceResult;
  }
}

/** The serialized body and its content type (JSON for objects; none for 204/304). */
export function serviceBody(r: ServiceResult): { body: Buffer | string | undefined; contentType?: string } {
  if (r.status === 204 || r.status === 304 || r.body === undefined) return { body: undefined };
  if (Buffer.isBuffer(r.body) || typeof r.body === "string") return { body: r.body };
  return { body: JSON.stringify(r.body), contentType: "application/json" };
}

/** A framework-free handler as a Response (Next route handlers). */
export async function serviceResponse(run: () => Promise<ServiceResult>): Promise<Response> {
  const r = await runService(run);
  const { body, contentType } = serviceBody(r);
  const headers = new Headers(r.headers);
  if (contentType) headers.set("Content-Type", contentType);
  return new Response(body === undefined ? null : Buffer.isBuffer(body) ? new Uint8Array(body) : body, { status: r.status, headers });
}
