/** The auto-escaping template the HTML report is written with. */
import { join, lines, markup, raw, SafeHtml } from "../../src/report/html-template.js";

describe("markup`…`", () => {
  it("escapes every interpolated string, in text and in attributes", () => {
    const evil = `"><script>alert('x')</script>&`;
    const out = markup`<a title="${evil}">${evil}</a>`.markup;
    expect(out).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>',
    );
    expect(out).not.toContain("<script>");
  });

  it("inserts nested markup as it is, and only that", () => {
    const inner = markup`<b>${"<i>"}</b>`;
    expect(markup`<p>${inner}</p>`.markup).toBe("<p><b>&lt;i&gt;</b></p>");
    // A string that looks like markup is still text.
    expect(markup`<p>${"<b>x</b>"}</p>`.markup).toBe("<p>&lt;b&gt;x&lt;/b&gt;</p>");
    expect(markup`<p>${raw("<br>")}</p>`.markup).toBe("<p><br></p>");
  });

  it("renders arrays item by item, numbers as text, and nothing for null, undefined and false", () => {
    expect(markup`${["<", markup`<hr>`, 3]}`.markup).toBe("&lt;<hr>3");
    expect(markup`[${null}${undefined}${false}]`.markup).toBe("[]");
  });

  it("drops control characters and keeps line breaks where asked", () => {
    expect(markup`${"a\u0000b\u001b[31m"}`.markup).toBe("ab[31m");
    expect(lines("one\r\ntwo <x>\nthree").markup).toBe("one<br>two &lt;x&gt;<br>three");
    expect(join(["a", "<b>"], markup`<br>`)).toBeInstanceOf(SafeHtml);
    expect(join(["a", "<b>"], ", ").markup).toBe("a, &lt;b&gt;");
  });
});
