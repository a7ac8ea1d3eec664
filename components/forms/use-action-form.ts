"use client";
// The one way a client form (or button) calls a server action: a browser check
// with the input's zod schema (the server checks again with the same one), a
// pending flag, field errors, and one message that always reports a failure.
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { validate } from "@/lib/actions/validate";

/** `code`: a plan limit or the read-only dashboard, shown with an upgrade / pay button (components/billing/plan-limit-notice.tsx). */
export type FormMessage = { tone: "success" | "error"; text: string; code?: "PLAN_LIMIT" | "READ_ONLY" };
type FieldErrors = Record<string, string[]>;

/** What follows a success. */
type Then<T, I> = {
  /** A message key, or a function building the (translated) text from the action's data. */
  success?: string | ((data: T) => string);
  /** E.g. navigate; may return a message key to show as an error (a failed follow-up step). */
  onSuccess?: (data: T, input: I) => void | string | Promise<void | string>;
};

type Options<I, T> = Then<T, I> & {
  action: (input: I) => Promise<ActionResult<T>>;
  /** Checked in the browser before the action runs. Without one, the server action is the only check. */
  schema?: z.ZodType<I>;
  /** Inputs that show their own error (e.g. <Field>); an error on any other field becomes the message. */
  fields?: readonly string[];
  /** Long forms: "check the marked fields" above the form when fields have errors. */
  summary?: boolean;
  resetOnSuccess?: boolean;
};

/** The message key a failure shows: none only when every error sits beside its own input. */
export function failureMessage(error: string, errors: FieldErrors, fields: readonly string[], summary = false): string | null {
  const unshown = Object.entries(errors).find(([name]) => !fields.includes(name));
  if (unshown) return `validation.${unshown[1][0]}`;
  if (Object.keys(errors).length === 0) return error;
  return summary ? "validation.VALIDATION" : null;
}

export function useActionForm<I, T>({ action, schema, fields = [], summary, resetOnSuccess, ...then }: Options<I, T>) {
  const t = useTranslations();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<FormMessage | null>(null);
  const say = (tone: FormMessage["tone"], key: string, code?: FormMessage["code"]) =>
    setMessage({ tone, text: t.has(key) ? t(key) : t("errors.INTERNAL"), code });

  function fail(error: string, errors: FieldErrors = {}, code?: FormMessage["code"]) {
    setFieldErrors(errors);
    const key = failureMessage(error, errors, fields, summary);
    if (key) say("error", key, code);
    else setMessage(null);
  }

  function run<J, U>(call: () => Promise<ActionResult<U>>, input: J, after: Then<U, J>, form?: HTMLFormElement) {
    startTransition(async () => {
      try {
        const result = await call();
        if (!result.ok) return fail(result.error, result.fieldErrors, result.code);
        setFieldErrors({});
        setMessage(null);
        form?.reset();
        const followUpError = await after.onSuccess?.(result.data, input);
        if (typeof followUpError === "string") say("error", followUpError);
        else if (typeof after.success === "function") setMessage({ tone: "success", text: after.success(result.data) });
        else if (after.success) say("success", after.success);
      } catch {
        // The action could not be reached (network), or the follow-up threw.
        fail("errors.INTERNAL");
      }
    });
  }

  /** Checks `values` with the schema, then runs the action with what the schema returned. */
  function submit(values?: unknown, form?: HTMLFormElement) {
    // Without a schema the action takes the raw values (server actions parse `unknown` input).
    const checked = schema ? validate(schema, values) : ({ ok: true, data: values as I } as const);
    if (!checked.ok) return fail(checked.error, checked.fieldErrors);
    run(() => action(checked.data), checked.data, then, resetOnSuccess ? form : undefined);
  }

  return {
    pending,
    fieldErrors,
    message,
    submit,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      submit(Object.fromEntries(new FormData(event.currentTarget)), event.currentTarget);
    },
    /** Another action of the same form (e.g. publish next to save), sharing its pending flag and message. */
    run: <U>(call: () => Promise<ActionResult<U>>, after: Then<U, void> = {}) => run(call, undefined, after),
    /** An edited field loses its old error. */
    clearFieldError: (name: string) => setFieldErrors(({ [name]: _, ...rest }) => rest),
  };
}
