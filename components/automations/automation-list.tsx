"use client";
// The automations page's cards and their switches: a switch flips at once
// (optimistic), the server is told, and a notice offers to undo it; a refusal
// (e.g. a review request without its link) flips it back and says why.
import { useTranslations } from "next-intl";
import { useCallback, useRef, useState, useTransition } from "react";
import { setAutomationEnabledAction } from "@/app/actions/automations";
import type { AutomationKind } from "@/lib/generated/prisma/enums";
import type { AutomationView } from "@/lib/messages/automations";
import { AutomationCard } from "./automation-card";
import type { PreviewSample } from "./message-preview";
import { UndoToast, type Toast } from "./undo-toast";

type Props = { items: AutomationView[]; sample: PreviewSample; suggestion: number };

export function AutomationList({ items, sample, suggestion }: Props) {
  const t = useTranslations("automations");
  const tr = useTranslations();
  const [enabled, setEnabled] = useState<Record<string, boolean>>(() => Object.fromEntries(items.map((i) => [i.kind, i.enabled])));
  const [toast, setToast] = useState<Toast | null>(null);
  const [, startTransition] = useTransition();
  const ids = useRef(0);
  const close = useCallback(() => setToast(null), []);

  function toggle(kind: AutomationKind, next: boolean, undoing = false) {
    const name = t(`kinds.${kind}.name`);
    setEnabled((s) => ({ ...s, [kind]: next }));
    startTransition(async () => {
      const result = await setAutomationEnabledAction(kind, next).catch(() => null);
      const id = ++ids.current;
      if (!result?.ok) {
        setEnabled((s) => ({ ...s, [kind]: !next }));
        const text = result?.fieldErrors?.["settings.link"]
          ? t("errors.linkRequiredToEnable")
          : tr.has(result?.error ?? "errors.INTERNAL")
            ? tr(result?.error ?? "errors.INTERNAL")
            : tr("errors.INTERNAL");
        setToast({ id, tone: "error", text });
        return;
      }
      if (undoing) setToast({ id, tone: "success", text: t("toast.undone", { name, state: next ? t("on").toLowerCase() : t("off").toLowerCase() }) });
      else setToast({ id, tone: "success", text: t(next ? "toast.on" : "toast.off", { name }), undo: () => toggle(kind, !next, true) });
    });
  }

  return (
    <div className="space-y-4" data-testid="automation-list">
      {items.map((item) => (
        <AutomationCard
          key={item.kind}
          item={item}
          enabled={enabled[item.kind]}
          onToggle={(next) => toggle(item.kind, next)}
          sample={sample}
          suggestion={suggestion}
        />
      ))}
      <UndoToast toast={toast} onClose={close} undoText={t("toast.undo")} closeText={t("toast.close")} />
    </div>
  );
}
