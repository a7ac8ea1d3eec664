// `npm run worker` lowers its CPU priority (lib/jobs/priority.ts). Each case in
// a child process: the test runner's own priority stays as it is.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function priorityAfter(env: Record<string, string>, nice?: number): string {
  const script = ['import("./lib/jobs/priority.ts").then((m) => console.log(m.lowerWorkerPriority(), require("node:os").getPriority()))'];
  const [cmd, args] = nice === undefined ? [process.execPath, []] : ["nice", ["-n", String(nice), process.execPath]];
  const r = spawnSync(cmd, [...args, "--import", "tsx", "-e", ...script], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: "postgresql://app@127.0.0.1:1/stempel", ...env },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

// A child starts at the runner's own priority (0 unless the runner was started with nice).
const lowered = (nice: number) => `${Math.max(nice, os.getPriority())} ${Math.max(nice, os.getPriority())}`;

describe("the worker's CPU priority", () => {
  it("is lowered to WORKER_NICE, 10 unless set", () => {
    expect(priorityAfter({})).toBe(lowered(10));
    expect(priorityAfter({ WORKER_NICE: "5" })).toBe(lowered(5));
  });

  it("is left as it is with 0, and never raised above how it was started", () => {
    expect(priorityAfter({ WORKER_NICE: "0" })).toBe(lowered(0));
    // `nice -n 15` adds 15 to the runner's priority.
    expect(priorityAfter({ WORKER_NICE: "5" }, 15)).toBe(lowered(Math.min(19, os.getPriority() + 15)));
  });

  it("refuses a value outside 0–19", () => {
    expect(() => priorityAfter({ WORKER_NICE: "25" })).toThrow(/WORKER_NICE/);
  });
});
