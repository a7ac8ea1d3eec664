import { expect, test } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";
import { signIn } from "./sign-in";

test("a café owner signs up, lands on the dashboard, switches language, signs out and in again", async ({ page }) => {
  const email = `eigenaar-${Date.now()}@cafe-test.nl`;
  const password = "lekkere-koffie-123";

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("De stempelkaart die nooit meer zoekraakt");
  await shot(page, "landing");
  await page.getByRole("link", { name: "30 dagen gratis proberen" }).first().click();

  await expect(page).toHaveURL(/\/signup$/);
  // Every field answers with its own Dutch message (noValidate: no browser bubbles).
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByText("Vul je naam in.")).toBeVisible();
  await expect(page.getByText("Vul een geldig e-mailadres in", { exact: false })).toBeVisible();
  await expect(page.getByText("Vul de straat en het huisnummer van je zaak in.")).toBeVisible();
  await expect(page.getByText("Vul de postcode in.")).toBeVisible();
  await expect(page.getByText("Vul de plaats in.")).toBeVisible();
  await expect(page.getByText("Ga akkoord met de verwerkersovereenkomst", { exact: false })).toBeVisible();
  await page.getByLabel("Je naam").fill("Fatima");
  await page.getByLabel("Naam van je zaak").fill("Café Fatima");
  await page.getByLabel("Straat en huisnummer").fill("Oudegracht 120");
  await page.getByLabel("Postcode").fill("35111");
  await page.getByLabel("Plaats").fill("Utrecht");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("kort");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByText("Kies een wachtwoord van minimaal 10 tekens.")).toBeVisible();
  await expect(page.getByText("Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB.")).toBeVisible();
  // Typed the way people type it: lower case, no space.
  await page.getByLabel("Postcode").fill("3511ax");
  await page.getByLabel("Wachtwoord").fill(password);
  // The agreement is one click away, in a new tab, so nothing typed is lost.
  const dpaLink = page.getByRole("link", { name: "verwerkersovereenkomst" });
  await expect(dpaLink).toHaveAttribute("href", "/verwerkersovereenkomst");
  await expect(dpaLink).toHaveAttribute("target", "_blank");
  await expect(page.getByRole("link", { name: "privacyverklaring" })).toHaveAttribute("href", "/privacy");
  await expect(page.getByRole("link", { name: "prijzen" })).toHaveAttribute("href", "/pricing");
  await page.getByLabel("Ik ga namens mijn zaak akkoord", { exact: false }).check();
  await shot(page, "signup");
  await page.getByRole("button", { name: "Account aanmaken" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  // Accepted at sign-up: no banner asking for it.
  await expect(page.getByTestId("dpa-banner")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Welkom, Fatima" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Aan de slag" })).toBeVisible();
  await expect(page.getByText("Ontwerp je spaarkaart")).toBeVisible();
  await expect(page.getByText("Café Fatima")).toBeVisible();
  await expect(page.getByText("Proefperiode: nog 30 dagen")).toBeVisible();
  await shot(page, "dashboard-new-merchant");

  // The shop's address became its first location: the tablet has something to pair to.
  await page.goto("/dashboard/team");
  await expect(page.getByText("Oudegracht 120, 3511 AX, Utrecht")).toBeVisible();

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Klanten" }).click();
  await expect(page.getByTestId("customer-list-empty")).toContainText("Nog geen klanten");

  await page.getByRole("button", { name: "en", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
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
  await page.getByLabel("Straat en huisnummer").fill("Dorpsstraat 1");
  await page.getByLabel("Postcode").fill("1234 AB");
  await page.getByLabel("Plaats").fill("Ergens");
  await page.getByLabel("E-mailadres").fill("owner@dehoek.test");
  await page.getByLabel("Wachtwoord").fill("een-lang-wachtwoord");
  await page.getByLabel("Ik ga namens mijn zaak akkoord", { exact: false }).check();
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.getByText("Er bestaat al een account met dit e-mailadres.", { exact: false })).toBeVisible();
});

test("the landing page links pricing and the legal pages, and each of them answers (issue 12 §15)", async ({ page, request }) => {
  await page.goto("/");
  const footer = page.getByRole("navigation", { name: "Over Stempel" });
  for (const [name, href] of [
    ["Prijzen", "/pricing"],
    ["Privacy", "/privacy"],
    ["Voorwaarden", "/terms"],
    ["Verwerkersovereenkomst", "/verwerkersovereenkomst"],
  ]) {
    await expect(footer.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
  }

  for (const [path, heading] of [
    ["/privacy", "Privacyverklaring"],
    ["/terms", "Algemene voorwaarden"],
    ["/verwerkersovereenkomst", "Verwerkersovereenkomst"],
    ["/pricing", "Prijzen"],
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
  await shot(page, "pricing");
  for (const plan of ["start", "groei", "pro"]) await expect(page.getByTestId(`plan-${plan}`)).toContainText("excl. btw");
  await expect(page.getByTestId("plan-groei")).toContainText("Groei");

  await page.goto("/verwerkersovereenkomst");
  await expect(page.getByTestId("legal-version")).toContainText("Versie");
  await expect(page.getByRole("heading", { name: "Subverwerkers", exact: false })).toBeVisible();
  await shot(page, "dpa");

  // Icons: the favicon, and the SVG and Apple icons the page links.
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  await page.goto("/");
  for (const selector of ['link[rel="icon"][type="image/svg+xml"]', 'link[rel="apple-touch-icon"]']) {
    const href = await page.locator(selector).first().getAttribute("href");
    expect(href, selector).toBeTruthy();
    const res = await request.get(href!);
    expect(res.status(), href!).toBe(200);
    expect(res.headers()["content-type"], href!).toMatch(/^image\//);
  }

  // In English too.
  await page.getByRole("button", { name: "en", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/verwerkersovereenkomst");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data processing agreement");
  await page.goto("/pricing");
  await expect(page.getByTestId("plan-start")).toContainText("excl. VAT");
});

test("customers see the merchant's privacy contact on the enrollment page and the web card", async ({ page }) => {
  const { programId, card } = readFixtures();
  await page.goto(`/join/${programId}`);
  await expect(page.getByRole("link", { name: "owner@dehoek.test" })).toHaveAttribute("href", "mailto:owner@dehoek.test");
  await expect(page.getByRole("link", { name: "Privacyverklaring van Stempel" })).toHaveAttribute("href", "/privacy");
  await expect(page.getByText(/Spaar \d+ stempels → /)).toBeVisible();
  await page.goto(`/c/${card.webToken}`);
  await expect(page.getByTestId("privacy-contact")).toContainText("Vragen over je gegevens? Mail Koffiebar De Hoek:");
  await expect(page.getByTestId("privacy-contact").getByRole("link")).toHaveAttribute("href", "mailto:owner@dehoek.test");
});

test("an owner who has not accepted the current agreement is asked to, and the banner goes once accepted", async ({ page }) => {
  // The demo merchant was seeded without an accepted agreement (as merchants from before it existed).
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  const banner = page.getByTestId("dpa-banner");
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("heading", { name: "Accepteer de verwerkersovereenkomst" })).toBeVisible();
  await expect(banner.getByRole("link", { name: "Lees de verwerkersovereenkomst" })).toHaveAttribute("href", "/verwerkersovereenkomst");
  await banner.getByRole("button", { name: "Accepteren" }).click();
  await expect(banner.getByText("Ga akkoord met de verwerkersovereenkomst", { exact: false })).toBeVisible();
  await banner.getByRole("checkbox").check();
  await shot(page, "dpa-banner");
  await banner.getByRole("button", { name: "Accepteren" }).click();
  await expect(page.getByTestId("dpa-banner")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("stat-customers")).toBeVisible();
  await expect(page.getByTestId("dpa-banner")).toHaveCount(0);
});
