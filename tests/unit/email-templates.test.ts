// Every email template renders HTML and plain text in both languages, and text a
// merchant or customer typed (names, rewards) reaches the HTML escaped, never as markup.
import { describe, expect, it } from "vitest";
import { renderExistingCardEmail } from "@/lib/email/templates/existing-card";
import { renderInvitationEmail } from "@/lib/email/templates/invitation";
import { renderPasswordResetEmail } from "@/lib/email/templates/password-reset";
import { renderWelcomeEmail, type WelcomeEmailProps } from "@/lib/email/templates/welcome";
import { LOCALES } from "@/lib/i18n/config";

const BASE = "https://stempel.test";
const EVIL = `De Hoek <script>alert(1)</script> & "Zn"`;
const links = {
  card: `${BASE}/c/tok`,
  privacy: `${BASE}/c/tok/privacy`,
  apple: `${BASE}/api/cards/tok/apple-pass`,
  google: `${BASE}/api/cards/tok/google-pass`,
};
const welcome = (over: Partial<WelcomeEmailProps> = {}): WelcomeEmailProps => ({
  locale: "nl",
  customerName: "Noor <b>vet</b>",
  merchant: { name: EVIL, privacyContactEmail: "privacy@dehoek.test" },
  program: { name: "Koffiekaart <i>", rewardText: "gratis <img src=x onerror=alert(1)>", stampsRequired: 8 },
  brand: { name: EVIL, logoUrl: `${BASE}/api/files/logo@2x.png`, backgroundColor: "#2b1d14", foregroundColor: "#ffffff" },
  links,
  platformUrl: BASE,
  ...over,
});

/** No tag a merchant or customer typed survives as markup. */
function expectEscaped(html: string) {
  expect(html).not.toMatch(/<script|<img src=x|<b>vet|<i>/i);
  expect(html).toContain("&lt;script&gt;");
}

describe("email templates", () => {
  it.each(LOCALES)("welcome (%s): HTML and text with the card link, wallets, privacy and the merchant's look", async (locale) => {
    const mail = await renderWelcomeEmail(welcome({ locale }));
    expect(mail.subject).toBe(locale === "nl" ? `Je spaarkaart bij ${EVIL}` : `Your stamp card at ${EVIL}`);
    expect(mail.html).toMatch(/^<!DOCTYPE html/);
    expect(mail.html).toContain(`lang="${locale}"`);
    for (const href of Object.values(links)) expect(mail.html).toContain(`href="${href}"`);
    expect(mail.html).toContain(`src="${BASE}/api/files/logo@2x.png"`);
    expect(mail.html).toContain("background-color:#2b1d14");
    expect(mail.text).toContain(links.card);
    expect(mail.text).toContain(locale === "nl" ? "Zet in Apple Wallet" : "Add to Apple Wallet");
    expect(mail.text).toContain(locale === "nl" ? "Bewaar in Google Wallet" : "Save to Google Wallet");
    expect(mail.text).toContain(locale === "nl" ? "Bewaar deze mail" : "Keep this email");
    expect(mail.text).toContain("privacy@dehoek.test");
    expect(mail.text).toContain(`${BASE}/privacy`);
    // The plain text is text: no tags of ours, and the typed names as typed.
    expect(mail.text).not.toMatch(/<(table|td|p|a)\b/);
    expect(mail.text).toContain("Noor <b>vet</b>");
    expectEscaped(mail.html);
  });

  it("welcome: a wallet that does not work gets no button", async () => {
    const mail = await renderWelcomeEmail(welcome({ links: { ...links, apple: null, google: null } }));
    expect(mail.html).not.toMatch(/apple-pass|google-pass/);
    expect(mail.text).not.toMatch(/Apple Wallet|Google Wallet|Liever in je wallet/);
    const appleOnly = await renderWelcomeEmail(welcome({ links: { ...links, google: null } }));
    expect(appleOnly.html).toContain("apple-pass");
    expect(appleOnly.html).not.toContain("google-pass");
  });

  it("welcome: a colour that is not #rrggbb never reaches a style attribute", async () => {
    const mail = await renderWelcomeEmail(welcome({ brand: { ...welcome().brand, backgroundColor: "red;background:url(https://evil.test/x)" } }));
    expect(mail.html).not.toContain("evil.test");
    expect(mail.html).toContain("background-color:#f59e0b");
  });

  it.each(LOCALES)("existing card (%s): the link to the card on file", async (locale) => {
    const mail = await renderExistingCardEmail({
      locale,
      merchant: { name: EVIL, privacyContactEmail: null },
      brand: welcome().brand,
      cardLink: links.card,
      platformUrl: BASE,
    });
    expect(mail.subject).toBe(locale === "nl" ? `Je hebt al een spaarkaart bij ${EVIL}` : `You already have a stamp card at ${EVIL}`);
    expect(mail.html).toContain(`href="${links.card}"`);
    expect(mail.text).toContain(links.card);
    expect(mail.text).toContain(locale === "nl" ? "nieuwe, lege kaart" : "new, empty card");
    expectEscaped(mail.html);
  });

  it.each(LOCALES)("password reset (%s): the link and who it is for", async (locale) => {
    const link = `${BASE}/reset-password/abc_DEF-123`;
    const mail = await renderPasswordResetEmail({ locale, name: "Daan <script>alert(1)</script>", link, platformUrl: BASE });
    expect(mail.subject).toBe(locale === "nl" ? "Je nieuwe wachtwoord voor Stempel" : "Your new Stempel password");
    expect(mail.html).toContain(`href="${link}"`);
    // Followed by whitespace, as the dev outbox's readers (and people) find it.
    expect(mail.text).toMatch(new RegExp(`${link.replace(/[.?/]/g, "\\$&")}\\s`));
    expect(mail.text).toContain(locale === "nl" ? "Hallo Daan" : "Hello Daan");
    expectEscaped(mail.html);
  });

  it.each(LOCALES)("invitation (%s): organization, role and link", async (locale) => {
    const link = `${BASE}/invite/tok_123`;
    const mail = await renderInvitationEmail({ locale, organizationName: EVIL, role: "STAFF", link, platformUrl: BASE });
    expect(mail.subject).toBe(locale === "nl" ? `Je bent uitgenodigd bij ${EVIL} op Stempel` : `You're invited to ${EVIL} on Stempel`);
    expect(mail.text).toContain(locale === "nl" ? "als medewerker" : "as staff member");
    expect(mail.text).toMatch(/\/invite\/tok_123\s/);
    expect(mail.html).toContain(`href="${link}"`);
    expectEscaped(mail.html);
  });
});
