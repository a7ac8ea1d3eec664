// Issue 12 §13: a customer who gave an email gets a welcome email — their card
// link, wallet buttons, "bewaar deze mail" — in their language, as HTML and text,
// so closing the tab never loses the card. Sent once, through the outbox and the
// job workers: never while the customer waits, never for a replay, and still
// sent after a restart or a mail server that was down.
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as joinRoute from "@/app/(customer)/join/[programId]/route";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { eraseCustomer } from "@/lib/customers/privacy";
import { ownerDb as db } from "@/lib/db/owner";
import { issueFormToken } from "@/lib/enrollment/form-token";
import { appUrl } from "@/lib/env";
import { startWorkers } from "@/lib/jobs/worker";
import { makeMerchant, type Merchant } from "./helpers";
import { startSmtp, type TestSmtp } from "./smtp";

let m: Merchant;
let smtp: TestSmtp;
let boss: PgBoss | null = null;
let peer = 0;

beforeAll(async () => {
  process.env.JOBS_RETRY_DELAY_SECONDS = "1";
  process.env.JOBS_POLL_SECONDS = "0.5";
  smtp = await startSmtp();
  m = await makeMerchant("Koffiebar <De Hoek> & Zn", { customers: 0 });
  await db().cardProgram.update({
    where: { id: m.program.id },
    data: { backgroundColor: "#2b1d14", foregroundColor: "#fefefe", rewardText: "gratis cappuccino", stampsRequired: 8 },
  });
  await db().organization.update({ where: { id: m.org.id }, data: { privacyContactEmail: "privacy@dehoek.test" } });
  boss = await startWorkers();
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await smtp.close();
});

/** The sign-up form posted as a phone would; `token` lets a test send the very same form twice. */
async function join(fields: Record<string, string>, opts: { lang?: string; token?: string } = {}) {
  const url = `http://localhost/join/${m.program.id}${opts.lang ? `?lang=${opts.lang}` : ""}`;
  const body = new URLSearchParams({ token: opts.token ?? issueFormToken(m.program.id, Date.now() - 5000), termsAccepted: "on", source: "poster", ...fields });
  const t0 = performance.now();
  const res = await joinRoute.POST(
    new Request(url, {
      method: "POST",
      body: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", [PEER_HEADER]: `10.95.0.${++peer}` },
    }),
    { params: Promise.resolve({ programId: m.program.id }) },
  );
  expect(res.status).toBe(303);
  const webToken = res.headers.get("location")!.match(/^\/c\/([A-Za-z0-9_-]+)\?welcome=1$/)![1];
  return { webToken, ms: performance.now() - t0 };
}

const rows = (to: string) => db().outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const welcomeJobs = async (cardId: string) =>
  (await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'welcome-email' AND data->>'cardId' = $1`, cardId))[0].n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the welcome email", () => {
  it("arrives once, with the card link and wallet buttons, as HTML and plain text", async () => {
    const { webToken } = await join({ name: "Noor", email: "noor@klant.test" });
    await expect.poll(() => smtp.to("noor@klant.test").length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.to("noor@klant.test")[0];
    const card = `${appUrl()}/c/${webToken}`;

    expect(mail.subject).toBe("Je spaarkaart bij Koffiebar <De Hoek> & Zn");
    expect(mail.contentType).toBe("multipart/alternative");
    // Plain text: the link, the wallet, keep this mail.
    expect(mail.text).toContain("Welkom, Noor!");
    expect(mail.text).toContain(card);
    expect(mail.text).toContain(`Zet in Apple Wallet ${appUrl()}/api/cards/${webToken}/apple-pass`);
    expect(mail.text).toContain("Bewaar deze mail");
    expect(mail.text).toContain("Spaar 8 stempels → gratis cappuccino");
    // HTML: the same, in the merchant's colours, the merchant's name escaped, the privacy contact.
    expect(mail.html).toContain('lang="nl"');
    expect(mail.html).toContain(`href="${card}"`);
    expect(mail.html).toContain(`href="${card}/privacy"`);
    expect(mail.html).toContain("#2b1d14");
    expect(mail.html).toContain("Koffiebar &lt;De Hoek&gt; &amp; Zn");
    expect(mail.html).not.toContain("<De Hoek>");
    expect(mail.html).toContain("privacy@dehoek.test");
    // Google Wallet is not configured in this run: no button that would not work.
    expect(mail.html).not.toContain("google-pass");
    expect(mail.text).not.toContain("Google Wallet");

    // The server has the mail; the outbox row is marked sent right after SMTP's answer.
    await expect.poll(async () => (await rows("noor@klant.test"))[0]?.sentAt ?? null).not.toBeNull();
    const [row] = await rows("noor@klant.test");
    expect(row.html).toContain(`href="${card}"`);
    await sleep(1500);
    expect(smtp.to("noor@klant.test")).toHaveLength(1);
  });

  it("is written in the language the customer signed up in", async () => {
    const { webToken } = await join({ name: "Emma", email: "emma@klant.test" }, { lang: "en" });
    await expect.poll(() => smtp.to("emma@klant.test").length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.to("emma@klant.test")[0];
    expect(mail.subject).toBe("Your stamp card at Koffiebar <De Hoek> & Zn");
    expect(mail.html).toContain('lang="en"');
    expect(mail.text).toContain("Welcome, Emma!");
    expect(mail.text).toContain("Keep this email");
    expect(mail.text).toContain(`${appUrl()}/c/${webToken}`);
  });

  it("is not sent without an email address", async () => {
    const before = await db().outboxEmail.count();
    const received = smtp.received.length;
    const { webToken } = await join({ name: "Zonder Mail", email: "" });
    await sleep(1500);
    expect(await db().outboxEmail.count()).toBe(before);
    expect(smtp.received.length).toBe(received);
    expect(await welcomeJobs((await db().card.findUniqueOrThrow({ where: { webToken } })).id)).toBe(0);
  });

  it("goes only to an address that went on the customer's record, not to another customer's", async () => {
    await join({ name: "Iris", email: "iris@klant.test" });
    await expect.poll(() => smtp.to("iris@klant.test").length, { timeout: 10_000 }).toBe(1);
    // Someone else types Iris's address: a new card without it. Iris hears only "you already have a card".
    const other = await join({ name: "Eve", email: "iris@klant.test" });
    await expect.poll(() => smtp.to("iris@klant.test").length, { timeout: 10_000 }).toBe(2);
    await sleep(1500);
    const mails = smtp.to("iris@klant.test");
    expect(mails.map((mail) => mail.subject)).toEqual(["Je spaarkaart bij Koffiebar <De Hoek> & Zn", "Je hebt al een spaarkaart bij Koffiebar <De Hoek> & Zn"]);
    expect(mails.some((mail) => mail.raw.includes(other.webToken))).toBe(false);
  });

  it("is not sent for a card erased before it went out", async () => {
    await boss!.stop({ graceful: false, wait: true });
    const { webToken } = await join({ name: "Weg", email: "weg@klant.test" });
    await eraseCustomer(webToken);
    boss = await startWorkers();
    await sleep(2000);
    expect(smtp.to("weg@klant.test")).toEqual([]);
    expect(await rows("weg@klant.test")).toEqual([]);
  });

  it("is not sent twice when the same form is submitted again", async () => {
    const token = issueFormToken(m.program.id, Date.now() - 5000);
    const fields = { name: "Bram", email: "bram@klant.test" };
    const first = await join(fields, { token });
    const [again, racing] = await Promise.all([join(fields, { token }), join(fields, { token })]);
    expect(again.webToken).toBe(first.webToken);
    expect(racing.webToken).toBe(first.webToken);
    await expect.poll(() => smtp.to("bram@klant.test").length, { timeout: 10_000 }).toBe(1);
    await sleep(1500);
    expect(smtp.to("bram@klant.test")).toHaveLength(1);
    expect(await rows("bram@klant.test")).toHaveLength(1);
  });

  it("never makes the customer wait, and is still sent after a restart and a mail server that was down", async () => {
    // Workers stopped (a restart) and the mail server refusing mail: the card is there at once.
    await boss!.stop({ graceful: false, wait: true });
    boss = null;
    smtp.refusing = true;
    smtp.delayMs = 1500;
    const { webToken, ms } = await join({ name: "Lotte", email: "lotte@klant.test" });
    expect(ms).toBeLessThan(1000);
    // What survives the restart: the job, committed with the card.
    const card = await db().card.findUniqueOrThrow({ where: { webToken } });
    expect(await welcomeJobs(card.id)).toBe(1);
    expect(await rows("lotte@klant.test")).toEqual([]);

    // Back up: the first attempt is refused and recorded, the retry delivers it — once.
    boss = await startWorkers();
    await expect.poll(async () => (await rows("lotte@klant.test"))[0]?.error, { timeout: 10_000 }).toMatch(/mailbox unavailable/);
    smtp.refusing = false;
    smtp.delayMs = 0;
    await expect.poll(() => smtp.to("lotte@klant.test").length, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await rows("lotte@klant.test"))[0].sentAt, { timeout: 5000 }).not.toBeNull();
    await sleep(2500);
    expect(smtp.to("lotte@klant.test")).toHaveLength(1);
    expect(await rows("lotte@klant.test")).toHaveLength(1);
  });
});
