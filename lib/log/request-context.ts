// The request id of the work in progress, for log lines and jobs. One id per
// HTTP request (a valid incoming X-Request-Id, else a new UUID: ./request-id.ts), set by the
// production server's request listener (lib/http/fast-path.ts) and echoed in the
// response; a job enqueued during the request carries it in its data
// (lib/jobs/queue.ts) and the worker runs that job under it again
// (lib/jobs/worker.ts), so request → job → delivery share one id. The logger
// (./logger.ts) adds it to every line it writes.
//
// The storage lives on globalThis: the Next server bundle and the tsx-loaded
// scripts/server.ts each load their own copy of this module in one process.
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = { requestId: string };

const KEY = Symbol.for("stempel.requestContext");
const g = globalThis as unknown as { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (g[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** The id of the request (or job) this code runs for, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `fn` with `requestId` as the current request id (none: as it is). */
export function withRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestId ? storage.run({ requestId }, fn) : fn();
}
