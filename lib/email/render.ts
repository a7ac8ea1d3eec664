// A template is a React Email component; this turns one into the two parts of
// a real email: HTML (table layout, inline styles) and a plain-text version
// derived from the same HTML, so the two never say different things.
import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

export type RenderedEmail = { subject: string; html: string; text: string };

// Headings stay as written (html-to-text shouts them by default); long links are never wrapped.
const TEXT_OPTIONS = {
  wordwrap: false as const,
  selectors: ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
};

export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  return { subject, html, text: toPlainText(html, TEXT_OPTIONS).trim() };
}
