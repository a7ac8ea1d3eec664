// Issue 12 §8: no browser-native validation bubbles (English, unstyled) anywhere —
// every form validates itself and shows its own nl/en messages.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx|ts)$/.test(name) ? [path] : [];
  });
}

const files = ["app", "components", "lib"].flatMap((d) => sources(join(process.cwd(), d))).filter((f) => !f.includes("/generated/"));

/** Every `<form …>` opening tag in a file (JSX or an HTML template); `>` inside `{…}` (arrow functions) does not end it. */
function formTags(text: string): string[] {
  return [...text.matchAll(/<form\b/g)].map((m) => {
    let depth = 0;
    for (let i = m.index; i < text.length; i++) {
      const c = text[i];
      if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) return text.slice(m.index, i + 1);
    }
    return text.slice(m.index);
  });
}

describe("forms", () => {
  it("finds the forms (the scan itself works)", () => {
    expect(files.filter((f) => formTags(readFileSync(f, "utf8")).length > 0).length).toBeGreaterThan(8);
  });

  it("every form turns off the browser's own validation", () => {
    const missing = files.flatMap((f) =>
      formTags(readFileSync(f, "utf8"))
        .filter((tag) => !/\bnoValidate\b|\bnovalidate\b/.test(tag))
        .map((tag) => `${f.replace(process.cwd() + "/", "")}: ${tag.replace(/\s+/g, " ").slice(0, 80)}`),
    );
    expect(missing).toEqual([]);
  });
});
