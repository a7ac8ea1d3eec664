import { expect, test } from "@playwright/test";
import { shot } from "./shots";

// A fresh sign-up upgrades from the trial to Groei with iDEAL on the local
// Mollie stand-in's checkout (started by scripts/e2e-server.ts), comes back to
// "Abonnement", sees Groei once the webhook has arrived, and the invoice.
test("a trial merchant upgrades to Groei with iDEAL and gets an invoice", async ({ page }) => {
  const email = `upgrade-${Date.now()}@cafe-test.nl`;
  await page.goto("/signup");
  await page.getByLabel("Je naam").fill("Bram");
  await page.getByLabel("Naam van je zaak").fill("Café Bram");
  await page.getByLabel("Straat en huisnummer").fill("Vismarkt 3");
  await page.getByLabel("Postcode").fill("3511 KR");
  await page.getByLabel("Plaats").fill("Utrecht");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("lekkere-koffie-123");
  await page.getByLabel("Ik ga namens mijn zaak akkoord", { exact: false }).check();
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.getByRole("link", { name: "Abonnement" }).first().click();
  await expect(page).toHaveURL(/\/dashboard\/billing$/);
  await expect(page.getByRole("heading", { name: "Abonnement", level: 1 })).toBeVisible();
  await expect(page.getByTestId("current-plan")).toContainText("Proefperiode: nog 30 dagen");
  await expect(page.getByText("Nog geen betalingen.")).toBeVisible();
  // Prices excl. and incl. BTW; the yearly toggle shows yearly prices.
  const groei = page.getByTestId("plan-groei");
  await expect(groei).toContainText("€ 39,00");
  await expect(groei).toContainText("€ 47,19 incl. btw");
  await page.getByTestId("interval-year").click();
  await expect(groei).toContainText("€ 390,00");
  await page.getByTestId("interval-month").click();
  await shot(page, "billing-trial");

  await groei.getByRole("button", { name: "Kies dit plan" }).click();
  // The stand-in's checkout page (Mollie's hosted checkout in production).
  await expect(page.locator("#mollie-pay")).toBeVisible();
  await expect(page.getByText("Stempel Groei (per maand)")).toBeVisible();
  await page.locator("#mollie-pay").click();

  await expect(page).toHaveURL(/\/dashboard\/billing\?payment=/);
  await expect(page.getByTestId("payment-status")).toContainText("Bedankt! Je betaling is binnen.", { timeout: 15_000 });
  await expect(page.getByTestId("current-plan")).toContainText("Groei, per maand");
  await expect(page.getByTestId("current-plan")).toContainText("Volgende betaling op");
  const row = page.getByTestId("payment-row").first();
  await expect(row).toContainText("Betaald");
  await expect(row).toContainText("€ 47,19");
  const invoice = row.getByTestId("invoice-link");
  await expect(invoice).toContainText(/\d{4}-\d{6}/);
  await shot(page, "billing-paid");

  const pdf = await page.request.get((await invoice.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
});
