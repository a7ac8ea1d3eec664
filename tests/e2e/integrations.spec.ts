// Koppelingen (issue 16): the owner makes an API key (shown once), a program uses it
// to stamp a card with the tablet's rules, and a webhook endpoint (a receiver this
// test runs) gets a signed test event and the stamp — verified with the recipe from
// docs/integrations/webhooks.md. Then the key is revoked and stops working.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { shot } from "./shots";
import { signIn } from "./sign-in";

type Hook = { headers: http.IncomingHttpHeaders; body: string };

test("an API key stamps a card, a webhook receives it signed, and a revoked key stops working", async ({ page, request }) => {
  const { messages } = readFixtures();
  const hooks: Hook[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/stempel`;

  try {
    await signIn(page, "owner@dehoek.test", "stempel-demo");
    await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Instellingen" }).click();
    await page.getByRole("link", { name: "API-sleutels beheren" }).click();

    // A key: a name and only the permissions the link needs; shown once.
    // Without a name: a clear message, nothing made.
    await page.getByRole("button", { name: "Sleutel maken" }).click();
    await expect(page.getByLabel("Naam")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Naam").fill("Webshop");
    await page.getByTestId("api-key-form").locator('input[value="stamp"]').check();
    await page.getByRole("button", { name: "Sleutel maken" }).click();
    const key = (await page.getByTestId("api-key-value").textContent())!.trim();
    expect(key).toMatch(/^stk_/);
    await shot(page, "api-key-created");

    // The webhook endpoint, for stamps (the e2e server allows local addresses: WEBHOOKS_ALLOW_PRIVATE=1).
    await page.goto("/dashboard/settings/webhooks");
    await page.getByLabel("Adres (URL)").fill(hookUrl);
    await page.getByTestId("webhook-form").locator('input[value="card.stamped"]').check();
    await page.getByRole("button", { name: "Adres toevoegen" }).click();
    await expect(page).toHaveURL(/\/dashboard\/settings\/webhooks\/[\w-]+$/);
    if (await page.getByText("Toon sleutel").isVisible()) await page.getByText("Toon sleutel").click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Testbericht sturen" }).click();
    await expect.poll(() => hooks.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(verify(hooks[0], secret)).toBe(true);
    await shot(page, "webhook-endpoint");

    // The key stamps a card with the tablet's rules; the same Idempotency-Key with another body is refused.
    const headers = { authorization: `Bearer ${key}`, "idempotency-key": `order-${Date.now()}` };
    const stamped = await request.post(`/api/v1/cards/${messages.serial}/stamp`, { headers, data: { amount: 1 } });
    expect(stamped.status()).toBe(201);
    expect(stamped.headers()["x-request-id"]).toBeTruthy();
    expect((await request.post(`/api/v1/cards/${messages.serial}/stamp`, { headers, data: { amount: 2 } })).status()).toBe(422);
    // Without the scope: 403, in the one error shape.
    const forbidden = await request.post(`/api/v1/cards/${messages.serial}/redeem`, {
      headers: { authorization: `Bearer ${key}`, "idempotency-key": `r-${Date.now()}` },
    });
    expect(forbidden.status()).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });

    // The stamp reaches the webhook, signed.
    await expect.poll(() => hooks.filter((h) => JSON.parse(h.body).type === "card.stamped").length, { timeout: 20_000 }).toBe(1);
    const stampHook = hooks.find((h) => JSON.parse(h.body).type === "card.stamped")!;
    expect(verify(stampHook, secret)).toBe(true);
    expect(JSON.parse(stampHook.body).data.card.serial).toBe(messages.serial);

    // Revoked: the key stops working at once.
    await page.goto("/dashboard/settings/api");
    page.once("dialog", (d) => void d.accept());
    await page.getByTestId("api-key").filter({ hasText: "Webshop" }).getByRole("button", { name: "Intrekken" }).click();
    await expect(page.getByTestId("api-key").filter({ hasText: "Webshop" })).toContainText("Ingetrokken");
    expect((await request.get("/api/v1/programs", { headers: { authorization: `Bearer ${key}` } })).status()).toBe(401);
  } finally {
    receiver.close();
  }
});

/** Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body" with the secret after "whsec_" (docs/integrations/webhooks.md). */
function verify(hook: Hook, secret: string): boolean {
  const id = String(hook.headers["webhook-id"]);
  const timestamp = String(hook.headers["webhook-timestamp"]);
  const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
    .update(`${id}.${timestamp}.${hook.body}`)
    .digest("base64");
  return String(hook.headers["webhook-signature"])
    .split(" ")
    .some((s) => s === `v1,${expected}`);
}
