// Issue 11 §18: no 'unsafe-inline' scripts. Every page carries a per-request
// nonce; the scripts that run carry it; the browser reports no CSP violation;
// and the pages still work (a form submits, the dashboard hydrates).
import { expect, test, type Page } from "@playwright/test";
import { readFixtures } from "./fixtures-file";
import { signIn } from "./sign-in";

function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

async function checkPage(page: Page, path: string, violations: string[]) {
  const res = await page.goto(path);
  const csp = res!.headers()["content-security-policy"] ?? "";
  const scriptSrc =
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, path).toMatch(/^script-src 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/);
  const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1];
  // Every script element in the page carries this request's nonce (browsers hide the attribute, not the property).
  const nonces = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(nonces.length, path).toBeGreaterThan(0);
  for (const n of nonces) expect(n, path).toBe(nonce);
  expect(violations, path).toEqual([]);
  return nonce;
}

test("pages run only scripts with the request's nonce", async ({ page }) => {
  const violations = watchViolations(page);
  const { programId, card } = readFixtures();
  const first = await checkPage(page, "/", violations);
  expect(await checkPage(page, "/", violations)).not.toBe(first); // fresh per request
  for (const path of ["/signin", "/signup", `/join/${programId}`, `/c/${card.webToken}`, "/stamp"]) await checkPage(page, path, violations);
  await signIn(page, "owner@dehoek.test", "stempel-demo");
  await expect(page.getByTestId("stat-customers")).toBeVisible();
  await checkPage(page, "/dashboard", violations);
  expect(violations).toEqual([]);
});
