import { describe, expect, it } from "vitest";
import { validate } from "@/lib/actions/validate";
import { normalizePostcode } from "@/lib/validation/address";
import { SignUpRequest } from "@/lib/validation/auth";

describe("normalizePostcode", () => {
  it.each([
    ["1234 AB", "1234 AB"],
    ["1234AB", "1234 AB"],
    ["1234ab", "1234 AB"],
    [" 1234  ab ", "1234 AB"],
    ["1234-Ab", "1234 AB"],
    ["9999\tzz", "9999 ZZ"],
  ])("%j → %j", (raw, written) => expect(normalizePostcode(raw)).toBe(written));

  it.each(["", "1234", "1234 A", "1234 ABC", "0123 AB", "12345 AB", "123 AB", "AB 1234", "1234 A1", "1234 SA", "1234 sd", "1234 SS", "1234 ÄB"])(
    "refuses %j",
    (raw) => expect(normalizePostcode(raw)).toBeNull(),
  );
});

describe("the sign-up schema, as the browser and then the server run it", () => {
  const form = {
    name: "Anna",
    businessName: "Bakkerij Anna",
    street: "Dorpsstraat 12",
    postcode: "1234ab",
    city: " Utrecht ",
    email: "Anna@Bakkerij.nl",
    password: "lang-genoeg-12",
    dpaAccepted: "on",
  };

  it("normalises what was typed, and its own output passes again unchanged (the server re-parses what the browser sent)", () => {
    const browser = validate(SignUpRequest, form);
    expect(browser).toEqual({
      ok: true,
      data: expect.objectContaining({ postcode: "1234 AB", city: "Utrecht", email: "anna@bakkerij.nl", dpaAccepted: true }),
    });
    if (!browser.ok) return;
    expect(SignUpRequest.parse(browser.data)).toEqual(browser.data);
  });

  it("an unticked box is absent from form data and refused with its own key", () => {
    const { dpaAccepted: _, ...unticked } = form;
    expect(validate(SignUpRequest, unticked)).toEqual({ ok: false, error: "validation.VALIDATION", fieldErrors: { dpaAccepted: ["dpaRequired"] } });
  });

  it.each([
    ["Dorpsstraat 12", true],
    ["1e Jan Steenstraat 5-hs", true],
    ["Plein 1944 3a", true],
    ["Dorpsstraat", false],
    ["12", false],
  ])("street %j valid: %s", (street, ok) => expect(validate(SignUpRequest, { ...form, street }).ok).toBe(ok));
});
