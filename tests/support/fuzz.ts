// Hostile input for the property tests and the HTTP fuzzer (issue 18): one seed, one corpus.
// FUZZ_SEED=<integer> reruns everything with another seed; a failure prints the seed and the shrunk input.
import fc from "fast-check";

export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 18);

/** Strings people (or attackers) send that break naive code. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%",
  "%00",
  "%E0%A4%A",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "' OR '1'='1",
  '\'; DROP TABLE "Customer"; --',
  '=HYPERLINK("http://evil.example","klik")',
  "+31612345678",
  "0612345678",
  "anna@example.nl",
  "2026-02-30",
  "1990-01-01",
  "K7QM-2XHD-9P",
  "k7qm2xhd9p",
  "1234 AB",
  "Dorpsstraat 12",
  "ckabcdefghijklmnopqrstuv",
  "-1",
  "0",
  "1e308",
  "NaN",
  "Infinity",
  "true",
  "null",
  "{}",
  "[]",
  "\u202Eevil\u202C",
  "😀".repeat(50),
  "\uD800",
  "ﬀ İ ß ǅ",
  "x".repeat(100_000),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.stringMatching(/^[%0-9A-Fa-f./\\]{0,20}$/),
  fc.string({ minLength: 1000, maxLength: 5000 }),
);

/** One field's value: a hostile string, or a value of the wrong type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2, 5, 100, Number.MAX_SAFE_INTEGER, -0, true, false, null, undefined, "on", [], {}),
  fc.date({ noInvalidDate: false }),
  fc.array(hostileString, { maxLength: 3 }),
);

/* eslint-disable @typescript-eslint/no-explicit-any -- walks zod's internal definitions (`_zod.def`), which are untyped here. */
type Def = Record<string, any>;
const defOf = (schema: unknown): Def | undefined => (schema as any)?._zod?.def;
const checksOf = (def: Def): Def[] => (def.checks ?? []).map((c: any) => c._zod?.def ?? c);

/**
 * Inputs shaped like what `schema` accepts (its object keys, enums, patterns, bounds), with a hostile value in
 * about one leaf in six, so properties reach past the first `invalid_type` into the schema's transforms.
 */
export function zodArbitrary(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const valid = shaped(schema, depth);
  return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function shaped(schema: unknown, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (!def || depth > 6) return hostileValue;
  const inner = (s: unknown) => zodArbitrary(s, depth + 1);
  const checks = checksOf(def);
  const bound = (name: string, key: string) => checks.find((c) => c.check === name)?.[key] as number | undefined;
  switch (def.type) {
    case "string": {
      const pattern: RegExp | undefined = def.pattern ?? checks.find((c) => c.pattern)?.pattern;
      const minLength = bound("min_length", "minimum") ?? bound("length_equals", "length") ?? 0;
      const maxLength = Math.min(bound("max_length", "maximum") ?? bound("length_equals", "length") ?? 60, 300);
      const matching = pattern && matchingString(pattern);
      const text = matching
        ? matching.filter((s) => s.length >= minLength && s.length <= maxLength + 40)
        : fc.string({ minLength: Math.min(minLength, maxLength), maxLength });
      return def.coerce ? fc.oneof(text, fc.integer(), fc.boolean()) : text;
    }
    case "number": {
      const min = bound("greater_than", "value") ?? -1e6;
      const max = bound("less_than", "value") ?? 1e6;
      const int = checks.some((c) => c.format === "safeint" || c.format === "int32");
      const n = int ? fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) }) : fc.double({ min, max, noNaN: true });
      return def.coerce ? fc.oneof(n, n.map(String)) : n;
    }
    case "bigint":
      return fc.bigInt();
    case "boolean":
      return def.coerce ? fc.oneof(fc.boolean(), fc.constantFrom("true", "false", "on", "")) : fc.boolean();
    case "date":
      return def.coerce
        ? fc.oneof(
            fc.date(),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          )
        : fc.date();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "object":
      return fc.record(Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, inner(v)])), {
        requiredKeys: Object.entries(def.shape as Record<string, unknown>)
          .filter(([, v]) => !["optional", "default", "prefault"].includes(defOf(v)?.type))
          .map(([k]) => k),
      });
    case "array": {
      const minLength = bound("min_length", "minimum") ?? 0;
      return fc.array(inner(def.element), { minLength, maxLength: Math.max(minLength, Math.min(bound("max_length", "maximum") ?? 4, 4)) });
    }
    case "tuple":
      return fc.tuple(...(def.items as unknown[]).map(inner));
    case "record":
      return fc.dictionary(
        shaped(def.keyType, depth + 1).filter((k): k is string => typeof k === "string"),
        inner(def.valueType),
        { maxKeys: 4 },
      );
    case "union":
      return fc.oneof(...(def.options as unknown[]).map((o) => shaped(o, depth + 1)));
    case "intersection":
      return fc.tuple(shaped(def.left, depth + 1), shaped(def.right, depth + 1)).map(([a, b]) => (isObject(a) && isObject(b) ? { ...a, ...b } : a));
    case "optional":
      return fc.option(shaped(def.innerType, depth + 1), { nil: undefined });
    case "nullable":
      return fc.option(shaped(def.innerType, depth + 1), { nil: null });
    case "default":
    case "prefault":
      return fc.option(shaped(def.innerType, depth + 1), { nil: undefined });
    case "catch":
    case "readonly":
    case "nonoptional":
    case "success":
      return shaped(def.innerType, depth + 1);
    case "lazy":
      return shaped(def.getter(), depth + 1);
    case "pipe":
      // z.preprocess(fn, schema) is a pipe from a transform: what the inner schema takes is the best guess. Otherwise
      // what the outer schema takes, or what its result must look like (`.transform(normalize).pipe(Serial)`).
      if (defOf(def.in)?.type === "transform") return shaped(def.out, depth + 1);
      return defOf(def.out)?.type === "transform" ? shaped(def.in, depth + 1) : fc.oneof(shaped(def.in, depth + 1), shaped(def.out, depth + 1));
    default:
      return hostileValue; // any, unknown, transform, custom…
  }
}

/** Strings matching `pattern` (case-insensitive ones in the case written), or undefined where fast-check cannot build them. */
function matchingString(pattern: RegExp): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern.source, pattern.flags.replace(/[iguy]/g, "")));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
/* eslint-enable @typescript-eslint/no-explicit-any */
