// The customer's answers to the questions on their card (issue 14), newest
// first: when, which question, the score (and the two CLI questions), the
// comment, where they had last visited and who served them.
import { getFormatter, getTranslations } from "next-intl/server";
import type { SurveyAnswerView } from "@/lib/customers/detail";

export async function SurveyAnswers({ answers }: { answers: SurveyAnswerView[] }) {
  const [t, format] = await Promise.all([getTranslations("customers.detail.insights.answers"), getFormatter()]);
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">{t("explain")}</p>
      {answers.length === 0 ? (
        <p className="text-sm text-stone-500" data-testid="customer-answers-none">
          {t("none")}
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm" data-testid="customer-answers">
          {answers.map((a) => (
            <li key={a.id} className="space-y-1 py-2" data-kind={a.kind} data-score={a.score}>
              <p>
                <span className="font-medium">{t(`kinds.${a.kind}`)}:</span>{" "}
                {a.kind === "NPS" ? t("score10", { score: a.score }) : t("score5", { score: a.score })}
                <span className="text-stone-500"> · {format.dateTime(a.at, { dateStyle: "medium" })}</span>
              </p>
              {a.comeBack !== null && a.tryOther !== null && <p className="text-stone-700">{t("cli", { comeBack: a.comeBack, tryOther: a.tryOther })}</p>}
              {a.comment && <p className="whitespace-pre-wrap text-stone-900">“{a.comment}”</p>}
              {(a.location || a.staff) && (
                <p className="text-xs text-stone-500">
                  {[a.location && t("where", { location: a.location }), a.staff && t("servedBy", { name: a.staff })].filter(Boolean).join(", ")}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
