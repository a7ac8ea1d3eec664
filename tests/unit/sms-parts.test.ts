// How many SMS parts a text costs (the composer's live count and what the SMS
// channel sends): GSM 03.38 texts 160 per SMS, 153 per part when split; any
// other character makes the whole text UCS-2: 70, 67 per part. Extension
// characters (€ [ ] { } | ^ ~ \) take two GSM places, emoji two UCS-2 places,
// and neither is split across two parts.
import { describe, expect, it } from "vitest";
import { fitSms } from "@/lib/messages/sms";
import { smsParts, TEXT_LIMITS } from "@/lib/validation/messages";

const gsm = (n: number) => "a".repeat(n);

describe("smsParts", () => {
  it("an empty text is no SMS", () => {
    expect(smsParts("")).toEqual({ parts: 0, perPart: 160, unicode: false });
  });

  it("GSM texts: 160 in one SMS, then parts of 153", () => {
    expect(smsParts(gsm(160))).toEqual({ parts: 1, perPart: 160, unicode: false });
    expect(smsParts(gsm(161))).toEqual({ parts: 2, perPart: 153, unicode: false });
    expect(smsParts(gsm(306))).toMatchObject({ parts: 2 });
    expect(smsParts(gsm(307))).toMatchObject({ parts: 3 });
  });

  it("Dutch with accents of the GSM alphabet stays GSM; ë, ï and ó make it Unicode", () => {
    expect(smsParts("Café Zoë").unicode).toBe(true);
    expect(smsParts("Café à la carte, ½ prijs?").unicode).toBe(true); // ½ is not GSM
    expect(smsParts("Gratis koffie bij je volgende bezoek! Tot 12:00 uur.").unicode).toBe(false);
    expect(smsParts("é è ü ä ö ñ à").unicode).toBe(false);
    expect(smsParts("Twee kopjes naïef")).toMatchObject({ unicode: true, perPart: 70 });
  });

  it("Unicode texts: 70 in one SMS, then parts of 67", () => {
    expect(smsParts(`ë${gsm(69)}`)).toEqual({ parts: 1, perPart: 70, unicode: true });
    expect(smsParts(`ë${gsm(70)}`)).toEqual({ parts: 2, perPart: 67, unicode: true });
    expect(smsParts(`ë${gsm(133)}`)).toMatchObject({ parts: 2 });
    expect(smsParts(`ë${gsm(134)}`)).toMatchObject({ parts: 3 });
  });

  it("€ and the other extension characters take two GSM places", () => {
    expect(smsParts(`${gsm(158)}€`)).toEqual({ parts: 1, perPart: 160, unicode: false });
    expect(smsParts(`${gsm(159)}€`)).toEqual({ parts: 2, perPart: 153, unicode: false });
    expect(smsParts("{}[]|^~\\€".repeat(9))).toMatchObject({ parts: 2, unicode: false }); // 162 places
  });

  it("an escape pair is not split across two parts", () => {
    // 152 letters then €: the € does not fit the first part's last place, so it starts the second
    // (306 places, which would be two parts if the pair could be split).
    expect(smsParts(`${gsm(152)}€${gsm(151)}`)).toMatchObject({ parts: 2 });
    expect(smsParts(`${gsm(152)}€${gsm(152)}`)).toMatchObject({ parts: 3 });
  });

  it("an emoji takes two UCS-2 places and is not split", () => {
    expect(smsParts(`${"☕".repeat(1)}${gsm(69)}`)).toMatchObject({ parts: 1 }); // ☕ is one UTF-16 unit
    expect(smsParts(`🎉${gsm(68)}`)).toEqual({ parts: 1, perPart: 70, unicode: true });
    expect(smsParts(`🎉${gsm(69)}`)).toEqual({ parts: 2, perPart: 67, unicode: true });
    expect(smsParts(`${gsm(66)}🎉${gsm(65)}`)).toMatchObject({ parts: 2 });
    expect(smsParts(`${gsm(66)}🎉${gsm(66)}`)).toMatchObject({ parts: 3 }); // 134 places, but the emoji is not split
  });

  it("line breaks are GSM characters", () => {
    expect(smsParts("Hoi!\nTot morgen.\r\n")).toMatchObject({ unicode: false, parts: 1 });
  });
});

describe("fitSms", () => {
  it("keeps a text of up to three parts as it is", () => {
    expect(fitSms(gsm(459))).toBe(gsm(459));
    expect(fitSms(`ë${gsm(200)}`)).toBe(`ë${gsm(200)}`);
  });

  it("cuts a longer text to three parts, ending in … (three dots in a GSM text, which … would make Unicode)", () => {
    const long = fitSms(gsm(600));
    expect(long).toBe(`${gsm(456)}...`);
    expect(smsParts(long).parts).toBe(TEXT_LIMITS.smsParts);
    const unicode = fitSms(`ë${gsm(400)}`);
    expect(unicode.endsWith("…")).toBe(true);
    expect(smsParts(unicode).parts).toBe(TEXT_LIMITS.smsParts);
    expect(fitSms("🎉".repeat(200)).endsWith("🎉…")).toBe(true);
  });
});
