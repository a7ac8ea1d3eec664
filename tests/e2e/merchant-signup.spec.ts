import { expect, test } from "@playwright/test";
import { shot } from "./shots";

test("a café owner signs up, lands on the dashboard, switches language, signs out and in again", async ({ page }) => {
  const email = `eigenaar-${Date.now()}@cafe-test.nl`;
  const password = "lekkere-koffie-123";

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("De stempelkaart die nooit meer zoekraakt");
  await shot(page, "landing");
  await page.getByRole("link", { name: "30 dagen gratis proberen" }).first().click();

  await expect(page).toHaveURL(/\/signup$/);
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByText("Vul je naam in.")).toBeVisible();
  await expect(page.getByText("Vul een geldig e-mailadres in", { exact: false })).toBeVisible();
  await page.getByLabel("Je naam").fill("Fatima");
  await page.getByLabel("Naam van je zaak").fill("Café Fatima");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("kort");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByText("Kies een wachtwoord van minimaal 10 tekens.")).toBeVisible();
  await page.getByLabel("Wachtwoord").fill(password);
  await shot(page, "signup");
  await page.getByRole("button", { name: "Account aanmaken" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welkom, Fatima" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Aan de slag" })).toBeVisible();
  await expect(page.getByText("Ontwerp je spaarkaart")).toBeVisible();
  await expect(page.getByText("Café Fatima")).toBeVisible();
  await expect(page.getByText("Proefperiode: nog 30 dagen")).toBeVisible();
  await shot(page, "dashboard-new-merchant");

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Klanten" }).click();
  await expect(page.getByText("Hier verschijnen je klanten", { exact: false })).toBeVisible();

  await page.getByRole("button", { name: "en", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText("You have been signed out.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password don't match.", { exact: false })).toBeVisible();
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Fatima" })).toBeVisible();
  await shot(page, "dashboard-en");
});

test("the same email cannot sign up twice", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Je naam").fill("Dubbel");
  await page.getByLabel("Naam van je zaak").fill("Dubbel BV");
  await page.getByLabel("E-mailadres").fill("owner@dehoek.test");
  await page.getByLabel("Wachtwoord").fill("een-lang-wachtwoord");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByText("Er bestaat al een account met dit e-mailadres.", { exact: false })).toBeVisible();
});
