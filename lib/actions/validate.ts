// Client-safe half of lib/actions/result.ts: checking a form in the browser with
// the same zod schema the server uses (no server-only imports here).
import type { z } from "zod";
import type { ActionResult } from "./result";

export function validate<S extends z.ZodType>(schema: S, input: unknown): ActionResult<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return { ok: false, error: "validation.VALIDATION", fieldErrors };
}
