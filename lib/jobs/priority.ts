// `npm run worker` lowers its own CPU priority (WORKER_NICE, default 10). Where
// a worker shares a host's cores with the web server, a campaign's sending then
// yields to the tablets' stamps instead of taking turns with them; on a host of
// its own it changes nothing. bench:campaign, on two cores: with it the stamps'
// p95 during a 100 000-recipient campaign fell from 99–120 ms to 37–44 ms, and
// the campaign itself finished sooner (51–54 s against 66–81 s), its database
// work no longer waiting behind its own JavaScript (docs/messages/engine.md).
import os from "node:os";
import { env } from "@/lib/env";

/** Lowers this process's priority to `nice` (never raises it: a process started with a higher nice keeps it); returns the priority now. */
export function lowerWorkerPriority(nice = env().WORKER_NICE): number {
  if (nice > os.getPriority()) os.setPriority(nice);
  return os.getPriority();
}
