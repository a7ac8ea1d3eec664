"use client";
// A labelled input or textarea with its error in the detail page's own words.
import type { ComponentProps } from "react";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/components/ui/cn";
import { useErrorText, type Message } from "./use-customer-form";

type Props = { name: string; label: string; hint?: string; errors?: string[]; idPrefix: string };

export function TextField({ name, label, hint, errors, idPrefix, ...input }: Props & ComponentProps<"input">) {
  const errorText = useErrorText();
  const id = `${idPrefix}-${name}`;
  const error = errors?.[0];
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...input}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errorText(error)}
        </p>
      )}
    </div>
  );
}

export function TextArea({ name, label, hint, errors, idPrefix, className, ...input }: Props & ComponentProps<"textarea">) {
  const errorText = useErrorText();
  const id = `${idPrefix}-${name}`;
  const error = errors?.[0];
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cn(
          "min-h-24 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 focus:border-amber-500 focus:outline-none focus:ring-2 focus:ring-amber-500/40 aria-[invalid=true]:border-red-600",
          className,
        )}
        {...input}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="text-sm text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errorText(error)}
        </p>
      )}
    </div>
  );
}

export function Said({ message, testId }: { message: Message | null; testId?: string }) {
  if (!message) return null;
  return (
    <Alert tone={message.tone} data-testid={testId}>
      {message.text}
    </Alert>
  );
}
