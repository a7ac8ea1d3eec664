import { expect, type Page } from "@playwright/test";

let client = 0;

/**
 * Signs in through the form (Dutch UI) and lands on the dashboard. Each call is
 * its own client address (X-Forwarded-For, trusted by the e2e server as behind
 * one proxy), so the whole suite's sign-ins stay under the per-address limit.
 */
export async function signIn(page: Page, email: string, password: string) {
  client++;
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${client % 250}` });
  await page.goto("/signin");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
