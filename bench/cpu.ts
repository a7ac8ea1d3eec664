// Where the CPU went during a benchmark phase, read from Linux's /proc (no-op
// elsewhere): PostgreSQL's processes, the app's process and this one (the load
// generator or the bare client). On a 2-core machine all three share the cores,
// so the app's own CPU per request is what it takes away from the database.
import { execSync } from "node:child_process";
import fs from "node:fs";

const TICK_MS = (() => {
  try {
    return 1000 / Number(execSync("getconf CLK_TCK").toString().trim());
  } catch {
    return 10;
  }
})();

/** CPU ms (user + system) a process has used, or 0 when it is gone or /proc is missing. */
function cpuMs(pid: number): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function postgresPids(): number[] {
  try {
    return fs
      .readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number)
      .filter((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}

export type CpuSplit = { postgres: number; app: number; client: number };

/**
 * Starts counting; the returned function gives the CPU ms each part used since.
 * Backends that start and end in between are missed, so the bench keeps its
 * connections open across a phase (pools, autocannon's keep-alive).
 */
export function cpuMeter(appPid?: number): () => CpuSplit {
  const pgBefore = new Map(postgresPids().map((pid) => [pid, cpuMs(pid)]));
  const appBefore = appPid ? cpuMs(appPid) : 0;
  const selfBefore = process.cpuUsage();
  return () => {
    let postgres = 0;
    for (const pid of postgresPids()) postgres += cpuMs(pid) - (pgBefore.get(pid) ?? 0);
    const self = process.cpuUsage(selfBefore);
    return { postgres, app: appPid ? cpuMs(appPid) - appBefore : 0, client: (self.user + self.system) / 1000 };
  };
}
