"use client";
// "Mogelijk dubbel": this customer and one who may be the same person, with
// the card pairs of one program that a manager can merge (picking the card that stays).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { mergeCardsAction } from "@/app/actions/customers";
import { Button } from "@/components/ui/button";
import type { DuplicateSuggestion } from "@/lib/customers/detail";
import { Said } from "./fields";
import { useCustomerForm } from "./use-customer-form";

export function MergeSuggestions({ customerId, suggestions, canMerge }: { customerId: string; suggestions: DuplicateSuggestion[]; canMerge: boolean }) {
  const t = useTranslations("customers.merge");
  const f = useCustomerForm({ action: (input: unknown) => mergeCardsAction(customerId, input), success: () => t("done") });
  const merge = (survivor: { id: string; serial: string }, merged: { id: string; serial: string }) => {
    if (window.confirm(t("confirm", { merged: merged.serial, survivor: survivor.serial }))) f.submit({ survivorCardId: survivor.id, mergedCardId: merged.id });
  };
  return (
    <div className="space-y-4" data-testid="duplicate-suggestions">
      {suggestions.map((s) => (
        <div key={s.customerId} className="space-y-2" data-testid="duplicate-suggestion">
          <p className="text-sm text-stone-700">{t("intro", { name: s.name })}</p>
          <Link href={`/dashboard/customers/${s.customerId}`} className="text-sm font-medium text-amber-800 underline-offset-4 hover:underline">
            {t("open", { name: s.name })}
          </Link>
          {s.pairs.length === 0 && <p className="text-sm text-stone-500">{t("noPairs")}</p>}
          {s.pairs.map((p) => (
            <div key={`${p.mine.id}-${p.theirs.id}`} className="rounded-lg border border-stone-200 p-3">
              <p className="text-sm">
                {t("pair", {
                  program: p.programName,
                  mine: p.mine.serial,
                  mineStamps: p.mine.stampCount,
                  theirs: p.theirs.serial,
                  theirsStamps: p.theirs.stampCount,
                })}
              </p>
              {canMerge && (
                <div className="mt-2 flex flex-wrap gap-2">
                  <Button size="sm" variant="outline" disabled={f.pending} onClick={() => merge(p.mine, p.theirs)} data-testid="merge-keep-mine">
                    {t("keepMine", { serial: p.mine.serial })}
                  </Button>
                  <Button size="sm" variant="outline" disabled={f.pending} onClick={() => merge(p.theirs, p.mine)} data-testid="merge-keep-theirs">
                    {t("keepTheirs", { serial: p.theirs.serial, name: s.name })}
                  </Button>
                </div>
              )}
            </div>
          ))}
        </div>
      ))}
      <Said message={f.message} testId="merge-message" />
    </div>
  );
}
