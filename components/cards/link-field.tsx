"use client";
// A link the customer can copy or hand to the phone's own share sheet (where the
// browser has one), with a spoken status: the web card's "Bewaar deze link" and
// "Neem een vriend mee" blocks.
import { useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const noChanges = () => () => {};

export type LinkFieldTexts = { label: string; copy: string; share: string; copied: string; copyFailed: string };

export function LinkField({
  url,
  shareData,
  texts,
  inputId,
  testIds,
}: {
  url: string;
  shareData: { title: string; text?: string };
  texts: LinkFieldTexts;
  inputId: string;
  testIds: { input: string; copy: string; share: string };
}) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<"copied" | "copyFailed" | null>(null);
  // Only after hydration: the server cannot know whether the browser can share.
  const canShare = useSyncExternalStore(
    noChanges,
    () => typeof navigator.share === "function",
    () => false,
  );

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      input.current?.select();
      setStatus("copyFailed");
    }
  }

  async function share() {
    try {
      await navigator.share({ ...shareData, url });
    } catch {
      // Closed the share sheet: nothing to say.
    }
  }

  return (
    <>
      <label htmlFor={inputId} className="sr-only">
        {texts.label}
      </label>
      <input
        ref={input}
        id={inputId}
        readOnly
        value={url}
        onFocus={(e) => e.currentTarget.select()}
        className="h-11 w-full rounded-lg border border-stone-300 bg-stone-50 px-3 font-mono text-sm text-stone-900"
        data-testid={testIds.input}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={copy} data-testid={testIds.copy}>
          {texts.copy}
        </Button>
        {canShare && (
          <Button type="button" variant="outline" onClick={share} data-testid={testIds.share}>
            {texts.share}
          </Button>
        )}
      </div>
      <p role="status" className={status === "copyFailed" ? "text-sm text-red-700" : "text-sm text-emerald-700"}>
        {status && texts[status]}
      </p>
    </>
  );
}
