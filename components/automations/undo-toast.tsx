"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export type Toast = { id: number; text: string; tone: "success" | "error"; undo?: () => void };

/** One short notice at the bottom of the screen, with an undo button when the change can be taken back; gone after 8 s. */
export function UndoToast({ toast, onClose, undoText, closeText }: { toast: Toast | null; onClose: () => void; undoText: string; closeText: string }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onClose, 8000);
    return () => clearTimeout(timer);
  }, [toast, onClose]);
  if (!toast) return null;
  return (
    <div className="fixed inset-x-0 bottom-4 z-50 flex justify-center px-4" data-testid="automation-toast">
      <div
        role={toast.tone === "error" ? "alert" : "status"}
        className={cn(
          "flex max-w-lg items-center gap-3 rounded-xl px-4 py-2 text-sm shadow-lg",
          toast.tone === "error" ? "bg-red-700 text-white" : "bg-stone-900 text-white",
        )}
      >
        <span className="flex-1">{toast.text}</span>
        {toast.undo && (
          <Button type="button" variant="accent" size="sm" onClick={toast.undo} data-testid="automation-undo">
            {undoText}
          </Button>
        )}
        <button type="button" onClick={onClose} aria-label={closeText} className="min-h-11 px-2 text-lg leading-none">
          ×
        </button>
      </div>
    </div>
  );
}
