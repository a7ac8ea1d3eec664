// Issue 18, hostile input: every exported zod schema, fed arbitrary JSON, anything at all and hostile strings
// (unicode, `%`, NUL, huge), never throws from safeParse, and what it accepts round-trips: parse(parse(x)) = parse(x).
// The schemas are found, not listed: every module in lib/validation/, plus every other lib module whose source
// exports a `z…` value, is imported and each export that is a zod schema (or an object of them) is exercised. A new
// schema is therefore tested without editing this file; a schema factory (a function returning a schema) must be
// named in FACTORIES below, or the enumeration test fails. Seed: FUZZ_SEED=<n> (see docs/security.md).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { FIELD_MODES } from "@/lib/validation/programs";
import { fuzzSeed, hostileString, zodArbitrary } from "../support/fuzz";

const ROOT = path.resolve(import.meta.dirname, "../..");
const VALIDATION = "lib/validation";

/** lib/validation/*.ts, and any other lib module that exports a zod schema by `export const X = z…`. */
function schemaModules(): string[] {
  const all = readdirSync(path.join(ROOT, "lib"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.startsWith("generated"))
    .map((f) => `lib/${f}`);
  return all.filter((f) => f.startsWith(`${VALIDATION}/`) || /^export const \w+\s*=\s*z\b/m.test(readFileSync(path.join(ROOT, f), "utf8"))).sort();
}

/**
 * Exported functions that build a schema from arguments, with the arguments to build every variant. enrollmentSchema:
 * each field hidden / optional / required, marketing consent asked or not.
 */
const FACTORIES: Record<string, () => z.ZodType[]> = {
  enrollmentSchema: () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- found at runtime; the call shape is checked by the variants below.
    const build = loaded.get(`${VALIDATION}/enrollment.ts`)!.enrollmentSchema as (f: any) => z.ZodType;
    return FIELD_MODES.flatMap((mode) => [true, false].map((marketingConsent) => build({ email: mode, phone: mode, birthday: mode, marketingConsent })));
  },
};

/**
 * Schemas whose output is, by design, not an input of the same schema (form fields and query strings in, typed values
 * out): for these the round trip is not checked, only that parsing is deterministic. Each is named with why.
 */
const OUTPUT_NOT_INPUT: Record<string, string> = {
  "lib/validation/customer-detail.ts#ExportOptions": 'the query string\'s "1"/"0" becomes a boolean',
  "lib/validation/messages.ts#AutomationInput": "empty form fields become null, settings get their defaults as numbers",
  "lib/validation/strip.ts#StripQuery": "colours come without # in the query and leave with it",
  "lib/validation/strip.ts#WalletLogoQuery": "the same colours",
  "lib/validation/customers.ts#NoteInput": "an empty note becomes null (clears it)",
  "lib/validation/wallet.ts#UpdatedSince": "the digits of a query string become a number",
  "lib/validation/wallet.ts#ApplePassAuth": "the header `ApplePass <token>` becomes the bare token",
};

const isSchema = (v: unknown): v is z.ZodType => v instanceof z.ZodType;

type Found = { name: string; schema: z.ZodType };
const loaded = new Map<string, Record<string, unknown>>();

async function findSchemas(): Promise<Map<string, Found[]>> {
  const byFile = new Map<string, Found[]>();
  for (const file of schemaModules()) {
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    loaded.set(file, mod);
    const found: Found[] = [];
    for (const [name, value] of Object.entries(mod)) {
      if (isSchema(value)) found.push({ name, schema: value });
      // An object of field schemas (AddressFields).
      else if (value && typeof value === "object" && !Array.isArray(value) && Object.values(value).some(isSchema))
        for (const [k, v] of Object.entries(value)) if (isSchema(v)) found.push({ name: `${name}.${k}`, schema: v });
    }
    byFile.set(file, found);
  }
  for (const [file, mod] of loaded)
    for (const [name, value] of Object.entries(mod))
      if (typeof value === "function" && /Schema$/.test(name) && !isSchema(value)) {
        expect(FACTORIES, `${file}: ${name} looks like a schema factory; add it to FACTORIES`).toHaveProperty(name);
        byFile.get(file)!.push(...FACTORIES[name]().map((schema, i) => ({ name: `${name}#${i}`, schema })));
      }
  return byFile;
}

/** Arbitrary JSON, anything at all, hostile strings, and (most often) inputs shaped like the schema's with hostile leaves. */
const inputs = (schema: z.ZodType): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: hostileString },
    { weight: 5, arbitrary: zodArbitrary(schema) },
  );

/** Parsed outputs compared as data (Dates by time, NaN equal to itself). */
const same = (a: unknown, b: unknown) => expect(b).toStrictEqual(a);

const byFile = await findSchemas();
const exercised = new Set<string>();
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

describe("every exported zod schema survives hostile input", () => {
  it("finds the schemas: every module in lib/validation and every other lib module exporting one has at least one", () => {
    expect([...byFile.keys()].filter((f) => f.startsWith(VALIDATION)).length).toBe(
      readdirSync(path.join(ROOT, VALIDATION)).filter((f) => f.endsWith(".ts")).length,
    );
    const empty = [...byFile].filter(([, found]) => found.length === 0).map(([f]) => f);
    expect(empty, "modules that export no schema the walk recognises").toEqual([]);
    expect([...byFile.values()].flat().length).toBeGreaterThan(100);
  });

  for (const [file, found] of byFile) {
    it(`${file}: ${found.length} schema(s) never throw and round-trip what they accept`, () => {
      for (const { name, schema } of found) {
        fc.assert(
          fc.property(inputs(schema), (x) => {
            const first = schema.safeParse(x);
            if (!first.success) return;
            same(first.data, schema.parse(x));
            if (`${file}#${name}` in OUTPUT_NOT_INPUT) return;
            const second = schema.safeParse(first.data);
            expect(second.error?.issues, `${file} ${name}: its output ${JSON.stringify(first.data)} is refused on re-parse`).toBeUndefined();
            same(first.data, second.data);
          }),
          { seed: fuzzSeed, numRuns: RUNS, verbose: 1 },
        );
        exercised.add(`${file}#${name}`);
      }
    });
  }

  it("exercised every schema it found", () => {
    const all = [...byFile].flatMap(([file, found]) => found.map((f) => `${file}#${f.name}`));
    expect(all.filter((k) => !exercised.has(k))).toEqual([]);
  });
});
