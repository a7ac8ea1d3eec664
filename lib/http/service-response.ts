import { errorResult } from "./error-result";

export type ServiceResult = { status: number; headers?: Record<string, string>; body?: Buffer | string | object };

/** A framework-free result (status, headers, body) as a Response; thrown errors through the one error mapping. */
export async function serviceResponse(run: () => Promise<ServiceResult>): Promise<Response> {
  let r: ServiceResult;
  try {
    r = await run();
  } catch (error) {
    r = errorResult(error) as ServiceResult;
  }
  const headers = new Headers(r.headers);
  let body: BodyInit | null = null;
  if (Buffer.isBuffer(r.body)) body = new Uint8Array(r.body);
  else if (typeof r.body === "string") body = r.body;
  else if (r.body !== undefined) {
    body = JSON.stringify(r.body);
    headers.set("Content-Type", "application/json");
  }
  return new Response(r.status === 204 || r.status === 304 ? null : body, { status: r.status, headers });
}
