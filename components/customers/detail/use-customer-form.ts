"use client";
// The detail page's forms: checked in the browser with the same zod schema as
// the server, then the server action; every error (field or form) in the
// page's own words (messages "customers.errors"), falling back to the app's.
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";

export type FieldErrors = Record<string, string[]>;
export type Message = { tone: "success" | "error"; text: string };

export function useErrorText() {
  const t = useTranslations();
  /** "validation.emailTaken", "errors.FORBIDDEN" or a bare key → the sentence to show. */
  return (key: string) => {
    const bare = key.replace(/^(validation|errors)\./, "");
    for (const k of [`customers.errors.${bare}`, key, `errors.${bare}`]) if (t.has(k)) return t(k);
    return t("customers.errors.INTERNAL");
  };
}

export function useCustomerForm<I, T>(options: {
  action: (input: I) => Promise<ActionResult<T>>;
  // Only checks: the action gets the values as typed (the server parses them again).
  schema?: z.ZodType<unknown>;
  /** Inputs that show their own error; any other error becomes the form's message. */
  fields?: readonly string[];
  success?: (data: T) => string | null;
}) {
  const errorText = useErrorText();
  const [pending, start] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<Message | null>(null);
  const fields = options.fields ?? [];

  function fail(error: string, errors: FieldErrors = {}) {
    setFieldErrors(errors);
    const unshown = Object.entries(errors).find(([name]) => !fields.includes(name));
    const key = unshown ? unshown[1][0] : Object.keys(errors).length ? null : error;
    setMessage(key ? { tone: "error", text: errorText(key) } : null);
  }

  function submit(values: unknown, after?: (data: T) => void) {
    const input = values as I;
    if (options.schema) {
      const checked = options.schema.safeParse(values);
      if (!checked.success) {
        const errors: FieldErrors = {};
        for (const issue of checked.error.issues) (errors[issue.path.join(".") || "_form"] ??= []).push(issue.message);
        return fail("VALIDATION", errors);
      }
    }
    start(async () => {
      try {
        const result = await options.action(input);
        if (!result.ok) return fail(result.error, result.fieldErrors);
        setFieldErrors({});
        const text = options.success?.(result.data) ?? null;
        setMessage(text ? { tone: "success", text } : null);
        after?.(result.data);
      } catch {
        fail("INTERNAL");
      }
    });
  }

  return { pending, fieldErrors, message, submit, errorText, clear: (name: string) => setFieldErrors(({ [name]: _, ...rest }) => rest) };
}
