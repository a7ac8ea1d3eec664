"use client";
// Saldo corrigeren: stamps, rewards or intermediate rewards added or taken off
// one card, with a reason (required). Written as its own ledger line.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { correctBalanceAction } from "@/app/actions/customers";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { CorrectionInput } from "@/lib/validation/customer-detail";
import { Said, TextField } from "./fields";
import { useCustomerForm } from "./use-customer-form";

export type CorrectableCard = { id: string; serial: string; programName: string; rewardText: string; intermediateRewardText: string | null };

export function CorrectionForm({ customerId, cards }: { customerId: string; cards: CorrectableCard[] }) {
  const t = useTranslations("customers.correct");
  const [cardId, setCardId] = useState(cards[0]?.id ?? "");
  // A new id for every correction: the same form sent twice counts once.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const card = cards.find((c) => c.id === cardId) ?? cards[0];
  const f = useCustomerForm({
    schema: CorrectionInput,
    action: (input: unknown) => correctBalanceAction(customerId, input),
    fields: ["stamps", "rewards", "intermediate", "reason"],
    success: (data) => t("done", { stamps: data.stampCount }),
  });
  if (!card) return null;
  return (
    <form
      noValidate
      data-testid="correction-form"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        f.submit({ ...Object.fromEntries(new FormData(form)), requestId }, () => {
          form.reset();
          setRequestId(crypto.randomUUID());
        });
      }}
    >
      <p className="text-sm text-stone-600">{t("intro")}</p>
      {cards.length > 1 ? (
        <div className="space-y-1.5">
          <Label htmlFor="correct-card">{t("card")}</Label>
          <select
            id="correct-card"
            name="cardId"
            value={card.id}
            onChange={(e) => setCardId(e.target.value)}
            className="h-11 w-full rounded-lg border border-stone-300 bg-white px-3"
            data-testid="correction-card"
          >
            {cards.map((c) => (
              <option key={c.id} value={c.id}>
                {c.programName} · {c.serial}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="cardId" value={card.id} />
      )}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          idPrefix="correct"
          name="stamps"
          label={t("stamps")}
          inputMode="numeric"
          placeholder="0"
          errors={f.fieldErrors.stamps}
          data-testid="correction-stamps"
        />
        <TextField
          idPrefix="correct"
          name="rewards"
          label={t("rewards", { reward: card.rewardText })}
          inputMode="numeric"
          placeholder="0"
          errors={f.fieldErrors.rewards}
          data-testid="correction-rewards"
        />
        {card.intermediateRewardText ? (
          <TextField
            idPrefix="correct"
            name="intermediate"
            label={t("intermediate", { reward: card.intermediateRewardText })}
            inputMode="numeric"
            placeholder="0"
            errors={f.fieldErrors.intermediate}
            data-testid="correction-intermediate"
          />
        ) : (
          <input type="hidden" name="intermediate" value="0" />
        )}
      </div>
      <p className="text-sm text-stone-500">{t("amountHint")}</p>
      <TextField
        idPrefix="correct"
        name="reason"
        label={t("reason")}
        hint={t("reasonHint")}
        errors={f.fieldErrors.reason}
        maxLength={200}
        data-testid="correction-reason"
      />
      <Said message={f.message} testId="correction-message" />
      <Button type="submit" disabled={f.pending} data-testid="correction-submit">
        {t("submit")}
      </Button>
    </form>
  );
}
