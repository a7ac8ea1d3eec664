// Issue 18: axe-core on every kind of screen a merchant, a customer or a barista
// sees — landing, sign-up, the dashboard's pages, the card designer, customers,
// insights, the enrollment page, the web card and the tablet. No serious or
// critical violation of WCAG 2.1 A/AA.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { signIn } from "./sign-in";

async function audit(page: Page, name: string) {
  // After a client-side navigation Next streams the new page's <title> in a moment later.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect.soft(bad, `axe on ${name}`).toEqual([]);
}

test("public pages: landing, pricing, sign-up, sign-in, enrollment and the web card", async ({ page }) => {
  test.setTimeout(120_000);
  const { card, programId } = readFixtures();
  for (const [name, url] of [
    ["landing", "/"],
    ["pricing", "/pricing"],
    ["sign-up", "/signup"],
    ["sign-in", "/signin"],
    ["enrollment", `/join/${programId}`],
    ["web card", `/c/${card.webToken}`],
  ]) {
    await page.goto(url);
    await audit(page, name);
  }
});

const DASHBOARD: Record<string, (f: ReturnType<typeof readFixtures>) => string[]> = {
  "overview, card designer and customers": ({ programId, surveyCard }) => [
    "/dashboard",
    `/dashboard/cards/${programId}`,
    "/dashboard/cards/new",
    "/dashboard/customers",
    `/dashboard/customers/${surveyCard.customerId}`,
    "/dashboard/customers/import",
  ],
  insights: () => [
    "/dashboard/insights",
    "/dashboard/insights/segments",
    "/dashboard/insights/loyalty",
    "/dashboard/insights/satisfaction",
    "/dashboard/insights/staff",
  ],
  "messages, tablet, team, settings and billing": () => [
    "/dashboard/campaigns",
    "/dashboard/campaigns/new",
    "/dashboard/tablet",
    "/dashboard/team",
    "/dashboard/settings",
    "/dashboard/settings/api",
    "/dashboard/settings/webhooks",
    "/dashboard/settings/audit",
    "/dashboard/billing",
  ],
};

for (const [name, urls] of Object.entries(DASHBOARD)) {
  test(`the dashboard: ${name}`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, "owner@dehoek.test", "stempel-demo");
    for (const url of urls(readFixtures())) {
      await page.goto(url);
      await expect(page.locator("main")).toBeVisible();
      await audit(page, url);
    }
  });
}

test.describe("the tablet", () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

  test("pairing, the names, the PIN pad and the stamping screen", async ({ page }) => {
    await page.goto("/stamp");
    await expect(page.getByRole("heading", { name: "Tablet koppelen" })).toBeVisible();
    await audit(page, "tablet pairing");
    await page.getByRole("link", { name: "Inloggen als manager" }).click();
    await page.getByLabel("E-mailadres").fill("manager@dehoek.test");
    await page.getByLabel("Wachtwoord").fill("stempel-demo");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page).toHaveURL(/\/stamp$/);
    await audit(page, "tablet location");
    // Oudegracht: tablet.spec.ts later finds its own tablet as the one at Lombok.
    await page.getByLabel("Locatie").selectOption({ label: "De Hoek Oudegracht" });
    await page.getByRole("button", { name: "Koppel deze tablet" }).click();
    await expect(page.getByRole("heading", { name: "Wie ben jij?" })).toBeVisible();
    await audit(page, "tablet names");
    await page.getByRole("list", { name: "Wie ben jij?" }).getByRole("button").filter({ hasText: "Sanne Bakker" }).click();
    await expect(page.getByRole("heading", { name: "Voer je PIN in" })).toBeVisible();
    await audit(page, "tablet PIN");
    for (const d of "1234") await page.getByRole("button", { name: d, exact: true }).click();
    await page.getByRole("button", { name: "OK" }).click();
    await expect(page.getByRole("button", { name: "Vergrendel" })).toBeVisible();
    await audit(page, "tablet stamping");
  });
});
