"use client";
// A pass message as the lock screen shows it, filled in for a sample customer.
import { useTranslations } from "next-intl";
import { fillTemplate } from "@/lib/messages/template";
import type { MessageVars } from "@/lib/messages/types";
import { TEXT_LIMITS } from "@/lib/validation/messages";

export type PreviewSample = { merchant: string; color: string; vars: MessageVars };

const clip = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join("")}…` : s);

export function MessagePreview({ sample, title, body, link }: { sample: PreviewSample; title: string; body: string; link: string | null }) {
  const t = useTranslations("automations.preview");
  return (
    <div className="rounded-2xl bg-gradient-to-b from-indigo-900 via-slate-800 to-stone-900 p-3" data-testid="automation-preview">
      <div className="rounded-2xl bg-white/85 p-3 text-stone-900 shadow">
        <div className="flex items-center gap-2 text-xs text-stone-600">
          <span aria-hidden className="inline-block size-5 rounded-md" style={{ backgroundColor: sample.color }} />
          <span className="min-w-0 flex-1 truncate font-medium uppercase">{sample.merchant}</span>
          <span>{t("now")}</span>
        </div>
        <p className="mt-1 break-words text-sm font-semibold">{fillTemplate(title, sample.vars)}</p>
        <p className="whitespace-pre-line break-words text-sm" data-testid="automation-preview-body">
          {clip(fillTemplate(body, sample.vars), TEXT_LIMITS.apple)}
        </p>
        {link && <p className="mt-1 break-all text-xs text-sky-700 underline">{link}</p>}
      </div>
    </div>
  );
}
