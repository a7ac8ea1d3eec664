// A score beside the previous period's, as a difference in points ("+5 punten ·
// vorige periode 20"): a percentage change means nothing for a number that can
// be 0 or negative, like NPS.
import { getFormatter, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

export async function Change({
  current,
  previous,
  digits = 0,
  unit = "points",
}: {
  current: number | null;
  previous: number | null;
  digits?: number;
  /** "points" for a score (NPS), "plain" for an average. */
  unit?: "points" | "plain";
}) {
  const [t, format] = await Promise.all([getTranslations("insightsSurveys.change"), getFormatter()]);
  if (current === null || previous === null) return <span className="text-sm text-stone-500">{t("none")}</span>;
  const round = (v: number) => Math.round(v * 10 ** digits) / 10 ** digits;
  const diff = round(current) - round(previous);
  const shown = (v: number, sign: "auto" | "exceptZero" = "auto") =>
    format.number(v, { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: sign });
  return (
    <span className={cn("text-sm", diff === 0 ? "text-stone-500" : diff > 0 ? "text-emerald-700" : "text-red-700")}>
      {t(unit, { change: shown(diff, "exceptZero") })} · {t("previous", { value: shown(round(previous)) })}
    </span>
  );
}
