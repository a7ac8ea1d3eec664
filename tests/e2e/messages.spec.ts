// Berichten (issue 15): the owner composes a message, sees before sending who it
// will reach and how, sends it to a small audience (the "Proefpanel" label, one
// customer with an Apple pass registered here), watches the progress bar finish,
// and the message shows on the customer's web card and reached the local APNs.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";
import { signIn } from "./sign-in";

const PASS_TYPE = "pass.nl.stempel.dev";

test("the owner sends a message to a small audience and it reaches the lock screen and the web card", async ({ page, request, browser }) => {
  const { messages } = readFixtures();
  // The customer's iPhone has the pass (PassKit web service registration).
  const device = `e2emsg${Date.now()}`;
  const pushToken = "cd".repeat(32);
  const registered = await request.post(`/api/apple/v1/devices/${device}/registrations/${PASS_TYPE}/${messages.serial}`, {
    headers: { authorization: `ApplePass ${messages.authToken}` },
    data: { pushToken },
  });
  expect(registered.status()).toBe(201);
  const pushesBefore = pushesFor(messages.apnsLog, pushToken);

  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Berichten" }).click();
  await expect(page.getByTestId("messages-tabs")).toBeVisible();
  await page.getByTestId("campaign-new").first().click();

  // A mistake first: nothing typed is lost, the message says what to do.
  await page.getByTestId("composer-name").fill("Proefpanel december");
  await page.getByTestId("composer-send").click();
  await expect(page.getByTestId("composer-titleNl-error")).toBeVisible();
  await expect(page.getByTestId("composer-name")).toHaveValue("Proefpanel december");

  await page.getByTestId("composer-titleNl").fill("Dubbele stempels");
  await page.getByTestId("composer-bodyNl").fill("Hoi {naam}, deze week krijg je twee stempels per koffie.");
  // Live counts against each channel's limit.
  await expect(page.getByTestId("count-nl-apple")).toHaveAttribute("data-over", "false");
  // The preview shows it as the lock screen will, with the placeholder filled in.
  await expect(page.getByTestId("preview-apple-lock")).toContainText("Dubbele stempels");
  // …and the real email, rendered by the same template the sender uses.
  await expect(page.frameLocator('[data-testid="preview-email-frame"]').locator("body")).toContainText("deze week krijg je twee stempels");

  // Audience: the "Proefpanel" label — one customer, with an Apple pass.
  await page.getByTestId("audience-kind").selectOption("tag");
  await page.getByTestId("audience-value").selectOption(messages.tag);
  await expect(page.getByTestId("reach-recipients")).toHaveAttribute("data-count", "1");
  await expect(page.getByTestId("reach-apple")).toHaveAttribute("data-count", "1");
  await shot(page, "messages-compose");

  await page.getByTestId("composer-send").click();
  await expect(page.getByTestId("composer-confirm-text")).toContainText("1");
  await page.getByTestId("composer-confirm").click();

  // The campaign page: the progress bar fills, then the report.
  await expect(page).toHaveURL(/\/dashboard\/campaigns\/[\w-]+$/);
  await expect(page.getByTestId("progress-delivered")).toHaveAttribute("data-count", "1", { timeout: 30_000 });
  await expect(page.getByTestId("campaign-report")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("report-channel-APPLE")).toHaveAttribute("data-count", "1");
  await shot(page, "messages-report");

  // The push reached (the local) APNs: the iPhone fetches the pass, whose message field changed.
  await expect.poll(() => pushesFor(messages.apnsLog, pushToken), { timeout: 15_000 }).toBeGreaterThan(pushesBefore);
  // The web card shows the newest message.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(`/c/${messages.webToken}`);
  await expect(phone.getByTestId("card-message")).toContainText("Dubbele stempels");
  await expect(phone.getByTestId("card-message")).toContainText(`Hoi ${messages.customer.split(" ")[0]}, deze week`);
  await shot(phone, "messages-web-card");

  // Back on the list: the campaign is there, sent.
  await page.getByTestId("messages-tab-campaigns").click();
  await expect(page.getByTestId("campaign-row").filter({ hasText: "Proefpanel december" }).getByTestId("campaign-status")).toHaveAttribute(
    "data-status",
    "SENT",
  );
});

test("automations and bring-a-friend have their own tabs", async ({ page }) => {
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await page.goto("/dashboard/campaigns");
  await page.getByTestId("messages-tab-automations").click();
  await expect(page).toHaveURL(/\/dashboard\/campaigns\/automations$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByTestId("messages-tab-referrals").click();
  await expect(page).toHaveURL(/\/dashboard\/campaigns\/referrals$/);
  await shot(page, "messages-referrals");
});

/** How many pushes the local APNs accepted for `token` (scripts/e2e-server.ts logs them). */
function pushesFor(file: string, token: string): number {
  if (!fs.existsSync(file)) return 0;
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l && (JSON.parse(l) as { token: string }).token === token).length;
}
