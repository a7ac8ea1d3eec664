// Issue 15: the campaign composer's pure parts (components/messages/compose.ts):
// live counts per channel on the text as a customer reads it, inserting a
// placeholder at the cursor, the form's values as CampaignInput (nothing typed
// is lost, errors land on the right field), deliverability sums, the holdout
// comparison and saved filters as customer-list links.
import { describe, expect, it } from "vitest";
import {
  campaignInput,
  clip,
  compareVisits,
  composerField,
  insertAt,
  MIN_GROUP,
  reachSums,
  sampleVars,
  savedFilterQuery,
  textCounts,
  messageListHref,
  type ComposerValues,
} from "@/components/messages/compose";
import { activeTab } from "@/components/messages/campaign-tabs";
import { progressParts } from "@/components/messages/status";
import { validate } from "@/lib/actions/validate";
import { CampaignInput, TEXT_LIMITS } from "@/lib/validation/messages";

const vars = sampleVars("een gratis koffie", 10);

const values = (over: Partial<ComposerValues> = {}): ComposerValues => ({
  name: "Herfstactie",
  titleNl: "Nieuw: pompoentaart",
  bodyNl: "Hoi {naam}, kom proeven!",
  english: false,
  titleEn: "",
  bodyEn: "",
  link: "",
  bonus: false,
  bonusStamps: "1",
  bonusUntilDay: "",
  audience: { kind: "all" },
  holdout: false,
  holdoutPercent: "10",
  when: "now",
  scheduleDay: "2026-12-01",
  scheduleTime: "10:00",
  ...over,
});

describe("textCounts", () => {
  it("counts the text as the sample customer reads it (placeholders filled in)", () => {
    const c = textCounts("Hoi {naam}", "Nog {nog} tot {beloning}", vars);
    expect(vars).toMatchObject({ name: "Sanne de Vries", stamps: 7, toGo: 3 });
    expect(c.title).toEqual({ used: "Hoi Sanne".length, max: TEXT_LIMITS.title, over: false });
    expect(c.apple.used).toBe("Nog 3 tot een gratis koffie".length);
  });

  it("flags each channel's limit separately: Apple at 150, Google at 300, the body at 500", () => {
    const c = textCounts("T", "a".repeat(200), vars);
    expect([c.apple.over, c.google.over, c.body.over]).toEqual([true, false, false]);
    const d = textCounts("T", "a".repeat(301), vars);
    expect([d.apple.over, d.google.over, d.body.over]).toEqual([true, true, false]);
    expect(textCounts("T", "a".repeat(501), vars).body).toEqual({ used: 501, max: 500, over: true });
    expect(textCounts("x".repeat(41), "b", vars).title.over).toBe(true);
  });

  it("counts SMS parts on 'title: body', GSM-7 or Unicode", () => {
    expect(textCounts("", "", vars).sms).toMatchObject({ parts: 0, over: false });
    expect(textCounts("Actie", "a".repeat(150), vars).sms).toMatchObject({ parts: 1, unicode: false });
    expect(textCounts("Actie", "a".repeat(160), vars).sms).toMatchObject({ parts: 2, unicode: false });
    // ë is not in GSM-7: the whole text goes as Unicode, 70 per SMS.
    expect(textCounts("Ideeën", "a".repeat(70), vars).sms).toMatchObject({ parts: 2, unicode: true });
    expect(textCounts("T", "a".repeat(153 * 3 + 10), vars).sms.over).toBe(true);
  });
});

it("clip cuts a body where a channel does, with an ellipsis", () => {
  expect(clip("kort", 10)).toBe("kort");
  const cut = clip("a".repeat(200), TEXT_LIMITS.apple);
  expect([...cut].length).toBe(TEXT_LIMITS.apple);
  expect(cut.endsWith("…")).toBe(true);
});

it("insertAt puts a placeholder at the cursor with spaces where words would touch", () => {
  expect(insertAt("Hoi!", "{naam}", 3)).toEqual({ text: "Hoi {naam}!", cursor: 10 });
  expect(insertAt("", "{naam}")).toEqual({ text: "{naam}", cursor: 6 });
  expect(insertAt("Hoi ", "{naam}")).toEqual({ text: "Hoi {naam}", cursor: 10 });
  expect(insertAt("Hoi XX daar", "{naam}", 4, 6)).toEqual({ text: "Hoi {naam} daar", cursor: 10 });
});

describe("campaignInput", () => {
  it("sends what the merchant chose: no English, no bonus, no holdout, now", () => {
    const checked = validate(CampaignInput, campaignInput(values()));
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.data).toMatchObject({ titleEn: null, bodyEn: null, link: null, bonusStamps: 0, holdoutPercent: 0, scheduleAt: undefined });
  });

  it("carries English, bonus, holdout and a local schedule when switched on", () => {
    const input = campaignInput(
      values({ english: true, titleEn: "New", bodyEn: "Hi {name}", bonus: true, bonusStamps: "2", bonusUntilDay: "2026-12-07", holdout: true, when: "later" }),
    );
    expect(input).toMatchObject({
      titleEn: "New",
      bodyEn: "Hi {name}",
      bonusStamps: "2",
      bonusUntilDay: "2026-12-07",
      holdoutPercent: "10",
      scheduleAt: "2026-12-01T10:00",
    });
    expect(validate(CampaignInput, input).ok).toBe(true);
  });

  it("English typed and then switched off is not sent (and stays in the form)", () => {
    const v = values({ english: false, titleEn: "kept", bodyEn: "kept" });
    expect(campaignInput(v)).toMatchObject({ titleEn: undefined, bodyEn: undefined });
    expect(v.titleEn).toBe("kept");
  });

  it("puts each schema error on the composer's own field", () => {
    const checked = validate(
      CampaignInput,
      campaignInput(
        values({ titleNl: "", bonus: true, bonusUntilDay: "", when: "later", scheduleDay: "", link: "http://x", audience: { kind: "tag", value: "" } }),
      ),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const fields = Object.keys(checked.fieldErrors ?? {}).map(composerField);
    expect(fields).toEqual(expect.arrayContaining(["titleNl", "bonusUntilDay", "scheduleDay", "link", "audience"]));
  });
});

it("reachSums: recipients are every channel bucket; consent and cap are left out; none is unreachable", () => {
  const r = { total: 100, noConsent: 10, capped: 5, apple: 30, googleNotify: 20, googleSilent: 5, email: 15, sms: 0, web: 10, none: 5 };
  expect(reachSums(r)).toEqual({ recipients: 80, leftOut: 15, unreachable: 5 });
  const s = reachSums(r);
  expect(s.recipients + s.leftOut + s.unreachable).toBe(r.total);
});

it("compareVisits: rates in whole percentages, the difference in points, enough only from MIN_GROUP in both groups", () => {
  expect(compareVisits({ n: 100, visited: 40 }, { n: 50, visited: 15 })).toEqual({ recipientsRate: 40, holdoutRate: 30, difference: 10, enough: true });
  expect(compareVisits({ n: 100, visited: 40 }, { n: MIN_GROUP - 1, visited: 5 }).enough).toBe(false);
  expect(compareVisits({ n: 0, visited: 0 }, { n: 0, visited: 0 })).toMatchObject({ recipientsRate: null, difference: null, enough: false });
});

it("the progress bar splits the never-sent into unreachable and skipped (no consent, over the cap)", () => {
  const p = { status: "SENDING" as const, total: 20, queued: 4, delivered: 8, silent: 1, failed: 1, unreachable: 5, noConsent: 2, capped: 1, holdout: 1 };
  expect(progressParts(p)).toEqual({ delivered: 8, silent: 1, failed: 1, unreachable: 2, skipped: 3, queued: 4 });
});

it("a saved filter becomes a customer-list link; unknown fields are dropped", () => {
  expect(savedFilterQuery({ tag: "VIP", segment: "AT_RISK", evil: "x", page: 4 })).toBe("tag=VIP&segment=AT_RISK");
  expect(savedFilterQuery(null)).toBe("");
  expect(messageListHref("tag=VIP&segment=AT_RISK")).toBe("/dashboard/campaigns/new?audience=filter&filter=tag%3DVIP%26segment%3DAT_RISK");
});

it("the Berichten tabs: automations and referrals by prefix, the rest is Berichten", () => {
  expect(activeTab("/dashboard/campaigns")).toBe("campaigns");
  expect(activeTab("/dashboard/campaigns/new")).toBe("campaigns");
  expect(activeTab("/dashboard/campaigns/automations")).toBe("automations");
  expect(activeTab("/dashboard/campaigns/referrals/x")).toBe("referrals");
  expect(activeTab("/dashboard/campaigns/automationsx")).toBe("campaigns");
});
