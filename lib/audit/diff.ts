// What an edit changed, for the audit trail's before/after: only the fields
// that differ, and never a secret (PIN and password hashes, tokens, webhook
// signing secrets, API keys). recordAudit strips secrets again from whatever
// it is given, so a careless caller cannot store one.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Field names that hold secrets: pin, pinHash, password(Hash), secret, signingSecret, token, authToken, tokenHash, key hash… */
const SECRET = /(pin|password|secret|token|hash)$/i;

export const isSecretField = (name: string) => SECRET.test(name);

/** `value` as plain JSON (dates as ISO strings), with every secret field removed at any depth. */
export function stripSecrets(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function")
    return stripSecrets((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k, v]) => !isSecretField(k) && v !== undefined)
        .map(([k, v]) => [k, stripSecrets(v)]),
    );
  }
  return value as Json;
}

const isPlainObject = (v: Json): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields of `after` whose value differs from `before` (only `keys` when
 * given), as { before, after } holding just those fields; nested objects are
 * compared field by field. Secrets are left out. null when nothing changed.
 */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys?: readonly string[],
): { before: { [key: string]: Json }; after: { [key: string]: Json } } | null {
  const b = stripSecrets(before) as { [key: string]: Json };
  const a = stripSecrets(after) as { [key: string]: Json };
  const out = { before: {} as { [key: string]: Json }, after: {} as { [key: string]: Json } };
  for (const k of keys ?? [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
    if (isSecretField(k) || !(k in a)) continue;
    const [x, y] = [b[k] ?? null, a[k] ?? null];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (isPlainObject(x) && isPlainObject(y)) {
      const inner = diff(x, y);
      if (!inner) continue;
      out.before[k] = inner.before;
      out.after[k] = inner.after;
    } else {
      out.before[k] = x;
      out.after[k] = y;
    }
  }
  return Object.keys(out.after).length ? out : null;
}
