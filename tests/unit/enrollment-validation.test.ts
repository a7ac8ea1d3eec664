import { describe, expect, it } from "vitest";
import { checkFormToken, issueFormToken, MAX_AGE_MS, MIN_AGE_MS } from "@/lib/enrollment/form-token";
import { enrollmentSchema, normalizePhone } from "@/lib/validation/enrollment";
import { ProgramDesignRequest } from "@/lib/validation/programs";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef";

describe("form token", () => {
  const program = "cmprogram0000000000000001";
  it("accepts a token submitted by a human, once it is a moment old", () => {
    const now = Date.now();
    const token = issueFormToken(program, now);
    expect(checkFormToken(token, program, now + 100)).toEqual({ ok: false, reason: "tooFast" });
    expect(checkFormToken(token, program, now + MIN_AGE_MS + 10)).toMatchObject({ ok: true });
    expect(checkFormToken(token, program, now + MAX_AGE_MS + 10)).toEqual({ ok: false, reason: "expired" });
  });

  it("rejects tampering and tokens for another program", () => {
    const now = Date.now() - 5000;
    const token = issueFormToken(program, now);
    const [p, , n, mac] = token.split(".");
    expect(checkFormToken(`${p}.${now + 4000}.${n}.${mac}`, program).ok).toBe(false);
    expect(checkFormToken(token, "cmprogram0000000000000002").ok).toBe(false);
    expect(checkFormToken("garbage", program).ok).toBe(false);
  });
});

describe("enrollment form schema", () => {
  const base = { token: "x".repeat(20), name: "Sanne", termsAccepted: "on" };

  it("follows the merchant's field choices", () => {
    const strict = enrollmentSchema({ email: "required", phone: "optional", birthday: "hidden", marketingConsent: false });
    const r = strict.safeParse({ ...base, birthday: "1990-01-01", marketingConsent: "on" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([["email", "emailRequired"]]);
    const ok = strict.parse({ ...base, email: "S@X.nl", birthday: "1990-01-01", marketingConsent: "on", phone: "" });
    expect(ok).toMatchObject({ email: "s@x.nl", phone: undefined, birthday: undefined, marketingConsent: false });
  });

  it("requires explicit consent to the card's terms and an empty honeypot", () => {
    const s = enrollmentSchema({ email: "hidden", phone: "hidden", birthday: "hidden", marketingConsent: true });
    expect(s.safeParse({ ...base, termsAccepted: undefined }).error!.issues[0].message).toBe("termsRequired");
    expect(s.safeParse({ ...base, website: "http://spam" }).error!.issues[0].message).toBe("botDetected");
    expect(s.parse({ ...base, source: "table_tent" }).source).toBe("TABLE_TENT");
    expect(s.parse({ ...base, source: "evil" }).source).toBe("POSTER");
  });

  it("normalises Dutch phone numbers", () => {
    expect(normalizePhone("06 12 34 56 78")).toBe("+31612345678");
    expect(normalizePhone("0031 6 12345678")).toBe("+31612345678");
    expect(normalizePhone("+32 470 12 34 56")).toBe("+32470123456");
    expect(normalizePhone("12345")).toBeNull();
  });
});

describe("program design schema", () => {
  const valid = {
    name: "Koffiekaart",
    stampsRequired: "10",
    rewardText: "Gratis koffie",
    backgroundColor: "#3B2A20",
    foregroundColor: "#ffffff",
    labelColor: "#f5d7a1",
    stampIcon: "coffee",
    marketingConsent: "true",
  };
  it("accepts the form's strings and normalises them", () => {
    expect(ProgramDesignRequest.parse({ ...valid, intermediateStamp: "" })).toMatchObject({
      stampsRequired: 10,
      backgroundColor: "#3b2a20",
      intermediateStamp: undefined,
      marketingConsent: true,
    });
  });
  it("keeps stamps within 2–30 and the intermediate reward before the goal", () => {
    const issues = (v: object) => ProgramDesignRequest.safeParse(v).error?.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(issues({ ...valid, stampsRequired: "31" })).toEqual(["stampsRequired:stampsRange"]);
    expect(issues({ ...valid, intermediateStamp: "10", intermediateRewardText: "Koekje" })).toEqual(["intermediateStamp:intermediateRange"]);
    expect(issues({ ...valid, intermediateStamp: "5" })).toEqual(["intermediateRewardText:intermediateRewardRequired"]);
    expect(issues({ ...valid, backgroundColor: "red" })).toEqual(["backgroundColor:colorInvalid"]);
  });
});
