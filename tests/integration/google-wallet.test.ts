// Google Wallet against a local server that speaks the Wallet REST API and
// Google's OAuth token endpoint: save link (JWT verified with the public key),
// live object patches after stamps through the real stamp path and pg-boss
// jobs, class patches on design changes, the message limit, outages, tenancy.
import { createPublicKey, randomUUID, verify } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as saveRoute from "@/app/api/cards/[webToken]/google-pass/route";
import { ownerDb as db } from "@/lib/db/owner";
import { withTenantTransaction } from "@/lib/tenancy/tenant-sql";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { startWorkers } from "@/lib/jobs/worker";
import { updateProgram } from "@/lib/programs/manage-programs";
import { designerValues } from "@/lib/programs/program-data";
import { applyCardAction } from "@/lib/stamping/card-action";
import { generateServiceAccount } from "@/lib/wallet/google/dev-service-account";
import { previewMessage, sendMessage } from "@/lib/wallet/messages";
import { classId, objectId } from "@/lib/wallet/google/objects";
import { syncGoogleCard } from "@/lib/wallet/google/sync";
import { startLocalGoogleWallet, type LocalGoogleWallet } from "@/scripts/lib/local-google-wallet";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";
import type { DesignInput } from "./helpers";

const ISSUER = "3388000000012345678";
const sa = generateServiceAccount();
let google: LocalGoogleWallet;
let boss: PgBoss;
let m: Merchant;
let other: Merchant;
let staffSession: string;

beforeAll(async () => {
  process.env.JOBS_RETRY_DELAY_SECONDS = "1";
  process.env.APP_URL = "https://stempel.example.nl";
  google = await startLocalGoogleWallet({ issuerId: ISSUER, serviceAccountEmail: sa.json.client_email, publicKey: sa.publicKey });
  Object.assign(process.env, {
    GOOGLE_WALLET_ISSUER_ID: ISSUER,
    GOOGLE_WALLET_SERVICE_ACCOUNT: Buffer.from(JSON.stringify(sa.json)).toString("base64"),
    GOOGLE_WALLET_API_URL: google.apiUrl,
    GOOGLE_WALLET_TOKEN_URL: google.tokenUrl,
  });
  m = await makeMerchant("Bakkerij Google", { customers: 0 });
  other = await makeMerchant("Andere Bakker", { customers: 0 });
  await db().cardProgram.update({ where: { id: m.program.id }, data: { maxStampsPerVisit: 100, maxStampsPerDay: 100 } });
  staffSession = (await tablet(m, "4321")).sessionToken;
  boss = await startWorkers();
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await google?.close();
});

const stamp = (serial: string, amount = 1) => applyCardAction(staffSession, { kind: "stamp", amount, serial, idempotencyKey: randomUUID() });
const save = (webToken: string) => saveRoute.GET(new Request("http://localhost/x"), { params: Promise.resolve({ webToken }) });

function decodeJwt(jwt: string) {
  const [h, b, s] = jwt.split(".");
  const ok = verify("RSA-SHA256", Buffer.from(`${h}.${b}`), createPublicKey(sa.publicKey), Buffer.from(s, "base64url"));
  return { ok, header: JSON.parse(Buffer.from(h, "base64url").toString()), claims: JSON.parse(Buffer.from(b, "base64url").toString()) };
}

async function saved(name: string) {
  const card = await newCard(m, name);
  const res = await save(card.webToken);
  expect(res.status).toBe(303);
  return { card, location: res.headers.get("location")! };
}

describe("Google Wallet", () => {
  it("'Add to Google Wallet' writes class and object through the API and redirects to a signed save link", async () => {
    const { card, location } = await saved("Fleur");
    expect(location).toMatch(/^https:\/\/pay\.google\.com\/gp\/v\/save\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const jwt = decodeJwt(location.split("/save/")[1]);
    expect(jwt.ok).toBe(true);
    expect(jwt.header).toMatchObject({ alg: "RS256", kid: sa.json.private_key_id });
    const now = Date.now() / 1000;
    expect(jwt.claims).toMatchObject({ iss: sa.json.client_email, aud: "google", typ: "savetowallet", origins: ["https://stempel.example.nl"] });
    expect(jwt.claims.iat).toBeLessThanOrEqual(now + 1);
    expect(jwt.claims.exp).toBeGreaterThan(now);
    const oid = objectId({ issuerId: ISSUER }, card.serial);
    expect(jwt.claims.payload).toEqual({ loyaltyObjects: [{ id: oid, classId: classId({ issuerId: ISSUER }, m.program.id) }] });
    // A JWT signed by another key does not verify.
    const forged = location.split("/save/")[1].replace(/\.[\w-]+$/, ".AAAA");
    expect(decodeJwt(forged).ok).toBe(false);

    const obj = google.objects.get(oid)!;
    expect(obj).toMatchObject({
      classId: classId({ issuerId: ISSUER }, m.program.id),
      state: "ACTIVE",
      accountName: "Fleur",
      loyaltyPoints: { label: "Stempels", balance: { string: "0 / 10" } },
      barcode: { type: "QR_CODE", value: card.serial, alternateText: card.serial },
    });
    expect(JSON.stringify(obj.linksModuleData)).toContain(`https://stempel.example.nl/c/${card.webToken}/privacy`);
    expect((obj.heroImage as { sourceUri: { uri: string } }).sourceUri.uri).toMatch(/^https:\/\/stempel\.example\.nl\/api\/strip\?stamps=10&filled=0/);
    const cls = google.classes.get(classId({ issuerId: ISSUER }, m.program.id))!;
    expect(cls).toMatchObject({
      issuerName: "Bakkerij Google",
      programName: m.program.name,
      hexBackgroundColor: m.program.backgroundColor,
      reviewStatus: "UNDER_REVIEW",
    });
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).googleInstalled).toBe(true);
    // Saving again is idempotent (patch, not a second object).
    expect((await save(card.webToken)).status).toBe(303);
    expect([...google.objects.keys()].filter((k) => k === oid)).toHaveLength(1);
  });

  it("a stamp at the counter patches the object with the new count within seconds", async () => {
    const { card } = await saved("Gijs");
    const oid = objectId({ issuerId: ISSUER }, card.serial);
    const since = Date.now();
    await stamp(card.serial, 3);
    await google.waitFor((c) => c.id === oid && c.action === "patch" && c.at >= since, 10_000);
    expect(google.objects.get(oid)!.loyaltyPoints).toMatchObject({ balance: { string: "3 / 10" } });
  });

  it("names the reward that is ready on the card's front (issue 12 §1)", async () => {
    const { card } = await saved("Ilse");
    const oid = objectId({ issuerId: ISSUER }, card.serial);
    expect(google.objects.get(oid)!.secondaryLoyaltyPoints).toMatchObject({
      label: "Beloning",
      balance: { string: "Bij 10 stempels: Gratis koffie naar keuze" },
    });
    const since = Date.now();
    await stamp(card.serial, 5);
    await google.waitFor((c) => c.id === oid && c.action === "patch" && c.at >= since, 10_000);
    const obj = google.objects.get(oid)!;
    expect(obj.loyaltyPoints).toMatchObject({ label: "Stempels", balance: { string: "5 / 10" } });
    expect(obj.secondaryLoyaltyPoints).toMatchObject({
      label: "Staat klaar",
      localizedLabel: { defaultValue: { language: "nl-NL", value: "Staat klaar" }, translatedValues: [{ language: "en-US", value: "Ready for you" }] },
      balance: { string: "Gratis koekje" },
    });
    const modules = obj.textModulesData as { id: string; body: string }[];
    expect(modules.find((x) => x.id === "rewardInfo")?.body).toBe("Bij 10 stempels: Gratis koffie naar keuze");
  });

  it("a design change patches the class and the objects", async () => {
    const { card } = await saved("Hanna");
    const program = await db().cardProgram.findUniqueOrThrow({ where: { id: m.program.id } });
    const since = Date.now();
    await updateProgram(m.ctx("OWNER"), program.id, {
      ...designerValues(program, { name: program.name, rewardText: program.rewardText }),
      backgroundColor: "#225588",
    } as DesignInput);
    const cid = classId({ issuerId: ISSUER }, m.program.id);
    await google.waitFor((c) => c.id === cid && c.action === "patch" && c.at >= since, 10_000);
    expect(google.classes.get(cid)!.hexBackgroundColor).toBe("#225588");
    const oid = objectId({ issuerId: ISSUER }, card.serial);
    await google.waitFor((c) => c.id === oid && c.action === "patch" && c.at >= since, 10_000);
    expect((google.objects.get(oid)!.heroImage as { sourceUri: { uri: string } }).sourceUri.uri).toContain("bg=225588");
  });

  it("allows 3 notifying messages per pass per 24 h; beyond that it tells the merchant first and delivers silently", async () => {
    const { card } = await saved("Ivo");
    const oid = objectId({ issuerId: ISSUER }, card.serial);
    const before = await previewMessage(m.ctx("MANAGER"), m.program.id);
    expect(before.notify).toBeGreaterThanOrEqual(1);
    for (let i = 1; i <= 3; i++) await sendMessage(m.ctx("MANAGER"), m.program.id, { header: `Actie ${i}`, body: "Dubbele stempels vandaag!" });
    const preview = await previewMessage(m.ctx("MANAGER"), m.program.id);
    expect(preview.silent).toBe(preview.cards);
    expect(preview.notify).toBe(0);
    const fourth = await sendMessage(m.ctx("MANAGER"), m.program.id, { header: "Actie 4", body: "Nog een" });
    expect(fourth.notify).toBe(0);
    await expect.poll(() => google.objects.get(oid)?.messages?.length ?? 0, { timeout: 15_000 }).toBe(4);
    const types = google.objects
      .get(oid)!
      .messages!.map((x) => `${x.header}:${x.messageType}`)
      .sort();
    expect(types).toEqual(["Actie 1:TEXT_AND_NOTIFY", "Actie 2:TEXT_AND_NOTIFY", "Actie 3:TEXT_AND_NOTIFY", "Actie 4:TEXT"]);
    await expect(sendMessage(m.ctx("STAFF"), m.program.id, { header: "x", body: "y" })).rejects.toThrow();
    await expect(sendMessage(m.ctx("MANAGER"), m.program.id, { header: "", body: "y" })).rejects.toThrow();
  });

  it("429 and 500 answers are retried; while Google is down nothing is lost", async () => {
    const { card } = await saved("Jet");
    const oid = objectId({ issuerId: ISSUER }, card.serial);
    google.failNext(429, 1);
    google.failNext(500, 1);
    let since = Date.now();
    await stamp(card.serial);
    await google.waitFor((c) => c.id === oid && c.action === "patch" && c.at >= since, 20_000);
    expect(google.objects.get(oid)!.loyaltyPoints).toMatchObject({ balance: { string: "1 / 10" } });

    await google.setDown(true);
    await stamp(card.serial);
    await new Promise((r) => setTimeout(r, 2500));
    since = Date.now();
    await google.setDown(false);
    await google.waitFor((c) => c.id === oid && c.action === "patch" && c.at >= since, 30_000);
    expect(google.objects.get(oid)!.loyaltyPoints).toMatchObject({ balance: { string: "2 / 10" } });
  });

  it("saving while Google is unreachable still works: the link carries the whole pass, the API catches up", async () => {
    const card = await newCard(m, "Kees");
    await google.setDown(true);
    const res = await save(card.webToken);
    expect(res.status).toBe(303);
    const jwt = decodeJwt(res.headers.get("location")!.split("/save/")[1]);
    expect(jwt.ok).toBe(true);
    expect(jwt.claims.payload.loyaltyClasses[0].id).toBe(classId({ issuerId: ISSUER }, m.program.id));
    expect(jwt.claims.payload.loyaltyObjects[0]).toMatchObject({ id: objectId({ issuerId: ISSUER }, card.serial), accountName: "Kees" });
    await google.setDown(false);
    await expect.poll(() => google.objects.has(objectId({ issuerId: ISSUER }, card.serial)), { timeout: 20_000 }).toBe(true);
  });

  it("another merchant's card is never patched: not by a forged job, not by a wrong token", async () => {
    const theirs = await newCard(other, "Van de ander");
    const oid = objectId({ issuerId: ISSUER }, theirs.serial);
    expect(await syncGoogleCard({ orgId: m.org.id, cardId: theirs.id })).toEqual({ skipped: "no such card in this organization" });
    await withTenantTransaction(m.org.id, (sql) => enqueue(QUEUES.googleCard, { orgId: m.org.id, cardId: theirs.id }, theirs.id, sql));
    await new Promise((r) => setTimeout(r, 1500));
    expect(google.objects.has(oid)).toBe(false);
    expect((await save("x".repeat(24))).status).toBe(404);
    expect(google.calls.some((c) => c.id === oid)).toBe(false);
  });

  it("limits saves per card (each one writes to Google's API)", async () => {
    const card = await newCard(m, "Max");
    const statuses = [];
    for (let i = 0; i < 21; i++) statuses.push((await save(card.webToken)).status);
    expect(statuses.slice(0, 20).every((s) => s === 303)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("without configuration the save endpoint explains itself instead of failing", async () => {
    const card = await newCard(m, "Lotte");
    const issuer = process.env.GOOGLE_WALLET_ISSUER_ID;
    const account = process.env.GOOGLE_WALLET_SERVICE_ACCOUNT;
    delete process.env.GOOGLE_WALLET_ISSUER_ID;
    delete process.env.GOOGLE_WALLET_SERVICE_ACCOUNT;
    try {
      const res = await save(card.webToken);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ message: "googleWalletNotConfigured" });
    } finally {
      Object.assign(process.env, { GOOGLE_WALLET_ISSUER_ID: issuer, GOOGLE_WALLET_SERVICE_ACCOUNT: account });
    }
  });
});
