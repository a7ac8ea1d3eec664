// The app under benchmark: the production server (scripts/server.ts) on a free
// port, started and waited for. BENCH_CPU_PROF=1 writes a CPU profile to /tmp/prof.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../scripts/lib/embedded-postgres";

const root = path.resolve(import.meta.dirname, "..");

export async function startApp(env: Record<string, string> = {}): Promise<{ port: number; app: ChildProcess }> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", "--cpu-prof-dir", "/tmp/prof"] : [];
  const app = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/server.ts"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), LOG_LEVEL: "warn", NEXTAUTH_URL: `http://localhost:${port}`, ...env },
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { port, app };
    } catch {
      /* starting */
    }
    if (i > 200) throw new Error("app did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}
