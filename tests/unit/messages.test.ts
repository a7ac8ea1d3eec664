import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en, nl } from "@/lib/i18n/messages";

function keys(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const dir = join(process.cwd(), "lib/i18n/messages");
const files = (locale: string) =>
  readdirSync(join(dir, locale))
    .map((f) => f.replace(/\.json$/, ""))
    .sort();

describe("message catalogs", () => {
  it("Dutch and English have exactly the same keys", () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });

  it("every namespace file is part of the catalog", () => {
    expect(files("nl")).toEqual(files("en"));
    expect(Object.keys(nl).sort()).toEqual(files("nl"));
  });

  it("no message is empty", () => {
    for (const catalog of [nl, en]) {
      const empty = keys(catalog).filter((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalog) === "");
      expect(empty).toEqual([]);
    }
  });
});
