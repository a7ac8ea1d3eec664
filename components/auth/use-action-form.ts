"use client";
import { useState, useTransition, type FormEvent } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { validate } from "@/lib/actions/validate";

/**
 * Validates a form with the input's zod schema in the browser, then calls the
 * server action (which validates again with the same schema).
 */
export function useActionForm<S extends z.ZodType, T>(
  schema: S,
  action: (input: z.infer<S>) => Promise<ActionResult<T>>,
  /** May return a message key to show as the form's error (e.g. a failed follow-up step). */
  onSuccess: (data: T, input: z.infer<S>) => void | string | Promise<void | string>,
) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const checked = validate(schema, values);
    if (!checked.ok) {
      setFieldErrors(checked.fieldErrors ?? {});
      setFormError(null);
      return;
    }
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await action(checked.data);
      } catch {
        result = { ok: false, error: "errors.INTERNAL" };
      }
      if (result.ok) {
        setFieldErrors({});
        setFormError(null);
        const followUpError = await onSuccess(result.data, checked.data);
        if (typeof followUpError === "string") setFormError(followUpError);
      } else {
        setFieldErrors(result.fieldErrors ?? {});
        setFormError(result.fieldErrors ? null : result.error);
      }
    });
  }

  return { onSubmit, fieldErrors, formError, pending };
}
