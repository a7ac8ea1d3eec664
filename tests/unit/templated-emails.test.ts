// The send engine renders a campaign's email once per template and fills each
// recipient in (lib/messages/email.ts templatedEmails). It must give exactly
// what rendering each recipient's email whole gives.
import { describe, expect, it } from "vitest";
import { messageEmail, templatedEmails, type TemplatedEmailInput } from "@/lib/messages/email";
import { fillTemplate } from "@/lib/messages/template";

const base = {
  to: "anna@example.nl",
  locale: "nl" as const,
  merchant: "Koffiebar <De Hoek> & Zn",
  link: "https://dehoek.nl/actie?a=1&b=2",
  cardUrl: "https://stempel.test/c/tok_123",
  unsubscribeUrl: "https://stempel.test/u/abc.def",
  template: {
    title: "Hoi {naam}!",
    body: "Nog {nog} stempels tot {beloning}.\nJe hebt er al {stempels}.\n\nTot snel, {naam}",
  },
  vars: { name: "Anna de Vries", reward: "Gratis koffie", stamps: 7, toGo: 3 },
};

const whole = (i: TemplatedEmailInput) => {
  const { template, vars, ...rest } = i;
  return messageEmail({ ...rest, title: fillTemplate(template.title, vars), body: fillTemplate(template.body, vars) });
};

describe("templatedEmails", () => {
  it("gives each recipient exactly the email a whole render gives, escaping what they typed", async () => {
    const fill = templatedEmails();
    const recipients: TemplatedEmailInput[] = [
      base,
      { ...base, to: "bob@example.nl", cardUrl: "https://stempel.test/c/tok_456", vars: { ...base.vars, name: "Bob", stamps: 0, toGo: 10 } },
      { ...base, to: "x@example.nl", vars: { ...base.vars, name: `O'Neil<script>alert("x")</script>&co de Vries`, reward: "Taart & <b>'thee'</b>" } },
      { ...base, locale: "en", unsubscribeUrl: null, vars: { ...base.vars, name: "Émile" } },
      { ...base, vars: { ...base.vars, reward: "twee\nregels" } },
    ];
    for (const r of recipients) expect(await fill(r)).toEqual(await whole(r));
  });

  it("renders once per template", async () => {
    const fill = templatedEmails();
    const t0 = performance.now();
    await fill(base);
    const first = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 20; i++) await fill({ ...base, vars: { ...base.vars, name: `Klant ${i}` } });
    expect((performance.now() - t1) / 20).toBeLessThan(first / 3);
  });
});
