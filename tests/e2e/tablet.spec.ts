import { expect, test } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";

test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

test("a barista pairs the tablet, taps her name and PINs in, finds a customer, stamps, undoes, redeems, keeps stamping offline, and a manager approves a refused stamp", async ({
  page,
  context,
}) => {
  // A manager pairs the tablet once.
  await page.goto("/stamp");
  await expect(page.getByRole("heading", { name: "Tablet koppelen" })).toBeVisible();
  await page.getByRole("link", { name: "Inloggen als manager" }).click();
  await page.getByLabel("E-mailadres").fill("manager@dehoek.test");
  await page.getByLabel("Wachtwoord").fill("stempel-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/stamp$/);
  await page.getByLabel("Locatie").selectOption({ label: "De Hoek Lombok" });
  await page.getByRole("button", { name: "Koppel deze tablet" }).click();

  // The names of everyone with a PIN; the barista taps hers, then her PIN (a wrong one first).
  await expect(page.getByRole("heading", { name: "Wie ben jij?" })).toBeVisible();
  const tiles = page.getByRole("list", { name: "Wie ben jij?" }).getByRole("button");
  await expect(tiles).toHaveCount(4);
  await shot(page, "tablet-who");
  // Another name, then "not me": back to the names.
  await tiles.filter({ hasText: "Daan Mulder" }).click();
  await expect(page.getByTestId("pin-for")).toHaveText(/Daan Mulder/);
  await page.getByRole("button", { name: "Dit ben ik niet" }).click();
  await tiles.filter({ hasText: "Sanne Bakker" }).click();
  await expect(page.getByRole("heading", { name: "Voer je PIN in" })).toBeVisible();
  await expect(page.getByTestId("pin-for")).toHaveText(/Sanne Bakker/);
  // Daan's PIN is not Sanne's.
  for (const d of "2345") await page.getByRole("button", { name: d, exact: true }).click();
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page.getByText("Onjuiste PIN.")).toBeVisible();
  for (const d of "1234") await page.getByRole("button", { name: d, exact: true }).click();
  await shot(page, "tablet-pin");
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page.getByRole("button", { name: "Vergrendel" })).toBeVisible();
  await expect(page.getByText("Sanne Bakker")).toBeVisible();

  // Find the customer by card number (as when the camera can't read the pass).
  const { card } = readFixtures();
  await page.getByPlaceholder("Naam, telefoon of kaartnummer").fill(card.serial.replaceAll("-", " ").toLowerCase());
  await page.getByRole("button", { name: "Zoek", exact: true }).click();
  await page
    .getByRole("list")
    .getByRole("button", { name: new RegExp(card.customer) })
    .click();
  await expect(page.getByTestId("tablet-customer")).toHaveText(card.customer);
  const before = card.stampCount;

  await page.getByRole("button", { name: "+1" }).click();
  await expect(page.getByTestId("feedback")).toHaveText(`+1 → ${before + 1}/10`);
  const expected = (n: number) => `${(before + n) % 10} van 10 stempels`;
  await expect(page.getByTestId("tablet-stamps")).toHaveText(expected(1));
  await shot(page, "tablet-stamped");
  // The customer's web card shows it.
  const phone = await context.newPage();
  await phone.goto(`/c/${card.webToken}`);
  await expect(phone.getByTestId("stamp-count")).toHaveText(`${expected(1)}`);
  await expect(phone.getByTestId("card-history")).toContainText("1 stempel");

  await page.getByRole("button", { name: "Ongedaan maken" }).click();
  await expect(page.getByTestId("feedback")).toHaveText(`1 stempel ongedaan gemaakt → ${before}/10`);
  await expect(page.getByTestId("tablet-stamps")).toHaveText(expected(0));

  // Fill the card to a reward and redeem it.
  const toGo = 10 - before;
  for (let left = toGo; left > 0; left -= Math.min(3, left)) {
    await page.getByRole("button", { name: `+${Math.min(3, left)}` }).click();
    await expect(page.getByTestId("feedback")).toContainText(`+${Math.min(3, left)} → `);
  }
  // Both rewards wait, each with its own button: the cookie at 5 and the coffee at 10.
  await expect(page.getByTestId("tablet-rewards")).toBeVisible();
  await expect(page.getByTestId("tablet-redeem-intermediate")).toHaveText(/Gratis koekje inwisselen/);
  await shot(page, "tablet-two-rewards");
  await page.getByTestId("tablet-redeem-intermediate").click();
  await expect(page.getByTestId("feedback")).toHaveText("Gratis koekje ingewisseld");
  await expect(page.getByTestId("tablet-redeem-intermediate")).toHaveCount(0);
  await page.getByRole("button", { name: "Gratis koffie naar keuze inwisselen" }).click();
  await expect(page.getByTestId("feedback")).toHaveText("Gratis koffie naar keuze ingewisseld");
  await expect(page.getByTestId("tablet-rewards")).toHaveCount(0);
  await expect(page.getByTestId("tablet-progress")).toBeVisible();
  await expect(page.getByTestId("tablet-stamps")).toHaveText("0 van 10 stempels");

  // Offline: three taps are queued, then synced exactly once each.
  await context.setOffline(true);
  for (let i = 0; i < 3; i++) {
    await page.getByRole("button", { name: "+1" }).click();
    await expect(page.getByTestId("pending-count")).toHaveText(`${i + 1} wachtend (offline)`);
  }
  await expect(page.getByTestId("tablet-stamps")).toHaveText("3 van 10 stempels");
  await shot(page, "tablet-offline");
  // Even a reload without network opens the app, with the queue intact.
  await page.reload();
  await expect(page.getByTestId("pending-count")).toHaveText("3 wachtend (offline)");
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.waitForTimeout(100);
  await expect(page.getByTestId("pending-count")).toHaveCount(0, { timeout: 20_000 });

  // The server has exactly three new stamps.
  await phone.reload();
  await expect(phone.getByTestId("stamp-count")).toHaveText("3 van 10 stempels");

  // With at most one stamp per visit, the next stamp is refused; the manager approves it with her name and PIN.
  const perVisit = async (n: string) => {
    await page.goto(`/dashboard/cards/${readFixtures().programId}`);
    await page.getByLabel("Maximaal stempels per bezoek").fill(n);
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Opgeslagen/ })).toBeVisible();
  };
  await perVisit("1");
  await page.goto("/stamp");
  await page.getByPlaceholder("Naam, telefoon of kaartnummer").fill(card.serial);
  await page.getByRole("button", { name: "Zoek", exact: true }).click();
  await page
    .getByRole("list")
    .getByRole("button", { name: new RegExp(card.customer) })
    .click();
  await page.getByRole("button", { name: "+1" }).click();
  await expect(page.getByTestId("feedback")).toContainText("Hiermee krijgt deze kaart meer dan 1 stempel binnen");
  await page.getByRole("button", { name: "Toch doen met een manager" }).click();
  const approve = page.getByRole("dialog");
  await expect(approve.getByRole("heading", { name: "Welke manager geeft akkoord?" })).toBeVisible();
  // The reason and the customer stay in view while the manager is asked.
  await expect(approve.getByTestId("pin-dialog-reason")).toBeInViewport();
  await expect(approve.getByTestId("pin-dialog-subject")).toContainText(card.customer);
  await expect(approve.getByTestId("pin-dialog-subject")).toBeInViewport();
  // Only managers and owners are offered.
  await expect(approve.getByRole("button", { name: /Sanne Bakker/ })).toHaveCount(0);
  await approve.getByRole("button", { name: /Jeroen Visser/ }).click();
  // Sanne's own PIN does not approve anything.
  for (const d of "1234") await approve.getByRole("button", { name: d, exact: true }).click();
  await approve.getByRole("button", { name: "OK" }).click();
  await expect(approve.getByRole("alert")).toHaveText("Deze manager-PIN klopt niet.");
  for (const d of "2222") await approve.getByRole("button", { name: d, exact: true }).click();
  await shot(page, "tablet-override");
  await approve.getByRole("button", { name: "OK" }).click();
  await expect(page.getByTestId("feedback")).toHaveText("+1 → 4/10");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("tablet-stamps")).toHaveText("4 van 10 stempels");
  // Taken back again (undo needs no PIN): the card is as the other tests expect it.
  await page.getByRole("button", { name: "Ongedaan maken" }).click();
  await expect(page.getByTestId("feedback")).toHaveText("1 stempel ongedaan gemaakt → 3/10");
  await expect(page.getByTestId("tablet-stamps")).toHaveText("3 van 10 stempels");
  await perVisit("100");

  // The manager unpairs the tablet from the dashboard: it can no longer stamp.
  await page.goto("/dashboard/tablet");
  const thisTablet = page.getByTestId("paired-tablet").filter({ hasText: "Tablet kassa" }).filter({ hasText: "De Hoek Lombok" });
  await expect(thisTablet).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await thisTablet.getByRole("button", { name: "Ontkoppelen" }).click();
  await expect(thisTablet.getByText("Ontkoppeld", { exact: true })).toBeVisible();
  // Its token and its session are refused at once: the tablet asks to be paired again.
  await page.goto("/stamp");
  await expect(page.getByRole("heading", { name: "Tablet koppelen" })).toBeVisible();
});
