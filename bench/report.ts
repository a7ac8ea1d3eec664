// Shared output for benchmarks: human lines first, the JSON summary as the very
// last line of stdout, and the same object merged into bench/results/latest.json.
import fs from "node:fs";
import path from "node:path";

export type BenchResult = { bench: string; metrics: Record<string, number>; targets: Record<string, number>; pass: boolean };

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function report(result: BenchResult) {
  const dir = path.resolve(import.meta.dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "latest.json");
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  all[result.bench] = { ...result, at: new Date().toISOString() };
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
  console.log(JSON.stringify(result));
}
