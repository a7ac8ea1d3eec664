import { describe, expect, it } from "vitest";
import { html, raw } from "@/lib/html/html";

describe("html", () => {
  it("escapes every interpolated value", () => {
    const name = `<script>alert("x")</script>&'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>',
    );
  });
  it("keeps nested Html and raw markup, drops empty values", () => {
    expect(html`<ul>${["a", "b"].map((x) => html`<li>${x}</li>`)}${false}${null}</ul>${raw("<br>")}`.value).toBe("<ul><li>a</li><li>b</li></ul><br>");
  });
});
