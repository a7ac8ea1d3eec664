import { describe, expect, it } from "vitest";
import { checkRows, parseConsent, parseDate } from "@/lib/customers/import/check-rows";
import { guessMapping } from "@/lib/customers/import/fields";

describe("guessMapping", () => {
  it("recognises Dutch headers", () => {
    expect(guessMapping(["Naam", "E-mail", "Telefoon", "Geboortedatum", "Stempels", "Beloningen", "Klant sinds", "Toestemming", "Klantnummer"])).toEqual({
      name: 0,
      email: 1,
      phone: 2,
      birthday: 3,
      stamps: 4,
      rewards: 5,
      joinedAt: 6,
      consent: 7,
      externalId: 8,
    });
  });

  it("recognises English headers, case, accents and spacing aside", () => {
    expect(
      guessMapping([
        " Customer ID",
        "Full name",
        "EMAIL ADDRESS",
        "Mobile",
        "Date of birth",
        "Current stamps",
        "Rewards waiting",
        "Joined",
        "Marketing consent",
      ]),
    ).toEqual({
      externalId: 0,
      name: 1,
      email: 2,
      phone: 3,
      birthday: 4,
      stamps: 5,
      rewards: 6,
      joinedAt: 7,
      consent: 8,
    });
  });

  it("joins first and last name columns only when there is no full name, and leaves unknown columns alone", () => {
    expect(guessMapping(["Voornaam", "Achternaam", "Opmerking"])).toEqual({ name: 0 });
    expect(guessMapping(["Kleur", "Lievelingskoffie"])).toEqual({});
  });

  it("gives each column to one field at most", () => {
    const m = guessMapping(["Naam", "Naam", "E-mail"]);
    expect(m).toEqual({ name: 0, email: 2 });
  });
});

describe("parseDate", () => {
  it("reads Dutch and ISO dates", () => {
    for (const s of ["31-12-2024", "31/12/2024", "2024-12-31", "31.12.2024", " 31-12-2024 "])
      expect(parseDate(s)?.toISOString().slice(0, 10)).toBe("2024-12-31");
    expect(parseDate("1-2-2024")?.toISOString().slice(0, 10)).toBe("2024-02-01");
  });
  it("refuses impossible dates", () => {
    for (const s of ["31-02-2024", "2024-13-01", "12/31/2024", "gisteren", "31-12-24"]) expect(parseDate(s)).toBeNull();
  });
});

describe("parseConsent", () => {
  it("reads yes and no in both languages", () => {
    for (const s of ["ja", "Ja", "yes", "true", "1", "x", "waar"]) expect(parseConsent(s)).toBe(true);
    for (const s of ["nee", "no", "false", "0", "", "onwaar"]) expect(parseConsent(s)).toBe(false);
    expect(parseConsent("misschien")).toBeNull();
  });
});

describe("checkRows", () => {
  const mapping = { name: 0, email: 1, phone: 2, birthday: 3, stamps: 4, rewards: 5, joinedAt: 6, consent: 7 };
  const rows = [
    ["Anna de Vries", "Anna@Example.nl", "06 1234 5678", "31-12-1990", "4", "1", "2024-01-15", "ja"],
    ["Bram", "geen-email", "", "", "2", "", "", ""],
    ["Chris", "chris@example.nl", "", "30-02-1990", "", "", "", ""],
    ["Dirk", "dirk@example.nl", "", "", "-3", "", "", ""],
    ["Eva", "anna@example.nl", "", "", "1", "", "", ""],
    ["", "fien@example.nl", "", "", "", "", "", ""],
    ["Gijs", "", "", "", "", "", "", ""],
    ["Hanna", "hanna@example.nl", "", "", "12", "", "", "misschien"],
  ];
  const checked = checkRows(rows, mapping, { stampsRequired: 10, firstRow: 2 });

  it("stores valid rows normalised", () => {
    expect(checked.valid).toHaveLength(1);
    expect(checked.valid[0]).toMatchObject({
      row: 2,
      name: "Anna de Vries",
      email: "anna@example.nl",
      phone: "+31612345678",
      stamps: 4,
      rewards: 1,
      consent: true,
    });
    expect(checked.valid[0].birthday?.toISOString().slice(0, 10)).toBe("1990-12-31");
    expect(checked.valid[0].joinedAt?.toISOString().slice(0, 10)).toBe("2024-01-15");
  });

  it("reports every bad row with its line and field", () => {
    const codes = checked.errors.map((e) => [e.row, e.field, e.code]);
    expect(codes).toEqual([
      [3, "email", "emailInvalid"],
      [4, "birthday", "dateInvalid"],
      [5, "stamps", "numberInvalid"],
      [6, "email", "duplicateInFile"],
      [7, "name", "nameRequired"],
      [8, null, "contactRequired"],
      [9, "consent", "consentInvalid"],
    ]);
    expect(checked.errors.find((e) => e.code === "duplicateInFile")?.value).toBe("anna@example.nl");
  });

  it("turns full cards into rewards", () => {
    const r = checkRows([["Ivo", "ivo@example.nl", "", "", "23", "1", "", ""]], mapping, { stampsRequired: 10, firstRow: 2 });
    expect(r.valid[0]).toMatchObject({ stamps: 3, rewards: 3 });
  });
});
