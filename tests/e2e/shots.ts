import type { Page } from "@playwright/test";

/** Saves a full-page screenshot under tests/artifacts/ (kept by CI as an artifact). */
export function shot(page: Page, name: string) {
  return page.screenshot({ path: `tests/artifacts/${name}.png`, fullPage: true });
}
