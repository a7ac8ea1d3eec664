// The surveys' part of the web card, as lib/surveys/web-card-survey.ts decided it.
import { useTranslations } from "next-intl";
import type { WebCardSurveyState } from "@/lib/surveys/web-card-survey";
import { SurveyCard, SurveyThanks } from "./survey-card";

type Props = { state: WebCardSurveyState; webToken: string; merchant: string };

export function WebCardSurvey({ state, webToken, merchant }: Props) {
  const t = useTranslations("survey");
  if (!state) return null;
  if (state.show === "thanks") return <SurveyThanks merchant={merchant} />;
  if (state.show === "nothingDue")
    return (
      <p id="vraag" className="rounded-2xl bg-white p-4 text-center text-sm text-stone-600" data-testid="survey-none">
        {t("nothingDue")}
      </p>
    );
  return <SurveyCard webToken={webToken} question={state.question} merchant={merchant} />;
}
