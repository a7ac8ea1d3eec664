import { describe, expect, it } from "vitest";
import { validate } from "@/lib/actions/validate";
import { SignUpRequest } from "@/lib/validation/auth";
import { en, nl } from "@/lib/i18n/messages";

describe("SignUpRequest", () => {
  it("normalises email and trims names", () => {
    const shop = { street: " Dorpsstraat 1 ", postcode: "1234ab", city: " Utrecht ", dpaAccepted: "on" };
    const r = SignUpRequest.parse({ name: " Anna ", email: " Anna@Zaak.NL ", password: "0123456789", businessName: " Bakkerij Anna ", ...shop });
    expect(r).toEqual({
      name: "Anna",
      email: "anna@zaak.nl",
      password: "0123456789",
      businessName: "Bakkerij Anna",
      street: "Dorpsstraat 1",
      postcode: "1234 AB",
      city: "Utrecht",
      dpaAccepted: true,
    });
  });

  it("reports every bad field with a message key that exists in nl and en", () => {
    const r = validate(SignUpRequest, { name: "", email: "nope", password: "short", businessName: "x", street: "Dorpsstraat", postcode: "12345", city: "" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["businessName", "city", "dpaAccepted", "email", "name", "password", "postcode", "street"]);
    for (const [, [key]] of Object.entries(r.fieldErrors!)) {
      expect(nl.validation).toHaveProperty(key);
      expect(en.validation).toHaveProperty(key);
    }
  });
});

describe("message files", () => {
  const keys = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
  it("nl and en have the same keys", () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });
});
