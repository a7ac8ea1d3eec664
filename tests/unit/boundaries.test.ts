// The tenant layer cannot be bypassed from the app: route handlers, pages,
// server actions and components never import the raw database client.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? files(rel) : /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

describe("architecture boundaries", () => {
  const uiFiles = [...files("app"), ...files("components")];

  it("finds the files it checks", () => {
    expect(uiFiles.length).toBeGreaterThan(10);
  });

  it.each(["@/lib/db/client", "@/lib/generated/prisma"])("app/ and components/ never import %s", (forbidden) => {
    const offenders = uiFiles.filter((f) => fs.readFileSync(path.join(root, f), "utf8").includes(`"${forbidden}`));
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
