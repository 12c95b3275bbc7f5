import { describe, expect, it } from "vitest";
import { escapeHtml, html, paragraphs, raw } from "../../src/web/html";

describe("HTML from people's words", () => {
  it("escapes every interpolated value unless it is markup built here", () => {
    const hostile = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
    expect(html`<div>${raw("<b>ok</b>")}${[html`<i>${"<"}</i>`, false, null]}</div>`.value).toBe(
      "<div><b>ok</b><i>&lt;</i></div>",
    );
    expect(escapeHtml("a&b")).toBe("a&amp;b");
  });

  it("turns plain text into paragraphs and line breaks, escaped", () => {
    expect(paragraphs("Hi <b>Mei</b>,\nthanks.\n\n\nBye").value).toBe(
      "<p>Hi &lt;b&gt;Mei&lt;/b&gt;,<br>thanks.</p><p>Bye</p>",
    );
  });
});
