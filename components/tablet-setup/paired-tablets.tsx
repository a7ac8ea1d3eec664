"use client";
// The business's tablets: name, location, last use, and "Ontkoppelen" (refused at once, even mid-session).
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { unpairTabletAction } from "@/app/(dashboard)/dashboard/tablet/actions";
import { Button } from "@/components/ui/button";

type Tablet = { id: string; name: string; location: string; lastSeen: string | null; unpaired: boolean };

export function PairedTablets({ tablets }: { tablets: Tablet[] }) {
  const t = useTranslations("tabletSetup");
  if (!tablets.length) return <p className="mt-2 text-stone-600">{t("none")}</p>;
  return (
    <ul className="mt-3 divide-y divide-stone-100">
      {tablets.map((tablet) => (
        <TabletRow key={tablet.id} tablet={tablet} />
      ))}
    </ul>
  );
}

function TabletRow({ tablet }: { tablet: Tablet }) {
  const t = useTranslations("tabletSetup");
  const [unpaired, setUnpaired] = useState(tablet.unpaired);
  const [error, setError] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="paired-tablet">
      <span className={unpaired ? "text-stone-400" : undefined}>
        <span className="font-medium">
          {tablet.name} · {tablet.location}
        </span>
        <span className="block text-sm text-stone-500">{tablet.lastSeen ? t("lastSeen", { date: tablet.lastSeen }) : t("neverSeen")}</span>
      </span>
      {unpaired ? (
        <span className="text-sm text-stone-500">{t("unpaired")}</span>
      ) : (
        <span className="flex items-center gap-2">
          {error && (
            <span className="text-sm text-red-700" role="alert">
              {t("failed")}
            </span>
          )}
          <Button
            variant="outline"
            size="sm"
            disabled={pending}
            data-testid="unpair-tablet"
            onClick={() => {
              if (!window.confirm(t("unpairConfirm", { name: tablet.name }))) return;
              startTransition(async () => {
                const r = await unpairTabletAction(tablet.id).catch(() => null);
                setError(!r?.ok);
                if (r?.ok) setUnpaired(true);
              });
            }}
          >
            {t("unpair")}
          </Button>
        </span>
      )}
    </li>
  );
}
