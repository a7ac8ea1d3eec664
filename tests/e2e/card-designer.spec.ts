import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { qrCodesInPdf } from "../support/qr";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";

async function signUp(page: Page) {
  await page.goto("/signup");
  await page.getByLabel("Je naam").fill("Joost");
  await page.getByLabel("Naam van je zaak").fill("Bakkerij Joost");
  await page.getByLabel("Straat en huisnummer").fill("Voorstraat 31");
  await page.getByLabel("Postcode").fill("3512 AK");
  await page.getByLabel("Plaats").fill("Utrecht");
  await page.getByLabel("E-mailadres").fill(`joost-${Date.now()}@bakker-test.nl`);
  await page.getByLabel("Wachtwoord").fill("vers-brood-elke-dag");
  await page.getByLabel("Ik ga namens mijn zaak akkoord", { exact: false }).check();
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a merchant designs and publishes a card, prints the poster, and a customer joins from a phone", async ({ page, browser }) => {
  // Three devices and a mailbox: longer than the default minute on a busy 2-core machine.
  test.setTimeout(120_000);
  await signUp(page);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Kaarten" }).click();
  await page.getByRole("link", { name: "Nieuwe kaart" }).click();

  await page.getByLabel("Naam van de kaart").fill("Broodkaart");
  await page.getByLabel("Aantal stempels (2–30)").fill("8");
  await page.getByLabel("Beloning", { exact: true }).fill("Gratis desem");
  await page.getByLabel("Tussentijdse beloning bij stempel (optioneel)").fill("4");
  await page.getByLabel("Tussentijdse beloning", { exact: true }).fill("Gratis koek");

  // The previews follow the form as you type.
  const web = page.getByTestId("preview-web");
  await expect(web.getByRole("heading", { name: "Broodkaart" })).toBeVisible();
  const strip = page.getByTestId("preview-apple").locator("img").last();
  await expect(strip).toHaveAttribute("src", /stamps=8/);
  await page.locator("#backgroundColor").fill("#1e3a8a");
  await expect(web.getByTestId("web-card")).toHaveCSS("background-color", "rgb(30, 58, 138)");
  await expect(strip).toHaveAttribute("src", /bg=1e3a8a/);
  await expect(page.getByTestId("contrast-warning")).toHaveCount(0);
  await page.locator("#foregroundColor").fill("#1e3a8b");
  await expect(page.getByTestId("contrast-warning")).toBeVisible();
  await page.locator("#foregroundColor").fill("#ffffff");

  // Uploads are judged by content, not by name.
  const png = fs.readFileSync("public/icons/icon-512.png");
  await page.locator("#upload-logo").setInputFiles({ name: "logo.jpg", mimeType: "image/jpeg", buffer: png });
  await expect(page.getByTestId("uploaded-logo")).toBeVisible();
  await expect(page.getByTestId("preview-apple").locator("img").first()).toHaveAttribute("src", /\/api\/files\/org\/.+logo-.+@2x\.png$/);
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><script>alert(1)</script></svg>');
  await page.locator("#upload-icon").setInputFiles({ name: "icon.png", mimeType: "image/png", buffer: svg });
  await expect(page.getByText("Gebruik een PNG-, JPEG- of WebP-afbeelding (geen SVG).")).toBeVisible();

  // Inline validation, in Dutch.
  await page.getByLabel("Aantal stempels (2–30)").fill("40");
  await page.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByText("Kies 2 tot 30 stempels.")).toBeVisible();
  await page.getByLabel("Aantal stempels (2–30)").fill("8");
  await page.getByLabel("E-mailadres").selectOption("required");
  await shot(page, "card-designer");
  await page.getByRole("button", { name: "Opslaan" }).click();
  // The first save confirms on the card's own page (issue 12 §5).
  await expect(page.getByTestId("designer-saved")).toHaveText("Opgeslagen.");
  await expect(page).toHaveURL(/\/dashboard\/cards\/[a-z0-9]+$/);
  await page.getByRole("button", { name: "Publiceren" }).click();
  await expect(page.getByText("Gepubliceerd: klanten kunnen zich nu aanmelden.")).toBeVisible();

  await page.getByRole("link", { name: "QR-code & poster" }).click();
  await page.getByRole("link", { name: "Tafelstandaard" }).click();
  await expect(page.getByTestId("enrollment-url")).toContainText("s=table_tent");
  const url = (await page.getByTestId("enrollment-url").innerText()).trim();
  expect(url).toMatch(/\/join\/[a-z0-9]+\?s=table_tent$/);
  await shot(page, "qr-share");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("poster-a4").click()]);
  const pdfPath = "tests/artifacts/poster-a4.pdf";
  await download.saveAs(pdfPath);
  expect(await qrCodesInPdf(fs.readFileSync(pdfPath))).toEqual([url]);

  // Another merchant's card is invisible to this merchant, through every route.
  const { programId: demoProgram } = readFixtures();
  for (const path of [`/api/programs/${demoProgram}/poster`, `/api/programs/${demoProgram}/qr?format=svg`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  await page.goto(`/dashboard/cards/${demoProgram}`);
  await expect(page.getByRole("heading", { name: "Deze pagina bestaat niet" })).toBeVisible();
  await page.goto(`/dashboard/cards/${demoProgram}/share`);
  await expect(page.getByRole("heading", { name: "Deze pagina bestaat niet" })).toBeVisible();

  // The customer, on a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const customer = await phone.newPage();
  let scriptBytes = 0;
  customer.on("requestfinished", async (req) => {
    if (req.resourceType() === "script") scriptBytes += (await req.sizes()).responseBodySize;
  });
  await customer.goto(url.replace(/^https?:\/\/[^/]+/, ""));
  await expect(customer.getByRole("heading", { name: "Spaar bij Bakkerij Joost" })).toBeVisible();
  await customer.waitForLoadState("networkidle");
  await shot(customer, "enrollment-phone");
  test.info().annotations.push({ type: "enrollment-js-bytes", description: String(scriptBytes) });
  console.log(`enrollment page JavaScript: ${(scriptBytes / 1024).toFixed(1)} kB`);
  expect(scriptBytes).toBeLessThan(100 * 1024);

  await customer.getByLabel("Je naam").fill("Lotte");
  await customer.getByRole("button", { name: "Maak mijn spaarkaart" }).click();
  await expect(customer.getByText("Vul je e-mailadres in.")).toBeVisible();
  await expect(customer.getByText("Vink dit aan om je kaart te maken.")).toBeVisible();
  await customer.getByLabel("E-mailadres").fill("lotte@example.nl");
  await customer.getByRole("checkbox").first().check();
  await customer.getByRole("button", { name: "Maak mijn spaarkaart" }).click();

  await expect(customer).toHaveURL(/\/c\/[A-Za-z0-9_-]+\?welcome=1$/);
  await expect(customer.getByText("Welkom! Je spaarkaart is klaar.", { exact: false })).toBeVisible();
  await expect(customer.getByTestId("stamp-count")).toHaveText("0 van 8 stempels");
  await expect(customer.getByTestId("card-history")).toContainText("Kaart aangemaakt");
  await expect(customer.getByRole("link", { name: "Voeg toe aan Apple Wallet" })).toBeVisible();
  await expect(customer.getByRole("link", { name: "Toevoegen aan Google Wallet" })).toBeVisible();
  await shot(customer, "web-card-new-customer");
  const cardUrl = customer.url();

  // Later, on another phone, the same email: a new card like anyone gets — the page never tells who is
  // already a customer. Only the address on file is told, by mail, where the existing card is.
  const other = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await other.goto(url.replace(/^https?:\/\/[^/]+/, ""));
  await other.getByLabel("Je naam").fill("Lotte");
  await other.getByLabel("E-mailadres").fill("lotte@example.nl");
  await other.getByRole("checkbox").first().check();
  await other.waitForTimeout(1600);
  await other.getByRole("button", { name: "Maak mijn spaarkaart" }).click();
  await expect(other).toHaveURL(/\/c\/[A-Za-z0-9_-]+\?welcome=1$/);
  expect(new URL(other.url()).pathname).not.toBe(new URL(cardUrl).pathname);
  await expect(other.getByTestId("stamp-count")).toHaveText("0 van 8 stempels");
  const inbox = await other.context().newPage();
  await expect(async () => {
    await inbox.goto("/dev/outbox");
    const mail = await inbox
      .getByTestId("outbox-email")
      .filter({ hasText: "lotte@example.nl" })
      .first()
      .getByTestId("outbox-text")
      .innerText({ timeout: 1000 });
    expect(mail).toContain(new URL(cardUrl).pathname);
  }).toPass({ timeout: 10_000 });
  await inbox.close();

  // Privacy on the card itself.
  await customer.getByRole("link", { name: "Mijn gegevens en privacy" }).click();
  await expect(customer.getByTestId("my-data")).toContainText("lotte@example.nl");
  await customer.getByRole("button", { name: "Verwijder mijn kaart en gegevens" }).click();
  await customer.getByRole("button", { name: "Ja, verwijder alles" }).click();
  await expect(customer.getByRole("heading", { name: "Je gegevens zijn verwijderd" })).toBeVisible();
  await customer.goto(new URL(cardUrl).pathname);
  await expect(customer.getByRole("heading", { name: "Deze pagina bestaat niet" })).toBeVisible();
  await phone.close();
});
