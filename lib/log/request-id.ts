// A request's id: the caller's X-Request-Id when it is a valid one, else a new
// UUID. No Node-only imports: proxy.ts uses it too.

/** What a client may send as its own request id (the same rule as API v1's X-Request-Id). */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** The caller's X-Request-Id when it is a valid one, else a new one. */
export function requestIdOf(sent: string | string[] | null | undefined): string {
  return typeof sent === "string" && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}
