// What the tenant matrix must cover, read from the app itself (no hand list):
// every page and layout under app/, every HTTP method a route.ts exports, every
// exported async function of a "use server" module, and every /api/v1 route of
// the API's route table. A new one fails the matrix test until it has a row.
import fs from "node:fs";
import path from "node:path";
import { API_ROUTES } from "@/lib/api/routes";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(full);
    return [full];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** "app/(dashboard)/dashboard/customers/[id]/page.tsx" → "/dashboard/customers/[id]" (route groups dropped). */
export function urlOf(file: string): string {
  const dir = path.posix.dirname(file).replace(/^app/, "");
  return (
    dir
      .split("/")
      .filter((s) => s && !/^\(.*\)$/.test(s))
      .map((s) => `/${s}`)
      .join("") || "/"
  );
}

/** The HTTP methods a route.ts exports (`export const GET`, `export async function POST`, `export { h as GET }`). */
export function routeMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return METHODS.filter((x) => found.has(x));
}

/** The exported async functions of a "use server" module (each is a server action a browser can call). */
export function serverActions(source: string): string[] {
  return [...source.matchAll(/export\s+(?:async\s+function\s+(\w+)|const\s+(\w+)\s*=\s*async\b)/g)].map((m) => m[1] ?? m[2]);
}

const isUseServer = (source: string) => /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);

export type Entry = { key: string; kind: "page" | "layout" | "special" | "route" | "action" | "api"; file?: string };

/** Next's other files that render for a request (boundaries, fallbacks, metadata routes): each needs a row too. */
const SPECIAL =
  /^(not-found|error|global-error|loading|template|default|forbidden|unauthorized|sitemap|robots|manifest|opengraph-image|twitter-image|icon|apple-icon)\.(tsx?|jsx?)$/;

/** Every entry of the app, keyed as the matrix names them. */
export function discover(): Entry[] {
  const files = walk(path.join(ROOT, "app")).map(rel).sort();
  const entries: Entry[] = [];
  for (const file of files) {
    const base = path.posix.basename(file);
    if (base === "page.tsx" || base === "page.ts") entries.push({ key: `page ${urlOf(file)}`, kind: "page", file });
    if (base === "layout.tsx" || base === "layout.ts") entries.push({ key: `layout ${file}`, kind: "layout", file }); // two layouts can share a URL
    if (SPECIAL.test(base)) entries.push({ key: `special ${file}`, kind: "special", file });
    if (base === "route.ts" || base === "route.tsx") {
      for (const method of routeMethods(fs.readFileSync(path.join(ROOT, file), "utf8"))) entries.push({ key: `${method} ${urlOf(file)}`, kind: "route", file });
    }
  }
  // Server actions may live anywhere a module starts with "use server".
  const sources = ["app", "lib", "components"].flatMap((d) => walk(path.join(ROOT, d))).filter((f) => /\.tsx?$/.test(f));
  for (const full of sources.sort()) {
    const source = fs.readFileSync(full, "utf8");
    // A server action declared inside a component ("use server" in a function body) has no module to walk: it needs a row of its own.
    if (!isUseServer(source) && /^\s*["']use server["']/m.test(source)) entries.push({ key: `inline-action ${rel(full)}`, kind: "action", file: rel(full) });
    if (!isUseServer(source)) continue;
    for (const name of serverActions(source)) entries.push({ key: `action ${rel(full)}#${name}`, kind: "action", file: rel(full) });
  }
  for (const r of API_ROUTES) entries.push({ key: `api ${r.method} ${r.path}`, kind: "api" });
  return entries;
}
