"use client";
// "Opgeslagen." after the redirect of a first save (components/cards/first-save.ts).
// The old page and its focus are gone, so the notice takes focus: a screen reader
// reads it out. The flag leaves the URL, so a reload does not repeat it.
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { SAVED_PARAM } from "./first-save";

export function SavedNotice({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const url = new URL(window.location.href);
    if (url.searchParams.has(SAVED_PARAM)) {
      url.searchParams.delete(SAVED_PARAM);
      window.history.replaceState(window.history.state, "", url);
    }
  }, []);
  return (
    <Alert ref={ref} tone="success" tabIndex={-1} className="focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500" data-testid="designer-saved">
      {text}
    </Alert>
  );
}
