// Issue 13: a manager works with her customers — search, filter, open one, correct a
// balance, export the list, and bring customers along from a file with one bad row.
import { expect, test } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";
import { signIn } from "./sign-in";

test("a manager searches, filters, opens and corrects a customer, exports the list and imports a file with one bad row", async ({ page }) => {
  test.setTimeout(150_000);
  const { card } = readFixtures();
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Klanten" }).click();
  await expect(page.getByTestId("customer-total")).toContainText(/\d+ klanten/);
  await shot(page, "customers-list");

  // A fragment of the card number, typed without dashes and in lower case, finds exactly that customer.
  const search = page.getByTestId("customer-search");
  await search.fill(card.serial.replaceAll("-", "").slice(0, 6).toLowerCase());
  await search.press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText(card.customer);

  // Filters live in the URL: a reward waiting, sorted by name.
  await page.goto("/dashboard/customers?reward=yes&sort=name");
  const rows = page.getByTestId("customer-row");
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("customer-total")).toContainText("van");
  await shot(page, "customers-filtered");

  // Open someone other than the tablet tests' customer, and correct her balance.
  await rows.filter({ hasNotText: card.customer }).first().getByRole("link").first().click();
  await expect(page.getByTestId("customer-detail")).toBeVisible();
  const timeline = page.getByTestId("customer-timeline");
  const adjustments = await timeline.locator('[data-testid="timeline-row"][data-type="ADJUST"]').count();
  await page.getByTestId("correction-stamps").fill("2");
  await page.getByTestId("correction-submit").click();
  // A reason is required.
  await expect(page.getByTestId("correction-form")).toContainText("reden", { ignoreCase: true });
  await page.getByTestId("correction-reason").fill("Papieren kaart met 2 stempels ingeleverd");
  await page.getByTestId("correction-submit").click();
  await expect(page.getByTestId("correction-message")).toContainText("Gecorrigeerd");
  await expect(timeline.locator('[data-testid="timeline-row"][data-type="ADJUST"]')).toHaveCount(adjustments + 1);
  await expect(timeline).toContainText("Papieren kaart met 2 stempels ingeleverd");
  await shot(page, "customer-detail-corrected");

  // Export the filtered list: UTF-8 with a BOM, ";" for Dutch Excel.
  await page.goto("/dashboard/customers?reward=yes");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("customer-export-download").click()]);
  const csv = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const text = csv.toString("utf8");
  expect(text.split("\n")[0]).toContain(";");

  // Import from another system: three rows, one with a broken email.
  await page.goto("/dashboard/customers");
  await page.getByRole("link", { name: "Klanten importeren" }).click();
  const file = [
    "Naam;E-mail;Telefoon;Stempels;Klant sinds",
    "Anouk Smit;anouk@voorbeeld.nl;0612345670;3;12-03-2024",
    "Bram Ö;bram-at-voorbeeld;;1;01-02-2024",
    "Chantal Jansen;chantal@voorbeeld.nl;;5;31-12-2023",
  ].join("\n");
  await page.getByTestId("import-file").setInputFiles({ name: "klanten.csv", mimeType: "text/csv", buffer: Buffer.from(file, "utf8") });
  await page.getByTestId("import-upload").click();
  await expect(page.getByTestId("import-map-email")).toBeVisible();
  await shot(page, "import-mapping");
  await page.getByTestId("import-check").click();
  await expect(page.getByTestId("import-error")).toHaveCount(1);
  await expect(page.getByTestId("import-errors")).toContainText("3");
  await shot(page, "import-dry-run");
  await page.getByTestId("import-start").click();
  await expect(page.getByTestId("import-result")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-result-imported")).toContainText("2");
  await expect(page.getByTestId("import-result-failed")).toContainText("1");
  await shot(page, "import-result");

  // The imported customers are in the list.
  await page.goto("/dashboard/customers?q=anouk%40voorbeeld.nl");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("Anouk Smit");
});
