// lib/audit's pure parts: what an edit changed (never a secret), the browser in a
// few words, and "from where" read from the request headers of a server action.
import { describe, expect, it, vi } from "vitest";
import { diff, stripSecrets } from "@/lib/audit/diff";
import { browserSummary } from "@/lib/audit/user-agent";

const headers = new Map<string, string>();
vi.mock("next/headers", () => ({
  headers: async () => {
    if (!headers.size) throw new Error("`headers` was called outside a request scope");
    return { get: (n: string) => headers.get(n) ?? null };
  },
}));

describe("diff", () => {
  it("keeps only the changed fields, nested objects field by field", () => {
    expect(
      diff(
        { name: "A", color: "#fff", form: { email: "required", phone: "hidden" } },
        { name: "B", color: "#fff", form: { email: "required", phone: "optional" } },
      ),
    ).toEqual({
      before: { name: "A", form: { phone: "hidden" } },
      after: { name: "B", form: { phone: "optional" } },
    });
    expect(diff({ name: "A" }, { name: "A" })).toBeNull();
    expect(diff({ at: new Date("2026-01-01T00:00:00Z") }, { at: new Date("2026-01-02T00:00:00Z") })).toEqual({
      before: { at: "2026-01-01T00:00:00.000Z" },
      after: { at: "2026-01-02T00:00:00.000Z" },
    });
  });

  it("never keeps a secret, at any depth", () => {
    const change = diff({ pinHash: "a", secret: "s1", url: "x" }, { pinHash: "b", secret: "s2", url: "y" });
    expect(change).toEqual({ before: { url: "x" }, after: { url: "y" } });
    expect(stripSecrets({ a: { password: "p", authToken: "t", tokenHash: "h", pin: "1234", name: "n" } })).toEqual({ a: { name: "n" } });
  });
});

describe("browserSummary", () => {
  it("names the browser and the system", () => {
    expect(browserSummary("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")).toBe(
      "Chrome · Windows",
    );
    expect(
      browserSummary("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"),
    ).toBe("Safari · iOS");
    expect(browserSummary("curl/8.5.0")).toBe("curl");
    expect(browserSummary(null)).toBeNull();
  });
});

describe("recordAudit's origin", () => {
  const tx = () => {
    const rows: Record<string, unknown>[] = [];
    return { rows, tx: { auditEvent: { create: async ({ data }: { data: Record<string, unknown> }) => void rows.push(data) } } as never };
  };
  const actor = { orgId: "org1234567890", userId: "u1" };

  it("reads the address and browser of the request it runs in", async () => {
    const { recordAudit } = await import("@/lib/audit/audit");
    headers.set("x-stempel-peer", "203.0.113.9").set("user-agent", "Firefox/130.0");
    const { rows, tx: t } = tx();
    await recordAudit(t, actor, { action: "program.create", subjectType: "program", details: { name: "Kaart", secret: "nee" } });
    expect(rows[0]).toMatchObject({ ip: "203.0.113.9", userAgent: "Firefox/130.0", actorApiKeyId: null, details: { name: "Kaart" } });
    headers.clear();
  });

  it("leaves it empty outside a request, and an explicit origin wins", async () => {
    const { recordAudit, withAuditOrigin } = await import("@/lib/audit/audit");
    const { rows, tx: t } = tx();
    await recordAudit(t, actor, { action: "program.create", subjectType: "program" });
    await withAuditOrigin({ ip: "192.0.2.1", apiKeyId: "key1" }, () => recordAudit(t, actor, { action: "program.create", subjectType: "program" }));
    expect(rows.map((r) => [r.ip, r.actorApiKeyId])).toEqual([
      [null, null],
      ["192.0.2.1", "key1"],
    ]);
  });
});
