import { describe, expect, it } from "vitest";
import { newSerial } from "@/lib/cards/identifiers";
import { CardActionRequest, SERIAL_FORMAT as STAMPING_SERIAL_FORMAT } from "@/lib/validation/stamping";
import { normalizeSerial, Serial, SERIAL_ALPHABET, SERIAL_FORMAT, serialFragments, SerialInput } from "@/lib/validation/serial";
import { CardSerial } from "@/lib/validation/wallet";

const action = (serial: string) => CardActionRequest.safeParse({ kind: "undo", serial, idempotencyKey: "key-12345678" });

describe("the card number, defined once", () => {
  it("generates only printed-form serials, never with 0/O, 1/I or L", () => {
    expect(SERIAL_ALPHABET).not.toMatch(/[01OIL]/);
    for (let i = 0; i < 2000; i++) {
      const s = newSerial();
      expect(s).toMatch(/^[^-]{4}-[^-]{4}-[^-]{2}$/);
      expect(s).not.toMatch(/[01OIL]/);
      expect(Serial.safeParse(s).success).toBe(true);
    }
  });

  it("normalizes what people type: any case, spaces, missing or extra dashes", () => {
    for (const typed of ["K7QM-2XHD-9P", "k7qm-2xhd-9p", "k7qm2xhd9p", " K7QM 2XHD 9P ", "k7 qm2x-hd9p", "K7QM--2XHD-9P"]) {
      expect(normalizeSerial(typed), typed).toBe("K7QM-2XHD-9P");
    }
  });

  it("refuses look-alike characters and wrong lengths instead of guessing", () => {
    for (const bad of ["K7QL-2XHD-9P", "K7QO-2XHD-9P", "K7Q0-2XHD-9P", "K7Q1-2XHD-9P", "K7QI-2XHD-9P", "K7QM-2XHD-9", "K7QM-2XHD-9PP", "K7QM_2XHD_9P", ""]) {
      expect(normalizeSerial(bad), bad).toBeNull();
      expect(SerialInput.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("is the same format for the tablet's actions, its scanner and Apple's web service", () => {
    expect(STAMPING_SERIAL_FORMAT).toBe(SERIAL_FORMAT);
    expect(action("k7qm 2xhd 9p")).toMatchObject({ success: true, data: { serial: "K7QM-2XHD-9P" } });
    expect(action("K7QL-2XHD-9P").error?.issues).toMatchObject([{ path: ["serial"], message: "serialInvalid" }]);
    // Apple sends back exactly what the pass holds: only the printed form.
    expect(CardSerial.safeParse("K7QM-2XHD-9P").success).toBe(true);
    for (const s of ["k7qm-2xhd-9p", "K7QM2XHD9P", "K7QL-2XHD-9P", "AAAA-AAAA-A0"]) expect(CardSerial.safeParse(s).success, s).toBe(false);
    // The scanner finds the number inside a URL.
    expect("HTTPS://STEMPEL.NL/C/K7QM-2XHD-9P?X=1".match(SERIAL_FORMAT)?.[0]).toBe("K7QM-2XHD-9P");
  });
});

describe("searching by part of a card number", () => {
  it("finds every piece of a serial (a group or longer), typed with or without its dashes", () => {
    for (let n = 0; n < 200; n++) {
      const printed = newSerial();
      const chars = printed.replaceAll("-", "");
      for (let len = 4; len <= 10; len++) {
        for (let start = 0; start + len <= 10; start++) {
          const typed = chars.slice(start, start + len).toLowerCase();
          expect(
            serialFragments(typed).some((f) => printed.includes(f)),
            `${typed} in ${printed}`,
          ).toBe(true);
        }
      }
    }
  });

  it("puts the dashes where each position has them", () => {
    expect(serialFragments("qm2x").sort()).toEqual(["Q-M2X", "QM-2X", "QM2-X", "QM2X"]);
    expect(serialFragments("QM-2X")).toContain("QM-2X");
    expect(serialFragments("2xhd9p")).toContain("2XHD-9P");
    expect(serialFragments("k7qm2xhd9p")).toEqual(["K7QM-2XHD-9P"]);
  });

  it("does not treat short or impossible text as a serial (a name like Femke may be one: the search also looks at names)", () => {
    for (const q of ["k7q", "Sofie", "06 1122", "K7QM-2XHD-9PX", "zoeken"]) expect(serialFragments(q), q).toEqual([]);
  });
});
