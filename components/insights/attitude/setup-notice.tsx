// Tevredenheid before the first answer: how to switch the questions on (card
// settings), or that they are on and answers are on their way.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

export async function SetupNotice({ asking }: { asking: boolean }) {
  const t = await getTranslations("insightsSurveys.setup");
  return (
    <Card className="max-w-prose space-y-3" data-testid={asking ? "surveys-waiting" : "surveys-off"}>
      <h2 className="text-lg font-semibold">{asking ? t("waitingTitle") : t("offTitle")}</h2>
      <p className="text-stone-700">{asking ? t("waiting") : t("off")}</p>
      {!asking && (
        <Link href="/dashboard/cards" className="inline-block font-medium text-amber-800 underline-offset-4 hover:underline">
          {t("offLink")}
        </Link>
      )}
    </Card>
  );
}
