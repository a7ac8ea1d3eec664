"use client";
import { cn } from "@/components/ui/cn";

/** An on/off switch (a button with role="switch"), its state also in words. */
export function Switch({
  checked,
  onChange,
  label,
  onText,
  offText,
  testId,
}: {
  checked: boolean;
  onChange: (next: boolean) => void;
  label: string;
  onText: string;
  offText: string;
  testId?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      onClick={() => onChange(!checked)}
      data-testid={testId}
      className="inline-flex min-h-11 items-center gap-2 rounded-lg px-1 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
    >
      <span className={cn("relative inline-block h-6 w-11 rounded-full transition-colors", checked ? "bg-emerald-600" : "bg-stone-300")}>
        <span className={cn("absolute top-0.5 size-5 rounded-full bg-white shadow transition-all", checked ? "left-[1.375rem]" : "left-0.5")} />
      </span>
      <span className={checked ? "text-emerald-800" : "text-stone-600"}>{checked ? onText : offText}</span>
    </button>
  );
}
