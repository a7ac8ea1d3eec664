// The customer's place among the merchant's customers (issue 14): RFM scores
// and segment, engagement with its parts, ladder rung and matrix cell, each
// with a line on what it means. From the hourly refresh (CustomerScore).
import { getTranslations } from "next-intl/server";
import { ENGAGEMENT_PARTS, type CustomerScoreView } from "@/lib/customers/detail";

function Item({ label, value, children, testId }: { label: string; value: React.ReactNode; children?: React.ReactNode; testId: string }) {
  return (
    <div className="space-y-1" data-testid={testId}>
      <dt className="text-sm text-stone-500">{label}</dt>
      <dd className="font-semibold">{value}</dd>
      {children && <dd className="text-sm text-stone-600">{children}</dd>}
    </div>
  );
}

export async function CustomerScores({ score }: { score: CustomerScoreView | null }) {
  const t = await getTranslations("customers.detail.insights");
  if (!score)
    return (
      <p className="text-sm text-stone-600" data-testid="customer-scores-pending">
        {t("notYet")}
      </p>
    );
  const rfm = [
    ["r", score.recency],
    ["f", score.frequency],
    ["m", score.monetary],
  ] as const;
  return (
    <div className="space-y-4" data-testid="customer-scores">
      <p className="text-sm text-stone-600">{t("lead")}</p>
      <dl className="grid gap-4 sm:grid-cols-2">
        <Item
          label={t("rfm.label")}
          testId="customer-rfm"
          value={
            <span className="flex gap-3">
              {rfm.map(([k, v]) => (
                <span key={k} data-score={k} data-value={v} className="tabular-nums">
                  <abbr title={t(`rfm.${k}`)} className="no-underline">
                    {k.toUpperCase()}
                  </abbr>{" "}
                  {v}
                  <span className="sr-only"> ({t(`rfm.${k}`)})</span>
                </span>
              ))}
            </span>
          }
        >
          {t("rfm.explain")}
        </Item>
        <Item label={t("segment.label")} testId="customer-segment" value={score.segment ? t(`segment.names.${score.segment}`) : t("segment.none")}>
          {score.segment && t(`segment.explain.${score.segment}`)}
        </Item>
        <Item label={t("rung.label")} testId="customer-rung" value={t(`rung.names.${score.rung}`)}>
          {t(`rung.explain.${score.rung}`)}
        </Item>
        <Item label={t("cell.label")} testId="customer-cell" value={score.cell ? t(`cell.names.${score.cell}`) : t("cell.none")}>
          {score.cell && t(`cell.explain.${score.cell}`)}
          {score.attitude !== null && <span className="block">{t("cell.attitude", { value: score.attitude })}</span>}
        </Item>
        <Item label={t("engagement.label")} testId="customer-engagement" value={t("engagement.value", { score: score.engagement })}>
          {t("engagement.explain")}
          <ul className="mt-1 space-y-0.5">
            {(Object.keys(ENGAGEMENT_PARTS) as (keyof typeof ENGAGEMENT_PARTS)[]).map((k) => (
              <li key={k} data-part={k} data-earned={score.parts[k]}>
                <span aria-hidden="true">{score.parts[k] ? "✓" : "–"}</span> {t(`engagement.parts.${k}`)}:{" "}
                {score.parts[k] ? t("engagement.yes") : t("engagement.no")}
              </li>
            ))}
          </ul>
        </Item>
      </dl>
      <p className="text-xs text-stone-500">{t("computedAt", { at: score.computedAt })}</p>
    </div>
  );
}
