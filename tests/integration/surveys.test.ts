// Issue 14: the questions on the customer's web card (lib/surveys). Answering
// stores the row with where the customer last visited and who served them; the
// server checks again that the question is due (409 otherwise, nothing stored),
// bad input is a 422 (nothing stored), an unknown or erased card a 404; the
// customer's export holds their answers and erasure deletes them; a web token
// only ever answers for its own card; the route answers JSON and plain form
// posts; the web card shows the due question (on top from the pass's link,
// hidden after "Niet nu"); the pass links to the question; opening the card is
// recorded hourly.
import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as surveyRoute from "@/app/(customer)/c/[token]/survey/route";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { markWebCardOpened } from "@/lib/cards/customer-card";
import { eraseCustomer, exportCustomerData, personalDataLeft } from "@/lib/customers/privacy";
import { ownerDb as db } from "@/lib/db/owner";
import { en, nl } from "@/lib/i18n/messages";
import { designerValues } from "@/lib/programs/program-data";
import { updateProgram } from "@/lib/programs/manage-programs";
import { applyCardAction } from "@/lib/stamping/card-action";
import { answerSurvey, SURVEY_LIMITS } from "@/lib/surveys/answer-survey";
import type { SurveySettings } from "@/lib/surveys/eligibility";
import { LATER_COOKIE } from "@/lib/surveys/later";
import { surveyState } from "@/lib/surveys/survey-state";
import { tenantDb } from "@/lib/tenancy/tenant-db";
import { passByWebToken } from "@/lib/wallet/pass-source";
import { googleLayout, passView } from "@/lib/wallet/pass-view";
import { appError, makeMerchant, newCard, tablet, type DesignInput, type Merchant } from "./helpers";

// ---- Next's request scope, stood in for: translations, navigation, the cookie jar ----
vi.mock("next-intl/server", () => import("../support/next-intl-server"));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {}, refresh: () => {}, push: () => {} }),
  usePathname: () => "/",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
}));

let m: Merchant;
let other: Merchant;
let t: Awaited<ReturnType<typeof tablet>>;
let ownerMembershipId: string;

let ip = 0;
const meta = () => ({ ip: `10.70.${Math.floor(++ip / 250)}.${ip % 250}` });
const DAY = 86_400_000;

beforeAll(async () => {
  process.env.APP_URL ??= "https://stempel.example.nl";
  m = await makeMerchant("Vragenbar", { customers: 0 });
  other = await makeMerchant("Buurzaak", { customers: 0 });
  t = await tablet(m, "2468");
  ownerMembershipId = (await db().membership.findFirstOrThrow({ where: { organizationId: m.org.id, userId: m.owner.id } })).id;
});

const ALL_ON: SurveySettings = { surveySatisfaction: true, surveyNps: true, surveyNpsAfterVisits: 3, surveyNpsEveryDays: 90, surveyCli: true };
const setSurveys = (merchant: Merchant, over: Partial<SurveySettings> = {}) =>
  db().cardProgram.update({ where: { id: merchant.program.id }, data: { ...ALL_ON, ...over } });
beforeEach(() => setSurveys(m));

/** A stamp now from the shop tablet (its member, its location), as at the counter. */
const stampNow = (serial: string) => applyCardAction(t.sessionToken, { kind: "stamp", amount: 1, serial, idempotencyKey: randomUUID() });

/** A customer with visits `daysAgo` (stamped by the owner from the dashboard at the shop), the last one being their last visit. */
async function customerWithVisits(merchant: Merchant, name: string, daysAgo: number[]) {
  const card = await newCard(merchant, name);
  for (const d of daysAgo) {
    await db().cardEvent.create({
      data: {
        organizationId: merchant.org.id,
        cardId: card.id,
        type: "STAMP",
        amount: 1,
        stampDelta: 1,
        actorUserId: merchant.owner.id,
        locationId: merchant.location.id,
        createdAt: new Date(Date.now() - d * DAY),
      },
    });
  }
  await db().customer.update({ where: { id: card.customerId }, data: { lastVisitLocationId: merchant.location.id } });
  return card;
}

const answersOf = (customerId: string) => db().surveyAnswer.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });

describe("answering the question on the web card", () => {
  it("stores a satisfaction answer with the location of the last visit and the member who stamped", async () => {
    const card = await newCard(m, "Sanne");
    await stampNow(card.serial);
    expect(await answerSurvey(card.webToken, { kind: "SATISFACTION", score: "4" }, meta())).toEqual({ kind: "SATISFACTION" });
    const [row, ...more] = await answersOf(card.customerId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      organizationId: m.org.id,
      customerId: card.customerId,
      cardId: card.id,
      kind: "SATISFACTION",
      score: 4,
      comeBack: null,
      tryOther: null,
      comment: null,
      locationId: m.location.id,
      membershipId: t.memberId,
    });
  });

  it("stores NPS with the CLI answers and the trimmed comment; the staff member is the latest stamp that stands", async () => {
    // Visits 3 and 2 days ago by the owner (dashboard), then today one by the tablet member that was undone.
    const card = await customerWithVisits(m, "Daan", [3, 2]);
    await stampNow(card.serial);
    await applyCardAction(t.sessionToken, { kind: "undo", serial: card.serial, idempotencyKey: randomUUID() });
    await stampNow(card.serial);
    await applyCardAction(t.sessionToken, { kind: "undo", serial: card.serial, idempotencyKey: randomUUID() });
    // Today's stamps were undone: two visits, NPS not due yet (from the 3rd).
    expect((await appError(answerSurvey(card.webToken, { kind: "NPS", score: 9 }, meta()))).messageKey).toBe("notDue");
    await setSurveys(m, { surveyNpsAfterVisits: 2 });
    await answerSurvey(card.webToken, { kind: "NPS", score: 9, comeBack: 10, tryOther: "6", comment: "  Top koffie, aardige mensen  " }, meta());
    expect(await answersOf(card.customerId)).toMatchObject([
      { kind: "NPS", score: 9, comeBack: 10, tryOther: 6, comment: "Top koffie, aardige mensen", locationId: m.location.id, membershipId: ownerMembershipId },
    ]);
  });

  it("ignores CLI answers sent while the program does not ask them", async () => {
    await setSurveys(m, { surveyCli: false });
    const card = await customerWithVisits(m, "Noor", [10, 5, 1]);
    await answerSurvey(card.webToken, { kind: "NPS", score: 7, comeBack: 3, tryOther: 2 }, meta());
    expect(await answersOf(card.customerId)).toMatchObject([{ kind: "NPS", score: 7, comeBack: null, tryOther: null }]);
  });

  it("refuses a second answer with 409 and stores nothing more — also when ten taps race", async () => {
    const card = await newCard(m, "Twee keer");
    await stampNow(card.serial);
    const taps = await Promise.allSettled([1, 2, 3, 4, 5, 1, 2, 3, 4, 5].map((score) => answerSurvey(card.webToken, { kind: "SATISFACTION", score }, meta())));
    expect(taps.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of taps.filter((x) => x.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409, messageKey: "alreadyAnswered" });
    const again = await appError(answerSurvey(card.webToken, { kind: "SATISFACTION", score: 5 }, meta()));
    expect([again.status, again.messageKey]).toEqual([409, "alreadyAnswered"]);
    expect(await answersOf(card.customerId)).toHaveLength(1);
  });

  it("refuses a question that is not asked now (409 notDue): off, no visit today, or another question due", async () => {
    const fresh = await newCard(m, "Nieuw");
    expect((await appError(answerSurvey(fresh.webToken, { kind: "SATISFACTION", score: 5 }, meta()))).messageKey).toBe("notDue");
    const regular = await customerWithVisits(m, "Vaste klant", [30, 20, 10]);
    await stampNow(regular.serial);
    // NPS is due (4 visits) and beats satisfaction.
    expect((await appError(answerSurvey(regular.webToken, { kind: "SATISFACTION", score: 5 }, meta()))).messageKey).toBe("notDue");
    await setSurveys(m, { surveySatisfaction: false, surveyNps: false });
    const e = await appError(answerSurvey(regular.webToken, { kind: "NPS", score: 8 }, meta()));
    expect([e.status, e.messageKey]).toEqual([409, "notDue"]);
    expect(await answersOf(regular.customerId)).toEqual([]);
    expect(await answersOf(fresh.customerId)).toEqual([]);
  });

  it("refuses bad scores with 422 and stores nothing", async () => {
    const card = await customerWithVisits(m, "Fout", [5, 4, 3]);
    await stampNow(card.serial);
    for (const [body, field] of [
      [{ kind: "NPS", score: 11 }, "score"],
      [{ kind: "NPS", score: -1 }, "score"],
      [{ kind: "NPS", score: "x" }, "score"],
      [{ kind: "NPS", score: 8, comeBack: 11 }, "comeBack"],
      [{ kind: "NPS", score: 8, comment: "a".repeat(1001) }, "comment"],
      [{ kind: "SATISFACTION", score: 0 }, "score"],
      [{ kind: "QUIZ", score: 3 }, "kind"],
      ["niet eens een object", "_form"],
    ] as const) {
      const e = await appError(answerSurvey(card.webToken, body, meta()));
      expect([e.status, Object.keys(e.fieldErrors ?? {})], JSON.stringify(body)).toEqual([422, [field]]);
    }
    expect(await answersOf(card.customerId)).toEqual([]);
  });

  it("answers 404 for an unknown token and for an erased card", async () => {
    expect((await appError(answerSurvey("no_such_token_0123456789", { kind: "NPS", score: 9 }, meta()))).status).toBe(404);
    expect((await appError(answerSurvey("../../etc", { kind: "NPS", score: 9 }, meta()))).status).toBe(404);
    const card = await customerWithVisits(m, "Weg", [3, 2, 1]);
    await eraseCustomer(card.webToken);
    expect((await appError(answerSurvey(card.webToken, { kind: "NPS", score: 9 }, meta()))).status).toBe(404);
    expect(await answersOf(card.customerId)).toEqual([]);
  });

  it("limits one card to 20 attempts an hour (429)", async () => {
    const card = await newCard(m, "Script");
    for (let i = 0; i < SURVEY_LIMITS.perCard.max; i++)
      expect((await appError(answerSurvey(card.webToken, { kind: "NPS", score: 99 }, meta()))).status).toBe(422);
    const e = await appError(answerSurvey(card.webToken, { kind: "NPS", score: 9 }, meta()));
    expect(e.status).toBe(429);
    expect(e.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("the customer's data", () => {
  it("the export holds their answers (with the shop's name); erasure deletes them", async () => {
    const card = await customerWithVisits(m, "Privé", [3, 2]);
    await stampNow(card.serial);
    await answerSurvey(card.webToken, { kind: "NPS", score: 6, comment: "Te druk" }, meta());
    const data = await exportCustomerData(card.webToken);
    expect(data.surveyAnswers).toEqual([
      { kind: "NPS", score: 6, comeBack: null, tryOther: null, comment: "Te druk", location: m.location.name, createdAt: expect.any(Date) },
    ]);
    expect(JSON.stringify(data)).not.toContain(t.memberId);

    await eraseCustomer(card.webToken);
    expect(await answersOf(card.customerId)).toEqual([]);
    expect(await personalDataLeft(m.org.id, card.customerId)).toBeNull();
  });

  it("personalDataLeft sees an answer as personal data", async () => {
    const card = await newCard(m, "");
    await db().customer.update({ where: { id: card.customerId }, data: { name: "" } });
    await db().surveyAnswer.create({ data: { organizationId: m.org.id, customerId: card.customerId, cardId: card.id, kind: "SATISFACTION", score: 3 } });
    expect(await personalDataLeft(m.org.id, card.customerId)).not.toBeNull();
  });
});

describe("tenant isolation", () => {
  it("a web token answers only for its own card: ids of another merchant in the body are ignored", async () => {
    await setSurveys(other);
    const mine = await customerWithVisits(m, "Van A", [4, 3, 2]);
    const theirs = await customerWithVisits(other, "Van B", [4, 3, 2]);
    await answerSurvey(
      mine.webToken,
      { kind: "NPS", score: 10, organizationId: other.org.id, customerId: theirs.customerId, cardId: theirs.id, locationId: other.location.id },
      meta(),
    );
    expect(await answersOf(mine.customerId)).toMatchObject([{ organizationId: m.org.id, cardId: mine.id, locationId: m.location.id }]);
    expect(await db().surveyAnswer.count({ where: { organizationId: other.org.id } })).toBe(0);
    // Pinned to A, B's card is not there at all (row-level security).
    const e = await appError(tenantDb({ orgId: m.org.id }).$transaction((tx) => surveyState(tx, theirs.id, new Date())));
    expect(e.status).toBe(404);
    // B's own token still answers for B.
    await answerSurvey(theirs.webToken, { kind: "NPS", score: 3 }, meta());
    expect(await answersOf(theirs.customerId)).toMatchObject([{ organizationId: other.org.id, score: 3, locationId: other.location.id }]);
  });
});

describe("POST /c/<token>/survey", () => {
  let peer = 0;
  const post = (token: string, body: string, contentType: string, headers: Record<string, string> = {}) =>
    surveyRoute.POST(
      new Request(`http://localhost/c/${token}/survey`, {
        method: "POST",
        body,
        headers: { "content-type": contentType, [PEER_HEADER]: `10.71.0.${++peer}`, ...headers },
      }),
      { params: Promise.resolve({ token }) },
    );
  const json = (token: string, value: unknown, headers?: Record<string, string>) => post(token, JSON.stringify(value), "application/json", headers);
  const form = (token: string, fields: Record<string, string>) => post(token, new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded");

  it("JSON: 201 on an answer; 422 with field errors and the message; 409 with a friendly message (nl, or en by cookie)", async () => {
    const card = await customerWithVisits(m, "Json", [9, 8, 7]);
    const bad = await json(card.webToken, { kind: "NPS", score: 12 });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: "VALIDATION", fieldErrors: { score: ["scoreRange"] }, text: nl.survey.errors.scoreRange });
    const good = await json(card.webToken, { kind: "NPS", score: 8, comeBack: 9, tryOther: 7 });
    expect(good.status).toBe(201);
    expect(await good.json()).toEqual({ ok: true, kind: "NPS" });
    const again = await json(card.webToken, { kind: "NPS", score: 8 }, { cookie: "NEXT_LOCALE=en" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: "CONFLICT", message: "alreadyAnswered", text: en.survey.errors.alreadyAnswered });
    expect((await json(card.webToken, {})).status).toBe(422);
    expect((await post(card.webToken, "{nope", "application/json")).status).toBe(400);
    expect((await json("no_such_token_0123456789", { kind: "NPS", score: 8 })).status).toBe(404);
    expect(await answersOf(card.customerId)).toHaveLength(1);
  });

  it("a plain form post (no JavaScript): 303 back to the card's thank-you; a refusal is a page with its 4xx and a way back", async () => {
    const card = await newCard(m, "Formulier");
    await stampNow(card.serial);
    const done = await form(card.webToken, { kind: "SATISFACTION", score: "5" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/c/${card.webToken}?vraag=bedankt#vraag`);
    const twice = await form(card.webToken, { kind: "SATISFACTION", score: "5" });
    expect(twice.status).toBe(409);
    expect(twice.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await twice.text();
    expect(page).toContain(nl.survey.errors.alreadyAnswered);
    expect(page).toContain(`href="/c/${card.webToken}?vraag=1#vraag"`);
    expect((await post(card.webToken, "kind=NPS", "text/plain")).status).toBe(415);
    const unknown = await form("no_such_token_0123456789", { kind: "NPS", score: "8" });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain("href=");
    expect(await answersOf(card.customerId)).toMatchObject([{ kind: "SATISFACTION", score: 5 }]);
  });

  it("'Niet nu' hides the due question on this card's path for a while, and stores nothing", async () => {
    const card = await customerWithVisits(m, "Later", [3, 2, 1]);
    const res = await form(card.webToken, { kind: "NPS", later: "1", score: "4" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/c/${card.webToken}`);
    expect(res.headers.get("set-cookie")).toBe(`${LATER_COOKIE}=NPS; Path=/c/${card.webToken}; Max-Age=604800; HttpOnly; SameSite=Lax`);
    const js = await json(card.webToken, { later: true });
    expect([js.status, await js.json()]).toEqual([200, { ok: true, later: true }]);
    expect(await answersOf(card.customerId)).toEqual([]);
  });
});

describe("the web card page", () => {
  async function page(token: string, vraag?: string) {
    const { GET } = await import("@/app/(customer)/c/[token]/route");
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const url = `https://stempel.example.nl/c/${token}${vraag ? `?vraag=${vraag}` : ""}`;
    return (await GET(new Request(url, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ token }) })).text();
  }
  /** Where the question sits: before or after the card itself. */
  const place = (html: string) => {
    const at = html.indexOf('id="vraag"');
    return at < 0 ? "none" : at < html.indexOf('data-testid="web-card"') ? "top" : "below";
  };
  beforeEach(() => jar.clear());

  it("shows the due question under the card, and on top when opened from the pass (?vraag=1)", async () => {
    const card = await newCard(m, "Pagina");
    expect(await page(card.webToken)).not.toContain('id="vraag"');
    await stampNow(card.serial);
    const html = await page(card.webToken);
    expect(html).toContain('data-kind="SATISFACTION"');
    expect(html).toContain(nl.survey.satisfaction.question);
    expect(place(html)).toBe("below");
    expect(place(await page(card.webToken, "1"))).toBe("top");
  });

  it("NPS with the CLI rows when due; after 'Niet nu' hidden, unless asked for from the pass", async () => {
    const card = await customerWithVisits(m, "Pagina NPS", [20, 10, 5]);
    expect(await page(card.webToken)).toContain('data-kind="NPS"');
    expect(await page(card.webToken)).toContain(nl.survey.nps.comeBack);
    jar.set(LATER_COOKIE, "NPS");
    expect(await page(card.webToken)).not.toContain('id="vraag"');
    expect(await page(card.webToken, "1")).toContain('data-kind="NPS"');
    // Put off satisfaction, not NPS: the NPS question still shows.
    jar.set(LATER_COOKIE, "SATISFACTION");
    expect(await page(card.webToken)).toContain('data-kind="NPS"');
  });

  it("thanks after a plain form post; from the pass with nothing due, says so", async () => {
    const card = await newCard(m, "Pagina klaar");
    expect(await page(card.webToken, "bedankt")).toContain('data-testid="survey-thanks"');
    const none = await page(card.webToken, "1");
    expect(none).toContain('data-testid="survey-none"');
    expect(none).toContain(nl.survey.nothingDue);
  });

  it("opening the card records Card.webOpenedAt", async () => {
    const card = await newCard(m, "Pagina open");
    await page(card.webToken);
    expect((await db().card.findUniqueOrThrow({ where: { id: card.id } })).webOpenedAt).toBeInstanceOf(Date);
  });
});

describe("around the question", () => {
  it("the pass links to the question (?vraag=1) when the program asks one, in both wallets", async () => {
    const card = await newCard(m, "Pas");
    const on = (await passByWebToken(card.webToken))!;
    expect(on.card.program.surveyOn).toBe(true);
    const view = passView(on.card, "https://stempel.example.nl");
    expect(view.back.find((f) => f.key === "survey")).toEqual({
      key: "survey",
      label: nl.pass.surveyLabel,
      value: `https://stempel.example.nl/c/${card.webToken}?vraag=1`,
    });
    expect(googleLayout(view).links.map((f) => f.key)).toEqual(["survey", "webcard", "privacy"]);
    expect(passView(on.card, "https://x", "en").back.find((f) => f.key === "survey")?.label).toBe(en.pass.surveyLabel);
    await setSurveys(m, { surveySatisfaction: false, surveyNps: false });
    const off = (await passByWebToken(card.webToken))!;
    expect(passView(off.card, "https://x").back.map((f) => f.key)).not.toContain("survey");
  });

  it("the card designer saves the five settings (a published card gets a new version for its passes)", async () => {
    const program = await db().cardProgram.findUniqueOrThrow({ where: { id: m.program.id } });
    const values = {
      ...designerValues(program, { name: program.name, rewardText: program.rewardText }),
      surveySatisfaction: "false",
      surveyNps: "true",
      surveyNpsAfterVisits: "5",
      surveyNpsEveryDays: "60",
      surveyCli: "true",
    } as DesignInput;
    const saved = await updateProgram(m.ctx("MANAGER"), program.id, values);
    expect(saved).toMatchObject({
      surveySatisfaction: false,
      surveyNps: true,
      surveyNpsAfterVisits: 5,
      surveyNpsEveryDays: 60,
      surveyCli: true,
      version: program.version + 1,
    });
    // CLI without NPS is stored off.
    const noNps = await updateProgram(m.ctx("MANAGER"), program.id, { ...values, surveyNps: "false" });
    expect(noNps).toMatchObject({ surveyNps: false, surveyCli: false });
    await expect(updateProgram(m.ctx("MANAGER"), program.id, { ...values, surveyNpsEveryDays: "3" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["surveyNpsEveryDays"] })],
    });
  });

  it("opening the card writes Card.webOpenedAt at most once an hour", async () => {
    const card = await newCard(m, "Opener");
    const at = new Date("2026-06-10T10:00:00Z");
    const openedAt = async () => (await db().card.findUniqueOrThrow({ where: { id: card.id } })).webOpenedAt;
    await markWebCardOpened(card, at);
    expect(await openedAt()).toEqual(at);
    await markWebCardOpened(card, new Date(at.getTime() + 59 * 60_000));
    expect(await openedAt()).toEqual(at);
    const later = new Date(at.getTime() + 61 * 60_000);
    await markWebCardOpened(card, later);
    expect(await openedAt()).toEqual(later);
    // Another merchant's id pins the wrong organization: nothing is written.
    await markWebCardOpened({ organizationId: other.org.id, id: card.id }, new Date(later.getTime() + 2 * 3600_000));
    expect(await openedAt()).toEqual(later);
  });
});
