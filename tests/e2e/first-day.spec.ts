// Issue 12: a café's first day, as one journey through three devices — the owner at a
// laptop (1440×900), the shop tablet (1024×768, touch), a customer's phone (390×844).
// After the landing page nobody types a URL: the owner clicks, the tablet and the phone
// open what their cameras read from the pairing QR and the poster.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { decodeQr, qrCodesInPdf } from "../support/qr";

const DIR = "tests/artifacts/first-day";
let step = 0;
/** A numbered screenshot of every step, under tests/artifacts/first-day/. */
async function shot(page: Page, name: string) {
  step += 1;
  await page.screenshot({ path: `${DIR}/${String(step).padStart(2, "0")}-${name}.png`, fullPage: true });
}

/** What a camera pointed at this element reads. */
async function scan(page: Page, testId: string) {
  const code = await decodeQr(await page.getByTestId(testId).screenshot());
  expect(code, `a QR code in ${testId}`).toBeTruthy();
  return code!;
}

/** Opens a URL read by a camera: the way a phone or tablet opens what it scanned. */
const opened = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

test("a café's first day: sign up, design, poster, pair the tablet, a customer joins, two coffees, the cookie, the numbers", async ({ browser }) => {
  test.setTimeout(240_000);
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });

  // ——— The owner, at a laptop.
  const laptop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const owner = await laptop.newPage();
  await owner.goto("/");
  await shot(owner, "landing");
  await owner.getByRole("link", { name: "30 dagen gratis proberen" }).first().click();
  await owner.getByLabel("Je naam").fill("Mila");
  await owner.getByLabel("Naam van je zaak").fill("Koffiehuis Mila");
  await owner.getByLabel("Straat en huisnummer").fill("Twijnstraat 12");
  await owner.getByLabel("Postcode").fill("3511ZK");
  await owner.getByLabel("Plaats").fill("Utrecht");
  await owner.getByLabel("E-mailadres").fill(`mila-${Date.now()}@koffiehuis-test.nl`);
  await owner.getByLabel("Wachtwoord").fill("cappuccino-voor-iedereen");
  await owner.getByLabel("Ik ga namens mijn zaak akkoord", { exact: false }).check();
  await shot(owner, "signup");
  await owner.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(owner.getByRole("heading", { name: "Welkom, Mila" })).toBeVisible();
  const checklist = owner.getByTestId("checklist");
  await expect(checklist).toBeVisible();
  await shot(owner, "dashboard-checklist");

  // Design the card from the checklist.
  await checklist.getByRole("link", { name: /Ontwerp je spaarkaart/ }).click();
  await owner.getByLabel("Naam van de kaart").fill("Koffiekaart");
  await owner.getByLabel("Aantal stempels (2–30)").fill("8");
  await owner.getByLabel("Beloning", { exact: true }).fill("Gratis koffie");
  await owner.getByLabel("Tussentijdse beloning bij stempel (optioneel)").fill("2");
  await owner.getByLabel("Tussentijdse beloning", { exact: true }).fill("Gratis koekje");
  await expect(owner.getByTestId("preview-apple").locator("[data-qr]")).toBeVisible();
  await shot(owner, "designer");
  await owner.getByRole("button", { name: "Opslaan" }).click();
  await expect(owner.getByTestId("designer-saved")).toHaveText("Opgeslagen.");
  await owner.getByRole("button", { name: "Publiceren" }).click();
  await expect(owner.getByText("Gepubliceerd: klanten kunnen zich nu aanmelden.")).toBeVisible();
  await shot(owner, "published");

  // The poster, downloaded and "printed": what a phone's camera reads from it.
  await owner.getByRole("link", { name: "QR-code & poster" }).click();
  const [download] = await Promise.all([owner.waitForEvent("download"), owner.getByTestId("poster-a4").click()]);
  const pdf = `${DIR}/poster-a4.pdf`;
  await download.saveAs(pdf);
  const [joinUrl] = await qrCodesInPdf(fs.readFileSync(pdf));
  expect(joinUrl).toMatch(/\/join\/[a-z0-9]+/);
  await shot(owner, "poster");

  // A barista who only ever uses the tablet: a name and a PIN.
  await owner.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: /Team/ }).click();
  const addStaff = owner.getByTestId("add-tablet-staff");
  await addStaff.getByLabel("Naam op de tablet").fill("Noor");
  await addStaff.getByLabel("PIN (4 tot 6 cijfers)").fill("2468");
  await addStaff.getByLabel("PIN nog een keer").fill("2468");
  await addStaff.getByRole("button", { name: "Medewerker toevoegen" }).click();
  await expect(owner.getByText("Noor kan nu op de tablet stempelen", { exact: false })).toBeVisible();
  await shot(owner, "tablet-staff");

  // ——— Pair the shop tablet by scanning the code on the Stempeltablet page.
  await owner.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Stempeltablet" }).click();
  await owner.getByRole("button", { name: "Koppel een tablet" }).click();
  await expect(owner.getByTestId("pairing-code")).toBeVisible();
  await shot(owner, "pairing-code");
  const pairingUrl = await scan(owner, "pairing-qr");
  expect(pairingUrl).toMatch(/\/stamp\?pair=/);

  const shop = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  const tablet = await shop.newPage();
  await tablet.goto(opened(pairingUrl));
  await expect(tablet.getByRole("heading", { name: "Wie ben jij?" })).toBeVisible();
  await expect(owner.getByTestId("pairing-done")).toBeVisible({ timeout: 15_000 });
  await shot(owner, "paired");
  await shot(tablet, "tablet-who");
  await tablet.getByRole("list", { name: "Wie ben jij?" }).getByRole("button", { name: /Noor/ }).click();
  for (const d of "2468") await tablet.getByRole("button", { name: d, exact: true }).click();
  await tablet.getByRole("button", { name: "OK" }).click();
  await expect(tablet.getByRole("button", { name: "Vergrendel" })).toBeVisible();
  await shot(tablet, "tablet-unlocked");

  // ——— A customer scans the poster with her phone and joins.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await phoneContext.newPage();
  await phone.goto(opened(joinUrl));
  await expect(phone.getByRole("heading", { name: "Spaar bij Koffiehuis Mila" })).toBeVisible();
  await phone.getByLabel("Je naam").fill("Sara Jansen");
  await phone.getByLabel("E-mailadres").fill("sara@example.nl");
  await phone.getByRole("checkbox").first().check();
  await shot(phone, "enroll");
  // A person takes a moment to fill in the form (faster is refused as a bot).
  await phone.waitForTimeout(1600);
  await phone.getByRole("button", { name: "Maak mijn spaarkaart" }).click();
  await expect(phone.getByTestId("stamp-count")).toHaveText("0 van 8 stempels");
  await expect(phone.getByTestId("save-link")).toBeVisible();
  await shot(phone, "web-card-new");

  // ——— Two coffees: two taps of +1 in one visit, no manager PIN.
  await tablet.getByPlaceholder("Naam, telefoon of kaartnummer").fill("sara");
  await tablet.getByRole("button", { name: "Zoek", exact: true }).click();
  await tablet
    .getByRole("list")
    .getByRole("button", { name: /Sara Jansen/ })
    .click();
  await expect(tablet.getByTestId("tablet-progress")).toBeVisible();
  await tablet.getByRole("button", { name: "+1" }).click();
  await expect(tablet.getByTestId("feedback")).toHaveText("+1 → 1/8");
  await tablet.getByRole("button", { name: "+1" }).click();
  await expect(tablet.getByTestId("feedback")).toContainText("+1 → 2/8");
  await shot(tablet, "two-coffees");

  // The cookie at 2 stamps: its own button, redeemed on the tablet.
  await tablet.getByTestId("tablet-redeem-intermediate").click();
  await expect(tablet.getByTestId("feedback")).toHaveText("Gratis koekje ingewisseld");
  await expect(tablet.getByTestId("tablet-redeem-intermediate")).toHaveCount(0);
  await shot(tablet, "cookie-redeemed");

  // The web card shows it.
  await phone.reload();
  await expect(phone.getByTestId("stamp-count")).toHaveText("2 van 8 stempels");
  await expect(phone.getByTestId("card-history")).toContainText("Beloning ingewisseld");
  await expect(phone.getByTestId("reward-ready")).toHaveCount(0);
  await shot(phone, "web-card-after");

  // ——— The dashboard's numbers match, and the checklist has folded away.
  await owner.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Start" }).click();
  await expect(owner.getByTestId("stat-customers")).toHaveText("1");
  await expect(owner.getByTestId("stat-stamps")).toHaveText("2");
  await expect(owner.getByTestId("stat-redeemed")).toHaveText("1");
  await expect(owner.getByTestId("checklist")).toHaveCount(0);
  await shot(owner, "dashboard-after");

  await Promise.all([laptop.close(), shop.close(), phoneContext.close()]);
});
