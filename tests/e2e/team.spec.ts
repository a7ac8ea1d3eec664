import { expect, test } from "@playwright/test";
import { shot } from "./shots";

test("an owner invites a barista, who accepts from the email, sets a PIN, and lands in the right business", async ({ page, browser }) => {
  const email = `barista-${Date.now()}@dehoek.test`;
  await page.goto("/signin");
  await page.getByLabel("E-mailadres").fill("owner@dehoek.test");
  await page.getByLabel("Wachtwoord").fill("stempel-demo");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team & locaties" }).click();

  await page.getByLabel("E-mailadres").fill("geen-email");
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByText("Vul een geldig e-mailadres in", { exact: false })).toBeVisible();
  await page.getByLabel("E-mailadres").fill(email);
  await page.locator("select[name=role]").selectOption("STAFF");
  await page.getByRole("button", { name: "Uitnodigen" }).click();
  await expect(page.getByText("Uitnodiging verstuurd.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Openstaande uitnodigingen" })).toContainText(email);
  await shot(page, "team");

  await page.goto("/dev/outbox");
  const text = await page.getByTestId("outbox-email").filter({ hasText: email }).first().getByTestId("outbox-text").innerText();
  const link = text.match(/https?:\/\/\S+\/invite\/\S+/)![0];

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`Koffiebar De Hoek nodigt ${email} uit als Medewerker.`)).toBeVisible();
  await invitee.getByLabel("Je naam").fill("Kim");
  await invitee.getByLabel("Wachtwoord").fill("cappuccino-kunst");
  await invitee.getByRole("button", { name: "Uitnodiging accepteren" }).click();
  await expect(invitee).toHaveURL(/\/dashboard$/);
  await expect(invitee.getByRole("heading", { name: "Welkom, Kim" })).toBeVisible();
  await expect(invitee.getByText("Koffiebar De Hoek").first()).toBeVisible();

  // Staff set their own PIN; they see no invite form (managers and owners invite).
  await invitee.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Team & locaties" }).click();
  await expect(invitee.getByRole("button", { name: "Uitnodigen" })).toHaveCount(0);
  // PINs need not be unique (the tablet asks whose PIN first): a colleague's PIN says nothing.
  const me = invitee.getByRole("listitem").filter({ hasText: email });
  await me.getByPlaceholder("Nieuwe PIN").fill("1234");
  await me.getByRole("button", { name: "PIN instellen" }).click();
  await expect(me.getByText("PIN opgeslagen.")).toBeVisible();
  // Only their own row has a PIN form.
  await expect(invitee.getByPlaceholder("Nieuwe PIN")).toHaveCount(1);

  // The customer list is not for staff.
  await invitee.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Klanten" }).click();
  await expect(invitee.getByTestId("customer-list-forbidden")).toContainText("alleen voor managers en de eigenaar");

  await invitee.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Kaarten" }).click();
  await expect(invitee.getByRole("heading", { name: "Koffiekaart" })).toBeVisible();
  await expect(invitee.getByRole("link", { name: "Nieuwe kaart" })).toHaveCount(0);
  await invitee.goto("/dashboard/cards/new");
  await expect(invitee.getByText("Je hebt geen toegang tot deze pagina.")).toBeVisible();

  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByText("Deze link is verlopen of al gebruikt.", { exact: false })).toBeVisible();

  // The owner promotes Kim, then removes her: her open dashboard session ends at once (issue 11 §9–10).
  await page.goto("/dashboard/team");
  const kim = page.getByRole("listitem").filter({ hasText: email });
  await kim.getByLabel("Rol van Kim").selectOption("MANAGER");
  await expect(kim.getByText("Rol gewijzigd.", { exact: false })).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await kim.getByRole("button", { name: "Verwijderen" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: email })).toHaveCount(0);
  await invitee.goto("/dashboard");
  await expect(invitee).toHaveURL(/\/signin/);
});
