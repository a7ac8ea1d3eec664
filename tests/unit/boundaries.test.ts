// The tenant layer cannot be bypassed: every import in app/, components/, lib/,
// scripts/, prisma/ and bench/ is resolved (alias and relative paths alike), and
// a value import of a raw database client outside its allow-list fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  if (!fs.existsSync(path.join(root, dir))) return [];
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return rel === "lib/generated" ? [] : files(rel);
    return /\.(ts|tsx|mts|mjs|js)$/.test(e.name) ? [rel] : [];
  });
}

type Import = { from: string; target: string; typeOnly: boolean };

// import x from "m" · import type x from "m" · export * from "m" · import("m") · import "m"
const IMPORT = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The project-relative module (without extension) an import specifier names, or null for packages. */
export function resolveSpecifier(fromFile: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith("@/")) target = spec.slice(2);
  else if (spec.startsWith(".")) target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
  else return null;
  return target.replace(/\.(ts|tsx|js|mjs)$/, "").replace(/\/index$/, "");
}

export function importsOf(file: string, source: string): Import[] {
  const out: Import[] = [];
  for (const m of source.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    const target = resolveSpecifier(file, spec);
    if (target) out.push({ from: file, target, typeOnly: !!m[2] });
  }
  return out;
}

/** Raw database modules and who may import them (values; type-only imports carry no access). */
const RULES: { module: RegExp; allowed: RegExp; why: string }[] = [
  {
    module: /^lib\/db\/(client|pool)$/,
    allowed: /^lib\/(db|tenancy)\//,
    why: "tenant data goes through lib/tenancy (tenantDb, withTenantTransaction, lookups, globalDb)",
  },
  {
    module: /^lib\/db\/(owner|roles|close)$/,
    allowed: /^(lib\/db\/|scripts\/|prisma\/seed\/|tests\/|bench\/)/,
    why: "the owner's connection is for migrations, seeds, tests and benchmarks only",
  },
  { module: /^lib\/generated\/prisma(\/|$)/, allowed: /^(lib\/|scripts\/|prisma\/|tests\/|bench\/)/, why: "app/ and components/ never touch Prisma" },
];

const scanned = ["app", "components", "lib", "scripts", "prisma", "bench"].flatMap(files);

describe("architecture boundaries", () => {
  it("finds the files it checks", () => {
    expect(scanned.length).toBeGreaterThan(100);
    expect(scanned).toContain("lib/tenancy/lookups.ts");
  });

  it("resolves alias, relative and dynamic imports", () => {
    const src = `import { db } from "../db/client";\nimport type { Tx } from "@/lib/db/client";\nconst { pool } = await import("@/lib/db/pool");\nexport * from "./x/index";`;
    expect(importsOf("lib/cards/a.ts", src)).toEqual([
      { from: "lib/cards/a.ts", target: "lib/db/client", typeOnly: false },
      { from: "lib/cards/a.ts", target: "lib/db/client", typeOnly: true },
      { from: "lib/cards/a.ts", target: "lib/db/pool", typeOnly: false },
      { from: "lib/cards/a.ts", target: "lib/cards/x", typeOnly: false },
    ]);
  });

  it.each(RULES)("only its allow-list imports $module", ({ module, allowed, why }) => {
    const offenders = scanned
      .flatMap((f) => importsOf(f, fs.readFileSync(path.join(root, f), "utf8")))
      .filter((i) => !i.typeOnly && module.test(i.target) && !allowed.test(i.from))
      .map((i) => `${i.from} → ${i.target} (${why})`);
    expect(offenders).toEqual([]);
  });

  it("client components never import the server's environment (lib/env)", () => {
    const offenders = scanned.filter((f) => {
      const src = fs.readFileSync(path.join(root, f), "utf8");
      return /^["']use client["']/m.test(src) && importsOf(f, src).some((i) => i.target === "lib/env");
    });
    expect(offenders).toEqual([]);
  });

  it("no user-facing text is hard-coded in the auth forms (all via t())", () => {
    const forms = files("components/auth").filter((f) => f.endsWith(".tsx"));
    for (const f of forms) {
      const src = fs.readFileSync(path.join(root, f), "utf8");
      // JSX text nodes made of letters would be hard-coded copy.
      expect(src.match(/(?<![=-])>\s*[A-Za-zÀ-ÿ]{3,}[^<{}()=;]*</g) ?? [], f).toEqual([]);
    }
  });
});
