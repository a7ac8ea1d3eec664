// `npm run worker` lowers its own CPU priority (WORKER_NICE, default 10). Where
// a worker shares a host's cores with the web server or the database, a
// campaign's sending then yields to the tablets' stamps instead of taking turns
// with them; on a host of its own it changes nothing. bench:campaign on two
// shared cores: the stamps' p95 during a 100 000-recipient campaign had a median
// of 43 ms in eight runs with it and 79 ms in four without, but the host's noise
// is as large as that (docs/deploy.md → Workers).
import os from "node:os";
import { env } from "@/lib/env";

/** Lowers this process's priority to `nice` (never raises it: a process started with a higher nice keeps it); returns the priority now. */
export function lowerWorkerPriority(nice = env().WORKER_NICE): number {
  if (nice > os.getPriority()) os.setPriority(nice);
  return os.getPriority();
}
