import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";
import { signIn } from "./sign-in";

const PASS_TYPE = "pass.nl.stempel.dev";

test("a customer downloads their Apple Wallet pass from the web card", async ({ page }) => {
  const { card } = readFixtures();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/c/${card.webToken}`);
  await expect(page.getByTestId("add-apple")).toBeVisible();
  // The card as it is now (the tablet spec, earlier in the run, stamps this same card).
  const stamps = Number((await page.getByTestId("stamp-count").innerText()).match(/\d+/)![0]);
  // Customers never read platform configuration (issue 12 §10): that is in the merchant's settings.
  await expect(page.getByText(/testcertificaat|ingesteld|documentatie/)).toHaveCount(0);
  await shot(page, "web-card-apple-wallet");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("add-apple").click()]);
  expect(download.suggestedFilename()).toBe(`${card.serial}.pkpass`);
  const zip = await JSZip.loadAsync(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c)));
  const pass = JSON.parse(await zip.file("pass.json")!.async("string"));
  expect(pass.serialNumber).toBe(card.serial);
  expect(pass.storeCard.primaryFields[0].value).toBe(`${stamps} / ${card.stampsRequired}`);
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(["manifest.json", "signature", "icon.png", "strip@2x.png"]));
});

test("an iPhone registers through the running server and the owner sees the install", async ({ page, request }) => {
  const { card, programId } = readFixtures();
  const device = `e2e${Date.now()}`;
  const path = `/api/apple/v1/devices/${device}/registrations/${PASS_TYPE}/${card.serial}`;
  const headers = { authorization: `ApplePass ${card.authToken}` };
  // What the owner sees before (other specs may have installed passes on other cards: messages.spec).
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await page.goto(`/dashboard/cards/${programId}`);
  const [, installed, removed] = /(\d+)\D+(\d+)/.exec((await page.getByTestId("apple-installs").textContent()) ?? "")!.map(Number);
  const shows = (i: number, r: number) => `Apple Wallet: ${i} ${i === 1 ? "kaart" : "kaarten"} geïnstalleerd · ${r} verwijderd`;
  expect((await request.post(path, { headers: { authorization: "ApplePass wrong-token-000000000" }, data: { pushToken: "ab".repeat(32) } })).status()).toBe(
    401,
  );
  // Bad input through the running server (fast path included): 4xx, never a 500.
  expect((await request.get(`/api/apple/v1/passes/%E0%A4%A/${card.serial}`, { headers })).status()).toBe(400);
  expect((await request.get(`/api/apple/v1/passes/${PASS_TYPE}/${card.serial}`)).status()).toBe(401);
  expect((await request.post(path, { headers: { ...headers, "content-type": "application/json" }, data: "x".repeat(10 * 1024 * 1024) })).status()).toBe(413);
  expect((await request.post(path, { headers: { ...headers, "content-type": "application/json" }, data: Buffer.from("{oops") })).status()).toBe(400);
  // (Playwright JSON-encodes a string body that is not JSON, which is then a well-formed string of the wrong shape.)
  expect((await request.post(path, { headers: { ...headers, "content-type": "application/json" }, data: "{oops" })).status()).toBe(422);
  expect((await request.post(path, { headers, data: { pushToken: "ab".repeat(32) } })).status()).toBe(201);
  const list = await request.get(`/api/apple/v1/devices/${device}/registrations/${PASS_TYPE}`);
  expect(list.status()).toBe(200);
  expect((await list.json()).serialNumbers).toEqual([card.serial]);
  const pass = await request.get(`/api/apple/v1/passes/${PASS_TYPE}/${card.serial}`, { headers });
  expect(pass.headers()["content-type"]).toBe("application/vnd.apple.pkpass");
  const notModified = await request.get(`/api/apple/v1/passes/${PASS_TYPE}/${card.serial}`, {
    headers: { ...headers, "if-modified-since": pass.headers()["last-modified"] },
  });
  expect(notModified.status()).toBe(304);

  await page.reload();
  await expect(page.getByTestId("apple-installs")).toHaveText(shows(installed + 1, removed));
  expect((await request.delete(path, { headers })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("apple-installs")).toHaveText(shows(installed, removed + 1));
});

test("a customer adds the card to Google Wallet; the owner sees it and finds where to message it", async ({ page, browser }) => {
  const { card, programId } = readFixtures();
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  // Google's save page is outside the sandbox: answer it locally, keep the URL.
  await phone.route("https://pay.google.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Google Wallet</h1>" }));
  await phone.goto(`/c/${card.webToken}`);
  await phone.getByTestId("add-google").click();
  await expect(phone).toHaveURL(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(phone.url().split("/save/")[1].split(".")[1], "base64url").toString());
  expect(claims).toMatchObject({ aud: "google", typ: "savetowallet" });
  expect(claims.payload.loyaltyObjects[0].id).toContain(card.serial);

  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await page.goto(`/dashboard/cards/${programId}`);
  await expect(page.getByTestId("google-installs")).toHaveText("Google Wallet: 1 kaart toegevoegd");
  // Messages to the passes are sent from Berichten now (messages.spec.ts): the card page links there.
  await page.getByTestId("card-message-link").click();
  await expect(page).toHaveURL(/\/dashboard\/campaigns/);
  await shot(page, "google-wallet-to-messages");
});

test("the merchant sees the wallets' status in one place: Instellingen", async ({ page }) => {
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Instellingen" }).click();
  const wallets = page.getByTestId("settings-wallets");
  await expect(wallets.getByTestId("wallet-apple-state")).toHaveText("Testmodus");
  await expect(wallets.getByTestId("wallet-google-state")).toBeVisible();
  await shot(page, "settings-wallets");
});
