// `npm run bench`: every benchmark, one after another, then one table — each
// target with our figure, the bare baseline measured in the same run, their
// ratio and whether the target holds — and, last, one JSON line. A benchmark's
// own output goes to stderr as it runs; its JSON line (and bench/results/
// latest.json) is what the table is built from. BENCH_ONLY=stamp,api runs some;
// `npm run bench -- --report` only prints the table of the latest results.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Figure = { target: string; figure: string; value: string; baseline?: string; ratio?: string; cmp: "≥" | "≤" };
type Result = { bench: string; metrics: Record<string, number>; targets: Record<string, number>; pass: boolean };

// What each target is measured on: the figure, its baseline and their ratio (metric names in the bench's JSON line).
const FIGURES: Record<string, Figure[]> = {
  stamp: [
    { target: "ratio", figure: "stamps/s at saturation", value: "throughput_per_s", baseline: "baseline_throughput_per_s", ratio: "ratio", cmp: "≥" },
    { target: "p95_ratio", figure: "p95 ms at saturation", value: "p95_ms", baseline: "baseline_p95_ms", ratio: "p95_ratio", cmp: "≤" },
    {
      target: "open_loop_p95_ratio",
      figure: "p95 ms at half capacity",
      value: "open_loop_p95_ms",
      baseline: "open_loop_baseline_p95_ms",
      ratio: "open_loop_p95_ratio",
      cmp: "≤",
    },
    { target: "single_tablet_p99_ms", figure: "one tablet p99 ms", value: "single_tablet_p99_ms", baseline: "single_baseline_p99_ms", cmp: "≤" },
  ],
  passes: [
    { target: "throughput_per_s", figure: "passes/s", value: "throughput_per_s", cmp: "≥" },
    {
      target: "ratio",
      figure: "passes/s vs bare passkit-generator",
      value: "throughput_per_s",
      baseline: "baseline_throughput_per_s",
      ratio: "ratio",
      cmp: "≥",
    },
  ],
  push: [
    { target: "throughput_per_s", figure: "pushes/s", value: "throughput_per_s", cmp: "≥" },
    { target: "ratio", figure: "pushes/s vs bare http2", value: "throughput_per_s", baseline: "baseline_throughput_per_s", ratio: "ratio", cmp: "≥" },
  ],
  tenancy: [
    { target: "ratio_p50_max", figure: "p50 ms through the tenant door", value: "pinned_p50_ms", baseline: "baseline_p50_ms", ratio: "ratio_p50", cmp: "≤" },
  ],
  customers: [
    { target: "p95_ms", figure: "customer list p95 ms", value: "p95_ms", cmp: "≤" },
    { target: "ratio", figure: "p95 vs one full scan", value: "p95_ms", baseline: "full_scan_p50_ms", ratio: "ratio", cmp: "≤" },
  ],
  insights: [
    { target: "p95_ms", figure: "slowest view p95 ms", value: "max_view_p95_ms", cmp: "≤" },
    { target: "ratio", figure: "slowest view vs one full scan", value: "max_view_p95_ms", baseline: "full_scan_p50_ms", ratio: "ratio", cmp: "≤" },
  ],
  campaign: [
    { target: "rate_ratio", figure: "deliveries/s", value: "campaign_rate_per_s", baseline: "bare_rate_per_s", ratio: "rate_ratio", cmp: "≥" },
    {
      target: "stamp_p95_ratio",
      figure: "stamp p95 ms during it",
      value: "stamp_p95_during_ms",
      baseline: "stamp_p95_alone_ms",
      ratio: "stamp_p95_ratio",
      cmp: "≤",
    },
  ],
  lighthouse: [
    {
      target: "performance",
      figure: "Lighthouse performance, best of 5 (worse page)",
      value: "performance_best_worst_page",
      cmp: "≥",
    },
  ],
  api: [{ target: "ratio_p50", figure: "API v1 p50 ms vs the tablet API", value: "api_p50_ms", baseline: "tablet_p50_ms", ratio: "ratio_p50", cmp: "≤" }],
};

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const benches = Object.keys(FIGURES).filter((b) => !only || only.includes(b));
const root = path.resolve(import.meta.dirname, "..");

function runBench(name: string): Promise<Result | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `bench/${name}.ts`], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk;
      process.stderr.write(chunk);
    });
    child.on("close", () => {
      const last = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(last) as Result);
      } catch {
        resolve(null);
      }
    });
  });
}

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : String(n));
const rows: string[][] = [];
const results: Record<string, boolean> = {};
const latest = (): Record<string, Result & { at: string }> => JSON.parse(fs.readFileSync(path.join(root, "bench", "results", "latest.json"), "utf8"));
const reportOnly = process.argv.includes("--report");
for (const name of benches) {
  let result: (Result & { at?: string }) | null;
  if (reportOnly) result = latest()[name] ?? null;
  else {
    console.error(`\n[bench] ${name}…`);
    result = await runBench(name);
  }
  results[name] = result?.pass ?? false;
  if (!result) {
    rows.push([name, reportOnly ? "no result yet" : "did not finish (see its output above)", "–", "–", "–", "–", "✗"]);
    continue;
  }
  const bench = reportOnly && result.at ? `${name} (${result.at.slice(0, 10)})` : name;
  for (const f of FIGURES[name]) {
    const target = result.targets[f.target];
    const judged = result.metrics[f.ratio ?? f.value];
    const holds = f.cmp === "≥" ? judged >= target : judged <= target;
    rows.push([
      bench,
      f.figure,
      fmt(result.metrics[f.value]),
      `${f.ratio ? "ratio " : ""}${f.cmp} ${target}`,
      fmt(f.baseline ? result.metrics[f.baseline] : undefined),
      fmt(f.ratio ? result.metrics[f.ratio] : undefined),
      holds ? "✓" : "✗",
    ]);
  }
}

const header = ["bench", "figure", "ours", "target", "baseline", "ratio", "ok"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log([line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"));
const passed = Object.values(results).filter(Boolean).length;
console.log(
  JSON.stringify({ bench: "all", metrics: { benches: benches.length, passed }, targets: { passed: benches.length }, pass: passed === benches.length }),
);
