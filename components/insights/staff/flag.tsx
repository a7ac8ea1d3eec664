// One staff signal: "opvallend, kijk even mee", what stands out, and the ledger rows behind it.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { LedgerRow } from "@/lib/insights/staff-signals";
import { LedgerRows } from "./ledger-rows";

export async function Flag({ children, rows, timezone, testId }: { children: ReactNode; rows: LedgerRow[]; timezone: string; testId?: string }) {
  const t = await getTranslations("insightsStaff");
  return (
    <li className="space-y-2 py-3" data-testid={testId}>
      <p>
        <span className="mr-2 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t("noticeable")}</span>
        {children}
      </p>
      <LedgerRows rows={rows} timezone={timezone} />
    </li>
  );
}
