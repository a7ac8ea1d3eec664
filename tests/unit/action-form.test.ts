// useActionForm's rule: a failed action always shows a message, unless each
// error is already shown beside its own input.
import { describe, expect, it } from "vitest";
import { failureMessage } from "@/components/forms/use-action-form";

describe("failureMessage", () => {
  it("shows an error without field errors as is", () => {
    expect(failureMessage("errors.RATE_LIMITED", {}, ["email"])).toBe("errors.RATE_LIMITED");
  });

  it("stays quiet when every field error has its own input", () => {
    expect(failureMessage("validation.VALIDATION", { email: ["emailInvalid"] }, ["email", "password"])).toBeNull();
  });

  it("says 'check the marked fields' on long forms", () => {
    expect(failureMessage("validation.VALIDATION", { email: ["emailInvalid"] }, ["email"], true)).toBe("validation.VALIDATION");
  });

  it("shows an error for a field the form does not show (a hidden token, a root issue, a one-line form)", () => {
    expect(failureMessage("validation.VALIDATION", { password: ["passwordTooShort"], token: ["tokenInvalid"] }, ["password"])).toBe("validation.tokenInvalid");
    expect(failureMessage("validation.VALIDATION", { _form: ["invalid"] }, ["email"], true)).toBe("validation.invalid");
    expect(failureMessage("validation.VALIDATION", { pin: ["pinTaken"] }, [])).toBe("validation.pinTaken");
  });
});
