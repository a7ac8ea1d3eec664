import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";

test("the demo owner sees real numbers and can switch between her two businesses", async ({ page }) => {
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  // The seed's 300, plus any customers tests/e2e/customers.spec.ts imported before this file ran.
  await expect(page.getByTestId("stat-customers")).toHaveText(/^30\d$/);
  await shot(page, "dashboard-demo");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team & locaties" }).click();
  await expect(page.getByText("De Hoek Oudegracht")).toBeVisible();
  await expect(page.getByText("sanne@dehoek.test")).toBeVisible();

  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Kaarten" }).click();
  await expect(page.getByRole("heading", { name: "Koffiekaart" })).toBeVisible();
  await page.getByRole("button", { name: "Wissel van zaak" }).click();
  await page.getByRole("menuitem", { name: "Bakkerij Om De Hoek" }).click();
  await expect(page.getByRole("heading", { name: "Broodkaart" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Koffiekaart" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Start" }).click();
  await expect(page.getByTestId("stat-customers")).toHaveText("0");
});

test("the demo team's tablet PINs open the tablet, each for its own name: owner 1111, manager 2222, Sanne 1234, Daan 2345", async ({ page }) => {
  await signIn(page, "manager@dehoek.test", "stempel-demo");
  await page.goto("/stamp");
  await page.getByLabel("Locatie").selectOption({ label: "De Hoek Oudegracht" });
  await page.getByLabel("Naam van deze tablet").fill("Tablet bar");
  await page.getByRole("button", { name: "Koppel deze tablet" }).click();
  const team = [
    ["Marieke de Hoek", "1111"],
    ["Jeroen Visser", "2222"],
    ["Sanne Bakker", "1234"],
    ["Daan Mulder", "2345"],
  ] as const;
  for (const [name, pin] of team) {
    await page
      .getByRole("list", { name: "Wie ben jij?" })
      .getByRole("button", { name: new RegExp(name) })
      .click();
    for (const d of pin) await page.getByRole("button", { name: d, exact: true }).click();
    await page.getByRole("button", { name: "OK" }).click();
    await expect(page.getByRole("banner")).toContainText(name);
    await page.getByRole("button", { name: "Vergrendel" }).click();
  }
});

test("every response carries the security headers", async ({ request }) => {
  for (const path of ["/", "/signin", "/api/health"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], path).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["strict-transport-security"]).toBeUndefined();
  }
  const https = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"]).toContain("max-age=");
  // The stamp API's fast path (scripts/server.ts) answers with the same headers, and 401 without a tablet session.
  const stamp = await request.post("/api/tablet/actions", { data: { kind: "stamp" } });
  expect(stamp.status()).toBe(401);
  expect(stamp.headers()["x-content-type-options"]).toBe("nosniff");
  expect(stamp.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const health = await request.get("/api/health");
  expect(await health.json()).toMatchObject({ status: "ok", database: { ok: true } });
});

test("forgotten password: the link arrives in the dev outbox and sets a new password", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("E-mailadres").fill("daan@dehoek.test");
  await page.getByRole("button", { name: "Stuur de link" }).click();
  await expect(page.getByText("Als er een account bij dit e-mailadres hoort", { exact: false })).toBeVisible();

  await page.goto("/dev/outbox");
  const mail = page.getByTestId("outbox-email").filter({ hasText: "daan@dehoek.test" }).first();
  const text = await mail.getByTestId("outbox-text").innerText();
  const link = text.match(/https?:\/\/\S+\/reset-password\/\S+/)![0];
  await page.goto(link);
  await page.getByLabel("Wachtwoord").fill("nieuw-geheim-456");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByText("Je wachtwoord is gewijzigd.", { exact: false })).toBeVisible();
  await signIn(page, "daan@dehoek.test", "nieuw-geheim-456");

  await page.goto(link);
  await page.getByLabel("Wachtwoord").fill("nog-een-geheim-789");
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
  await expect(page.getByText("Deze link is verlopen of al gebruikt.", { exact: false })).toBeVisible();
});

test("a customer's web card shows their stamps", async ({ page }) => {
  const { card } = readFixtures();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/c/${card.webToken}`);
  await expect(page.getByText(card.customer)).toBeVisible();
  await expect(page.getByTestId("stamp-count")).toHaveText(`${card.stampCount} van ${card.stampsRequired} stempels`);
  await shot(page, "web-card-phone");
  await page.goto("/c/this-is-not-a-real-card-token");
  await expect(page.getByRole("heading", { name: "Deze pagina bestaat niet" })).toBeVisible();
});
