// The HTTP fuzzer's route list, read from the app (issue 18): every app/**/route.ts, its URL with the dynamic
// segments named, and its exported method handlers. A new route file is fuzzed without editing the fuzzer.
import { readdirSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const FUZZED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof FUZZED_METHODS)[number];

export type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "catchAll"; name: string };
export type RouteFile = { file: string; segments: Segment[] };
type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type RouteHandler = RouteFile & { method: Method; handler: Handler };

/** Every app/**\/route.ts, as URL segments: route groups `(x)` dropped, `[x]` a param, `[...x]` / `[[...x]]` a catch-all. */
export function routeFiles(): RouteFile[] {
  return readdirSync(path.join(ROOT, "app"), { recursive: true, encoding: "utf8" })
    .filter((f) => /(^|\/)route\.(ts|tsx|js)$/.test(f))
    .sort()
    .map((f) => ({
      file: `app/${f}`,
      segments: f
        .split("/")
        .slice(0, -1)
        .filter((s) => !/^\(.*\)$/.test(s))
        .map((s): Segment => {
          const catchAll = /^\[\[?\.\.\.(\w+)\]?\]$/.exec(s);
          if (catchAll) return { kind: "catchAll", name: catchAll[1] };
          const param = /^\[(\w+)\]$/.exec(s);
          return param ? { kind: "param", name: param[1] } : { kind: "static", value: s };
        }),
    }));
}

/** The method handlers each route file exports. */
export async function routeHandlers(): Promise<RouteHandler[]> {
  const out: RouteHandler[] = [];
  for (const r of routeFiles()) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, r.file))) as Record<string, unknown>;
    for (const method of FUZZED_METHODS) if (typeof mod[method] === "function") out.push({ ...r, method, handler: mod[method] as Handler });
  }
  return out;
}

/** The URL path and Next's params for `values` (one per dynamic segment; a catch-all's value is split on "/"). */
export function urlOf(r: RouteFile, values: Record<string, string>): { path: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const parts = r.segments.map((s) => {
    if (s.kind === "static") return s.value;
    const v = values[s.name] ?? "x";
    params[s.name] = s.kind === "catchAll" ? v.split("/") : v;
    return v;
  });
  return { path: `/${parts.join("/")}`, params };
}

export const paramNames = (r: RouteFile) => r.segments.flatMap((s) => (s.kind === "static" ? [] : [s.name]));
