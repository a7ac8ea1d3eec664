// Issue 14: the owner opens every Inzichten view and sees the seed's numbers
// (counted straight from the tables by scripts/e2e-server.ts), follows a group
// to the customer list, and a customer answers the NPS question on a phone —
// which then shows on that customer's page.
import { expect, test } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";
import { signIn } from "./sign-in";

test("the owner reads every Inzichten view, with the seed's numbers, and follows a group to its customers", async ({ page }) => {
  test.setTimeout(120_000);
  const { insights } = readFixtures();
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Inzichten" }).click();
  await expect(page.getByRole("heading", { name: "Inzichten", level: 1 })).toBeVisible();

  // Overzicht: the last 30 days' visits, and every chart.
  await expect(page.getByTestId("kpi-visits")).toHaveAttribute("data-value", String(insights.visits30));
  for (const id of ["kpi-active-customers", "kpi-returning-rate", "kpi-rewards-redeemed", "chart-visits", "heatmap", "cohorts"]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await page.getByText("Wat betekent dit?").first().click();
  await shot(page, "insights-overview");
  await page.getByTestId("period-quarter").click();
  await expect(page).toHaveURL(/period=quarter/);
  await expect(page.getByTestId("kpi-visits")).not.toHaveAttribute("data-value", String(insights.visits30));

  // Klantgroepen: champions counted as the seed's scores say; the link opens them in Klanten.
  await page.getByRole("link", { name: "Klantgroepen" }).click();
  await expect(page).toHaveURL(/insights\/segments\?period=quarter/);
  await expect(page.locator('[data-testid="segment-row"][data-segment="CHAMPIONS"]')).toHaveAttribute("data-customers", String(insights.champions));
  await shot(page, "insights-segments");

  // Loyaliteit: the ladder's regulars, the matrix, reward-bound loyalty.
  await page.getByRole("link", { name: "Loyaliteit" }).click();
  await expect(page.getByTestId("ladder-REGULAR")).toHaveAttribute("data-customers", String(insights.regulars));
  await expect(page.getByTestId("loyalty-matrix")).toBeVisible();
  await expect(page.getByTestId("reward-bound-table")).toBeVisible();
  await shot(page, "insights-loyalty");

  // Tevredenheid: the NPS of the last 30 days.
  await page.getByTestId("period-month").click();
  await expect(page).toHaveURL(/loyalty\?period=month/);
  await page.getByRole("link", { name: "Tevredenheid" }).click();
  await expect(page).toHaveURL(/insights\/satisfaction\?period=month/);
  if (insights.nps30 !== null) {
    const nps = page.getByTestId("nps-value");
    // The score is shown rounded with its sign ("+7", "-13"); the attribute holds it unrounded.
    const sign = insights.nps30 > 0 ? "\\+" : insights.nps30 < 0 ? "[-−]" : "";
    await expect(nps).toHaveText(new RegExp(`^${sign}${Math.abs(insights.nps30)}$`));
    // Within half a point (the shown value rounds -12.5 to -13, away from zero; Math.round would give -12).
    expect(Math.abs(Number(await nps.getAttribute("data-value")) - insights.nps30)).toBeLessThanOrEqual(0.5);
  }
  // The seed's comments fall where its random visits do: some months have none in the last 30 days.
  await expect(page.getByTestId(insights.comments30 > 0 ? "comments" : "comments-empty")).toBeVisible();
  await shot(page, "insights-satisfaction");

  // Personeel: the barista's late stamps after closing are noticed, with the ledger rows behind them.
  await page.getByRole("link", { name: "Personeel" }).click();
  await expect(page.getByTestId("staff-summary")).toContainText("Daan Mulder");
  await expect(page.getByText(/na sluitingstijd|buiten de openingstijden/i).first()).toBeVisible();
  await shot(page, "insights-staff");

  // Back to a group: its link lists exactly those customers.
  await page.goto("/dashboard/insights/segments");
  await page.getByTestId("segment-link-CHAMPIONS").click();
  await expect(page).toHaveURL(/customers\?segment=CHAMPIONS/);
  await expect(page.getByTestId("customer-total")).toContainText(String(insights.champions));
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a customer answers the NPS question on their card, and the owner sees the answer", async ({ page, browser }) => {
    const { surveyCard } = readFixtures();
    await page.goto(`/c/${surveyCard.webToken}?vraag=1`);
    const survey = page.getByTestId("survey");
    await expect(survey).toBeVisible();
    // Sent without a score: our message, not the browser's, and nothing is sent.
    await survey.getByTestId("survey-submit").tap();
    await expect(survey.getByRole("alert")).toHaveText("Kies een cijfer.");
    await survey.getByTestId("survey-scale-score").getByText("9", { exact: true }).tap();
    const comeBack = survey.getByTestId("survey-scale-comeBack");
    if (await comeBack.isVisible()) await comeBack.getByText("10", { exact: true }).tap();
    await survey.getByRole("textbox").fill("Fijne plek, top cappuccino!");
    await shot(page, "survey-phone");
    await survey.getByTestId("survey-submit").tap();
    await expect(page.getByTestId("survey-thanks")).toBeVisible();
    await shot(page, "survey-phone-thanks");

    const owner = await browser.newPage();
    await signIn(owner, "owner@dehoek.test", "stempel-demo");
    await owner.goto(`/dashboard/customers/${surveyCard.customerId}`);
    await expect(owner.getByTestId("customer-answers")).toContainText("Fijne plek, top cappuccino!");
    await expect(owner.getByTestId("customer-answers")).toContainText("9");
    await owner.close();
  });
});
