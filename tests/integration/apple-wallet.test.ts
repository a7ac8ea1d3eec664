// Apple Wallet end to end inside the process: real signed passes (checked with
// openssl against the configured chain), Apple's web-service protocol through
// the route handlers, the real stamp path, pg-boss jobs, and a local server
// that speaks APNs over HTTP/2 + TLS.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as passRoute from "@/app/api/apple/v1/passes/[passTypeId]/[serial]/route";
import * as listRoute from "@/app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/route";
import * as registrationRoute from "@/app/api/apple/v1/devices/[deviceId]/registrations/[passTypeId]/[serial]/route";
import * as logRoute from "@/app/api/apple/v1/log/route";
import * as downloadRoute from "@/app/api/cards/[webToken]/apple-pass/route";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { ownerDb as db } from "@/lib/db/owner";
import { startWorkers } from "@/lib/jobs/worker";
import { updateProgram } from "@/lib/programs/manage-programs";
import { sendMessage } from "@/lib/wallet/messages";
import { designerValues } from "@/lib/programs/program-data";
import { MAX_REGISTRATIONS_PER_CARD } from "@/lib/wallet/apple/web-service";
import { applyCardAction } from "@/lib/stamping/card-action";
import { appleConfig, type AppleConfig } from "@/lib/wallet/apple/config";
import { apnsClient } from "@/lib/wallet/apple/push-updates";
import { startLocalApnsFor, type LocalApns } from "@/scripts/lib/local-apns";
import { makeMerchant, newCard, tablet, type Merchant } from "./helpers";
import type { DesignInput } from "./helpers";

let m: Merchant;
let other: Merchant;
let staffSession: string;
let config: AppleConfig;
let apns: LocalApns;
let boss: PgBoss;

beforeAll(async () => {
  process.env.JOBS_RETRY_DELAY_SECONDS = "1";
  process.env.JOBS_POLL_SECONDS = "0.5";
  config = appleConfig();
  apns = await startLocalApnsFor(config);
  process.env.APNS_URL = apns.url;
  config = appleConfig();
  m = await makeMerchant("Koffiebar Wallet", { customers: 0 });
  other = await makeMerchant("Andere Zaak", { customers: 0 });
  await db().cardProgram.update({
    where: { id: m.program.id },
    data: { maxStampsPerVisit: 100, maxStampsPerDay: 100, terms: "Eén stempel per bestelling." },
  });
  await db().location.update({ where: { id: m.location.id }, data: { latitude: 52.37, longitude: 4.89, address: "Kerkstraat 1", city: "Amsterdam" } });
  staffSession = (await tablet(m, "1234")).sessionToken;
  boss = await startWorkers();
});

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  apnsClient()?.close();
  await apns?.close();
});

// ---- an iPhone, speaking Apple's protocol to our route handlers ----
const base = "http://localhost/api/apple/v1";
const params = <T>(p: T) => ({ params: Promise.resolve(p) });
const auth = (token: string) => ({ authorization: `ApplePass ${token}` });

function phone(deviceId = randomBytes(16).toString("hex"), pushToken = randomBytes(32).toString("hex")) {
  const pt = () => config.passTypeIdentifier;
  return {
    deviceId,
    pushToken,
    register: (serial: string, token: string, body: string = JSON.stringify({ pushToken }), headers: Record<string, string> = auth(token)) =>
      registrationRoute.POST(
        new Request(`${base}/devices/${deviceId}/registrations/${pt()}/${serial}`, { method: "POST", headers, body }),
        params({ deviceId, passTypeId: pt(), serial }),
      ),
    unregister: (serial: string, token: string) =>
      registrationRoute.DELETE(
        new Request(`${base}/devices/${deviceId}/registrations/${pt()}/${serial}`, { method: "DELETE", headers: auth(token) }),
        params({ deviceId, passTypeId: pt(), serial }),
      ),
    list: (since?: string) =>
      listRoute.GET(
        new Request(`${base}/devices/${deviceId}/registrations/${pt()}${since ? `?passesUpdatedSince=${since}` : ""}`),
        params({ deviceId, passTypeId: pt() }),
      ),
    pass: (serial: string, token: string, ifModifiedSince?: string) =>
      passRoute.GET(
        new Request(`${base}/passes/${pt()}/${serial}`, { headers: { ...auth(token), ...(ifModifiedSince ? { "if-modified-since": ifModifiedSince } : {}) } }),
        params({ passTypeId: pt(), serial }),
      ),
  };
}

async function unzip(res: Response) {
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
  const files: Record<string, Buffer> = {};
  for (const name of Object.keys(zip.files)) files[name] = await zip.files[name].async("nodebuffer");
  return files;
}

/** openssl verifies the detached PKCS#7 signature over manifest.json up to the configured root. */
function verifySignature(files: Record<string, Buffer>, manifest = files["manifest.json"]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pkpass-"));
  try {
    fs.writeFileSync(path.join(dir, "signature"), files.signature);
    fs.writeFileSync(path.join(dir, "manifest.json"), manifest);
    fs.writeFileSync(path.join(dir, "root.pem"), config.devRootCert!);
    execFileSync(
      "openssl",
      [
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        "signature",
        "-content",
        "manifest.json",
        "-CAfile",
        "root.pem",
        "-purpose",
        "any",
        "-out",
        "/dev/null",
      ],
      { cwd: dir, stdio: "pipe" },
    );
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const stamp = (serial: string, amount = 1) => applyCardAction(staffSession, { kind: "stamp", amount, serial, idempotencyKey: randomUUID() });
// pass.json as the tests read it: nested fields accessed by path.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Apple's pass.json schema is large; tests index into it freely.
type PassJson = Record<string, any>;
const passJson = (files: Record<string, Buffer>) => JSON.parse(files["pass.json"].toString()) as PassJson;

describe("pass package", () => {
  it("is a signed store card: manifest hashes every file, the signature verifies with the chain, pass.json carries the design", async () => {
    const card = await newCard(m, "Anna de Vries");
    await stamp(card.serial, 4);
    const res = await phone().pass(card.serial, card.authToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.apple.pkpass");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("last-modified")).toBeTruthy();
    const files = await unzip(res);

    const manifest = JSON.parse(files["manifest.json"].toString()) as Record<string, string>;
    const others = Object.keys(files).filter((f) => f !== "manifest.json" && f !== "signature" && !f.endsWith("/"));
    expect(Object.keys(manifest).sort()).toEqual(others.sort());
    for (const f of others) expect(manifest[f]).toBe(createHash("sha1").update(files[f]).digest("hex"));
    for (const f of ["icon.png", "icon@2x.png", "icon@3x.png", "strip.png", "strip@2x.png", "strip@3x.png", "nl.lproj/pass.strings", "en.lproj/pass.strings"])
      expect(others).toContain(f);

    expect(verifySignature(files)).toBe(true);
    const tampered = Buffer.from(files["manifest.json"].toString().replace(/"[0-9a-f]{40}"/, `"${"0".repeat(40)}"`));
    expect(verifySignature(files, tampered)).toBe(false);

    const pass = passJson(files);
    expect(pass).toMatchObject({
      formatVersion: 1,
      passTypeIdentifier: config.passTypeIdentifier,
      teamIdentifier: config.teamIdentifier,
      serialNumber: card.serial,
      organizationName: "Koffiebar Wallet",
      authenticationToken: card.authToken,
      webServiceURL: config.webServiceURL,
      backgroundColor: expect.stringMatching(/^rgb\(\d+, \d+, \d+\)$/),
      foregroundColor: expect.stringMatching(/^rgb\(/),
      labelColor: expect.stringMatching(/^rgb\(/),
      barcodes: [{ format: "PKBarcodeFormatQR", message: card.serial, messageEncoding: "iso-8859-1", altText: card.serial }],
      locations: [{ latitude: 52.37, longitude: 4.89, relevantText: expect.stringContaining("Koffiebar Wallet") }],
    });
    expect(pass.description).toBeTruthy();
    expect(pass.authenticationToken.length).toBeGreaterThanOrEqual(16);
    const sc = pass.storeCard;
    expect(sc.primaryFields[0]).toMatchObject({ key: "stamps", value: "4 / 10", changeMessage: "Je hebt nu %@ stempels" });
    expect(sc.secondaryFields[0]).toEqual({ key: "reward", label: "Beloning", value: "Bij 10 stempels: Gratis koffie naar keuze" });
    expect(sc.auxiliaryFields[0]).toMatchObject({ key: "name", value: "Anna de Vries" });
    const back = Object.fromEntries(sc.backFields.map((f: { key: string; value: string }) => [f.key, f.value]));
    expect(back.terms).toBe("Eén stempel per bestelling.");
    expect(back.webcard).toMatch(new RegExp(`/c/${card.webToken}$`));
    expect(back.privacy).toMatch(new RegExp(`/c/${card.webToken}/privacy$`));
    expect(back.shops).toContain("Kerkstraat 1");
    // en.lproj translates what pass.json says in the merchant's language.
    expect(files["en.lproj/pass.strings"].toString("utf16le") + files["en.lproj/pass.strings"].toString()).toContain("You now have %@ stamps");
  });

  it("serves the customer's download by web-card token, and nothing for a wrong one", async () => {
    const card = await newCard(m);
    const res = await downloadRoute.GET(new Request("http://localhost/x"), params({ webToken: card.webToken }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`${card.serial}.pkpass`);
    expect(passJson(await unzip(res)).serialNumber).toBe(card.serial);
    expect((await downloadRoute.GET(new Request("http://localhost/x"), params({ webToken: "x".repeat(24) }))).status).toBe(404);
  });
});

/** What Wallet puts on the lock screen for an update: the changeMessage of the one changed field that has one (none, or a generic line, otherwise). */
function lockScreen(before: PassJson, after: PassJson): string | null {
  type F = { key: string; value: unknown; changeMessage?: string };
  const front = (p: PassJson): F[] =>
    ["headerFields", "primaryFields", "secondaryFields", "auxiliaryFields", "backFields"].flatMap((a) => p.storeCard[a] ?? []);
  const old = new Map(front(before).map((f) => [f.key, f.value]));
  const changed = front(after).filter((f) => f.changeMessage && old.get(f.key) !== f.value);
  return changed.length === 1 ? changed[0].changeMessage!.replace("%@", String(changed[0].value)) : changed.length ? "(generic)" : null;
}

describe("rewards ready, on the pass (issue 12 §1)", () => {
  it("names the reward that is ready on the front, and the lock screen says 'Je Gratis koekje staat klaar'", async () => {
    const card = await newCard(m, "Karel");
    const iphone = phone();
    expect((await iphone.register(card.serial, card.authToken)).status).toBe(201);
    await stamp(card.serial, 4);
    const four = passJson(await unzip(await iphone.pass(card.serial, card.authToken)));

    await stamp(card.serial, 1);
    await apns.waitForPush(iphone.pushToken);
    const five = passJson(await unzip(await iphone.pass(card.serial, card.authToken)));
    expect(five.storeCard.secondaryFields[0]).toEqual({ key: "reward", label: "Staat klaar", value: "Gratis koekje", changeMessage: "Je %@ staat klaar" });
    expect(five.storeCard.headerFields[0]).toMatchObject({ key: "rewards", value: 1 });
    expect(five.storeCard.primaryFields[0]).toEqual({ key: "stamps", label: "Stempels", value: "5 / 10" });
    expect(lockScreen(four, five)).toBe("Je Gratis koekje staat klaar");
    expect(five.storeCard.backFields.find((f: { key: string }) => f.key === "rewardInfo").value).toBe("Bij 10 stempels: Gratis koffie naar keuze");

    // The full card as well: both rewards, by name, in one lock-screen line.
    await stamp(card.serial, 5);
    const ten = passJson(await unzip(await iphone.pass(card.serial, card.authToken)));
    expect(ten.storeCard.secondaryFields[0]).toMatchObject({ value: "Gratis koffie naar keuze en Gratis koekje", changeMessage: "Je %@ staan klaar" });
    expect(ten.storeCard.primaryFields[0].value).toBe("0 / 10");
    expect(lockScreen(five, ten)).toBe("Je Gratis koffie naar keuze en Gratis koekje staan klaar");
  });

  it("an ordinary stamp still says how many stamps there are; counts show when a reward waits twice", async () => {
    const card = await newCard(m, "Lotte");
    const before = passJson(await unzip(await phone().pass(card.serial, card.authToken)));
    await stamp(card.serial, 2);
    const after = passJson(await unzip(await phone().pass(card.serial, card.authToken)));
    expect(lockScreen(before, after)).toBe("Je hebt nu 2 / 10 stempels");

    await db().card.update({ where: { id: card.id }, data: { stampCount: 0, rewardsAvailable: 2, intermediateAvailable: 0 } });
    const files = await unzip(await phone().pass(card.serial, card.authToken));
    expect(passJson(files).storeCard.secondaryFields[0]).toMatchObject({ value: "2× Gratis koffie naar keuze", changeMessage: "Je %@ staan klaar" });
    const en = files["en.lproj/pass.strings"].toString("utf16le") + files["en.lproj/pass.strings"].toString();
    expect(en).toContain("Ready for you");
    expect(en).toContain("Your %@ are ready");
  });
});

describe("the PassKit web service, as an iPhone sees it", () => {
  it("register → list → fetch (304) → stamped at the counter → push → listed again → new pass → unregister", async () => {
    const card = await newCard(m, "Bram");
    const iphone = phone();
    const first = await iphone.pass(card.serial, card.authToken);
    const lastModified = first.headers.get("last-modified")!;

    expect((await iphone.register(card.serial, card.authToken)).status).toBe(201);
    expect((await iphone.register(card.serial, card.authToken)).status).toBe(200);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).appleInstalls).toBe(1);

    const listed = await iphone.list();
    expect(listed.status).toBe(200);
    const { serialNumbers, lastUpdated } = (await listed.json()) as { serialNumbers: string[]; lastUpdated: string };
    expect(serialNumbers).toEqual([card.serial]);
    expect(lastUpdated).toMatch(/^\d+$/);
    expect((await iphone.pass(card.serial, card.authToken, lastModified)).status).toBe(304);

    // Nothing changed since the tag (beyond the safety margin): 204.
    expect((await iphone.list(String(Number(lastUpdated) + 60))).status).toBe(204);

    await stamp(card.serial, 2);
    const push = await apns.waitForPush(iphone.pushToken);
    expect(push).toMatchObject({ topic: config.passTypeIdentifier, pushType: "background", auth: "token" });

    const again = (await (await iphone.list(lastUpdated)).json()) as { serialNumbers: string[] };
    expect(again.serialNumbers).toContain(card.serial);
    const fresh = await iphone.pass(card.serial, card.authToken, lastModified);
    expect(fresh.status).toBe(200);
    expect(new Date(fresh.headers.get("last-modified")!).getTime()).toBeGreaterThan(new Date(lastModified).getTime());
    expect(passJson(await unzip(fresh)).storeCard.primaryFields[0].value).toBe("2 / 10");

    expect((await iphone.unregister(card.serial, card.authToken)).status).toBe(200);
    expect((await iphone.list()).status).toBe(204);
    const reg = await db().passRegistration.findFirstOrThrow({ where: { cardId: card.id } });
    expect(reg).toMatchObject({ unregisterReason: "device" });
    expect(reg.unregisteredAt).not.toBeNull();
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).appleInstalls).toBe(0);
  });

  it("two changes in the same second give two different Last-Modified dates", async () => {
    const card = await newCard(m);
    const iphone = phone();
    await stamp(card.serial);
    const a = (await iphone.pass(card.serial, card.authToken)).headers.get("last-modified")!;
    await stamp(card.serial);
    const b = await iphone.pass(card.serial, card.authToken, a);
    expect(b.status).toBe(200);
    expect(passJson(await unzip(b)).storeCard.primaryFields[0].value).toBe("2 / 10");
  });

  it("refuses wrong tokens, unknown serials, other merchants' passes and bad input with 4xx", async () => {
    const card = await newCard(m);
    const theirs = await newCard(other);
    const iphone = phone();
    expect((await iphone.pass(card.serial, "wrong-token-0123456789")).status).toBe(401);
    expect((await iphone.pass("ZZZZ-ZZZZ-ZZ", card.authToken)).status).toBe(401);
    expect((await iphone.pass(theirs.serial, card.authToken)).status).toBe(401);
    expect((await iphone.register(theirs.serial, card.authToken)).status).toBe(401);
    expect((await iphone.register(card.serial, card.authToken, "{not json")).status).toBe(400);
    expect((await iphone.register(card.serial, card.authToken, JSON.stringify({ pushToken: "" }))).status).toBe(422);
    expect((await iphone.register(card.serial, card.authToken, JSON.stringify({ pushToken: "a" }), {})).status).toBe(401);
    const huge = "x".repeat(10 * 1024 * 1024);
    expect((await iphone.register(card.serial, card.authToken, huge)).status).toBe(413);
    const bad = phone("bad device id!");
    expect((await bad.register(card.serial, card.authToken)).status).toBe(422);
    expect((await bad.list()).status).toBe(422);
    const wrongType = await passRoute.GET(
      new Request(`${base}/passes/pass.other.type/${card.serial}`, { headers: auth(card.authToken) }),
      params({ passTypeId: "pass.other.type", serial: card.serial }),
    );
    expect(wrongType.status).toBe(404);
    expect((await iphone.list("yesterday")).status).toBe(422);
    // Nothing was registered by any of that.
    expect(await db().passRegistration.count({ where: { cardId: { in: [card.id, theirs.id] } } })).toBe(0);
  });

  it("records device logs, bounded", async () => {
    const ok = await logRoute.POST(new Request(`${base}/log`, { method: "POST", body: JSON.stringify({ logs: ["Request failed: 401", "y".repeat(5000)] }) }));
    expect(ok.status).toBe(200);
    const logs = await db().walletDeviceLog.findMany({ orderBy: { message: "asc" } });
    expect(logs.map((l) => l.message.length)).toEqual([19, 2000]);
    const big = await logRoute.POST(new Request(`${base}/log`, { method: "POST", body: JSON.stringify({ logs: ["z".repeat(70 * 1024)] }) }));
    expect(big.status).toBe(413);
    expect((await logRoute.POST(new Request(`${base}/log`, { method: "POST", body: "[" }))).status).toBe(400);
    // No credential in Apple's protocol, so a flood from one address is cut off.
    const from = (ip: string) =>
      logRoute.POST(new Request(`${base}/log`, { method: "POST", headers: { [PEER_HEADER]: ip }, body: JSON.stringify({ logs: ["x"] }) }));
    const statuses = [];
    for (let i = 0; i < 61; i++) statuses.push((await from("203.0.113.9")).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await from("203.0.113.10")).status).toBe(200);
  });
});

describe("wallet abuse (issue 11 §15)", () => {
  it("caps active registrations per card; a known device re-registers; the install count stays honest", async () => {
    const card = await newCard(m, "Veel Toestellen");
    const phones = Array.from({ length: MAX_REGISTRATIONS_PER_CARD }, () => phone());
    for (const p of phones) expect((await p.register(card.serial, card.authToken)).status).toBe(201);
    expect((await phone().register(card.serial, card.authToken)).status).toBe(429);
    expect((await phones[0].register(card.serial, card.authToken)).status).toBe(200);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).appleInstalls).toBe(MAX_REGISTRATIONS_PER_CARD);
    // A removed pass frees its place.
    expect((await phones[1].unregister(card.serial, card.authToken)).status).toBe(200);
    expect((await phone().register(card.serial, card.authToken)).status).toBe(201);
    expect(await db().passRegistration.count({ where: { cardId: card.id, unregisteredAt: null } })).toBe(MAX_REGISTRATIONS_PER_CARD);
  });

  it("an invented push token (APNs 400 BadDeviceToken) closes its registration", async () => {
    const card = await newCard(m, "Nep Token");
    const fake = phone();
    apns.badTokens.add(fake.pushToken);
    expect((await fake.register(card.serial, card.authToken)).status).toBe(201);
    await stamp(card.serial);
    await expect
      .poll(async () => (await db().passRegistration.findFirstOrThrow({ where: { cardId: card.id } })).unregisteredAt, { timeout: 10_000 })
      .not.toBeNull();
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).appleInstalls).toBe(0);
  });
});

describe("push updates", () => {
  async function installed(name: string) {
    const card = await newCard(m, name);
    const iphone = phone();
    expect((await iphone.register(card.serial, card.authToken)).status).toBe(201);
    return { card, iphone };
  }

  it("a 410 from APNs closes the registration", async () => {
    const { card, iphone } = await installed("Weg");
    apns.unregistered.add(iphone.pushToken);
    await stamp(card.serial);
    await expect
      .poll(async () => (await db().passRegistration.findFirstOrThrow({ where: { cardId: card.id } })).unregisterReason, { timeout: 10_000 })
      .toBe("apns");
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).appleInstalls).toBe(0);
  });

  it("429 and 500 answers are retried until the push is delivered", async () => {
    const { card, iphone } = await installed("Geduld");
    apns.failNext(429, 1);
    apns.failNext(500, 1);
    await stamp(card.serial);
    await apns.waitForPush(iphone.pushToken, 20_000);
    expect((await db().passRegistration.findFirstOrThrow({ where: { cardId: card.id } })).unregisteredAt).toBeNull();
  });

  it("nothing is lost while APNs is unreachable: the update arrives once it is back", async () => {
    const { card, iphone } = await installed("Offline");
    await apns.setDown(true);
    await stamp(card.serial);
    await new Promise((r) => setTimeout(r, 2500));
    expect(apns.pushes.some((p) => p.token === iphone.pushToken)).toBe(false);
    await apns.setDown(false);
    await apns.waitForPush(iphone.pushToken, 30_000);
  });

  it("a design change moves every pass of the program and pushes each device", async () => {
    const a = await installed("Ontwerp A");
    const b = await installed("Ontwerp B");
    const before = (await db().card.findUniqueOrThrow({ where: { id: a.card.id } })).passUpdatedAt;
    const program = await db().cardProgram.findUniqueOrThrow({ where: { id: m.program.id } });
    await updateProgram(m.ctx("OWNER"), program.id, {
      ...designerValues(program, { name: program.name, rewardText: program.rewardText }),
      backgroundColor: "#123456",
    } as DesignInput);
    await Promise.all([apns.waitForPush(a.iphone.pushToken), apns.waitForPush(b.iphone.pushToken)]);
    expect((await db().card.findUniqueOrThrow({ where: { id: a.card.id } })).passUpdatedAt.getTime()).toBeGreaterThan(before.getTime());
    const pass = passJson(await unzip(await a.iphone.pass(a.card.serial, a.card.authToken)));
    expect(pass.backgroundColor).toBe("rgb(18, 52, 86)");
  });

  it("a merchant's message reaches the pass: back field with a lock-screen changeMessage, pushed", async () => {
    const { card, iphone } = await installed("Bericht");
    const before = (await db().card.findUniqueOrThrow({ where: { id: card.id } })).passUpdatedAt;
    const plan = await sendMessage(m.ctx("MANAGER"), m.program.id, { header: "Nieuw: chai latte", body: "Deze week met dubbele stempels." });
    expect(plan.apple).toBeGreaterThanOrEqual(1);
    await apns.waitForPush(iphone.pushToken);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).passUpdatedAt.getTime()).toBeGreaterThan(before.getTime());
    const back = passJson(await unzip(await iphone.pass(card.serial, card.authToken))).storeCard.backFields;
    expect(back[0]).toEqual({ key: "message", label: "Nieuw: chai latte", value: "Deze week met dubbele stempels.", changeMessage: "%@" });
  });

  it("certificate-based APNs auth works too (the Pass Type ID certificate as TLS client certificate)", async () => {
    process.env.APNS_AUTH = "certificate";
    try {
      const { card, iphone } = await installed("Certificaat");
      await stamp(card.serial);
      expect((await apns.waitForPush(iphone.pushToken)).auth).toBe("certificate");
    } finally {
      delete process.env.APNS_AUTH;
    }
  });
});
