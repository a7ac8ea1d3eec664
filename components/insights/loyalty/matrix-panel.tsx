// Inzichten › Loyaliteit: the Dick & Basu matrix — what customers think (their
// NPS/CLI answer) against what they do (RFM) — with each cell's count, who
// moved in and out in the period, a link to those customers (?cell=…), and the
// customers without an answer counted apart.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Panel } from "@/components/insights/panel";
import { Empty } from "@/components/insights/segments/empty";
import { cn } from "@/components/ui/cn";
import type { LoyaltyCell } from "@/lib/generated/prisma/enums";
import { loyaltyMatrix } from "@/lib/insights/loyalty";
import type { Period } from "@/lib/insights/period";
import type { TenantContext } from "@/lib/tenancy/context";

/** Rows: attitude high, then low; columns: behaviour low, then high. */
const LAYOUT: [LoyaltyCell, LoyaltyCell][] = [
  ["LATENT", "TRUE_LOYALTY"],
  ["NONE", "SPURIOUS"],
];
const TONE: Record<LoyaltyCell, string> = {
  TRUE_LOYALTY: "border-emerald-300 bg-emerald-50",
  LATENT: "border-sky-300 bg-sky-50",
  SPURIOUS: "border-amber-300 bg-amber-50",
  NONE: "border-stone-300 bg-stone-50",
};

export async function MatrixPanel({ ctx, period }: { ctx: TenantContext; period: Period }) {
  const [m, t, format] = await Promise.all([loyaltyMatrix(ctx, period), getTranslations("insightsLoyalty"), getFormatter()]);
  const scored = m.cells.reduce((n, c) => n + c.customers, 0);
  const advice = (
    <div className="space-y-1 text-sm text-stone-700" data-testid="matrix-without-attitude" data-value={m.withoutAttitude}>
      <p>{t("matrix.withoutAttitude", { count: m.withoutAttitude })}</p>
      {(m.withoutAttitude > 0 || scored === 0) && (
        <p>
          {m.npsOn ? t("matrix.npsOn") : t("matrix.npsOff")}{" "}
          {!m.npsOn && (
            <Link href="/dashboard/cards" className="font-medium text-amber-800 underline underline-offset-2 hover:text-amber-950">
              {t("matrix.settings")}
            </Link>
          )}
        </p>
      )}
    </div>
  );
  return (
    <Panel title={t("matrix.title")} explain={t("matrix.explain")} testId="panel-matrix">
      {scored === 0 ? (
        <Empty testId="matrix-empty">{t("matrix.empty")}</Empty>
      ) : (
        <div className="grid grid-cols-[auto_1fr_1fr] gap-2 text-sm" data-testid="loyalty-matrix" role="group" aria-label={t("matrix.title")}>
          <span />
          <span className="text-center text-stone-600">
            {t("matrix.behaviour")}: {t("matrix.low")}
          </span>
          <span className="text-center text-stone-600">
            {t("matrix.behaviour")}: {t("matrix.high")}
          </span>
          {LAYOUT.map((row, i) => (
            <MatrixRow key={i} label={`${t("matrix.attitude")}: ${t(i === 0 ? "matrix.high" : "matrix.low")}`}>
              {row.map((cell) => {
                const c = m.cells.find((x) => x.cell === cell)!;
                return (
                  <div
                    key={cell}
                    className={cn("space-y-1 rounded-xl border p-3", TONE[cell])}
                    data-testid={`matrix-cell-${cell}`}
                    data-customers={c.customers}
                  >
                    <p className="font-semibold text-stone-900">{t(`cells.${cell}`)}</p>
                    <p className="text-2xl font-bold tabular-nums">{t("matrix.customers", { count: c.customers })}</p>
                    <p className="tabular-nums text-stone-600" data-testid={`matrix-moves-${cell}`}>
                      {t("matrix.moved", { in: format.number(c.movedIn), out: format.number(c.movedOut) })}
                    </p>
                    <p className="text-stone-700">{t(`cellHints.${cell}`)}</p>
                    {c.customers > 0 && (
                      <Link
                        href={`/dashboard/customers?cell=${cell}`}
                        className="inline-block font-medium text-amber-800 underline underline-offset-2 hover:text-amber-950"
                        data-testid={`matrix-link-${cell}`}
                      >
                        {t("matrix.show")}
                      </Link>
                    )}
                  </div>
                );
              })}
            </MatrixRow>
          ))}
        </div>
      )}
      {advice}
    </Panel>
  );
}

function MatrixRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <span className="flex items-center text-stone-600 [writing-mode:vertical-rl] rotate-180 sm:[writing-mode:horizontal-tb] sm:rotate-0">{label}</span>
      {children}
    </>
  );
}
