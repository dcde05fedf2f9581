import { parseDocument } from "yaml";
import type { Document } from "yaml";
import { rewriteYaml } from "../../src/review/rewrite.js";

/** Parse `source`, let `edit` change a copy, and render the copy. */
function edit(source: string, change: (doc: Document) => void) {
  const before = parseDocument(source);
  const after = before.clone();
  change(after);
  return rewriteYaml(source, before, after);
}

describe("rewriteYaml keeps untouched text byte for byte", () => {
  test("four-space indentation, unindented lists and odd spacing survive", () => {
    const source = [
      "apiVersion:   preclear/v1   # spaced out",
      "stakeholders:",
      "    usms:",
      "        items:",
      "            transport:",
      "                status:    open",
      "history:",
      "- at: 2018-03-20T14:02:11Z",
      "  actor: jroe",
      "",
    ].join("\n");
    const result = edit(source, (doc) => {
      doc.setIn(
        ["stakeholders", "usms", "items", "transport", "status"],
        doc.createNode("satisfied"),
      );
      doc.setIn(["stakeholders", "usms", "items", "transport", "contact"], doc.createNode("Ops"));
      doc.addIn(["history"], doc.createNode({ at: "2018-04-01T00:00:00Z", actor: "b" }));
    });
    expect(result).toEqual({
      preserved: true,
      text: [
        "apiVersion:   preclear/v1   # spaced out",
        "stakeholders:",
        "    usms:",
        "        items:",
        "            transport:",
        "                status:    satisfied",
        "                contact: Ops",
        "history:",
        "- at: 2018-03-20T14:02:11Z",
        "  actor: jroe",
        "- at: 2018-04-01T00:00:00Z",
        "  actor: b",
        "",
      ].join("\n"),
    });
  });

  test("CRLF line endings are kept, and used for new lines", () => {
    const source = "kind: Review\r\nfacts:\r\n  custody: both\r\n";
    const result = edit(source, (doc) => doc.setIn(["facts", "volume"], doc.createNode(3000)));
    expect(result.text).toBe("kind: Review\r\nfacts:\r\n  custody: both\r\n  volume: 3000\r\n");
  });

  test("a file without a final newline gets new keys on a new line", () => {
    const result = edit("kind: Review\nfacts:\n  custody: both", (doc) =>
      doc.setIn(["facts", "volume"], doc.createNode(3000)),
    );
    expect(result.text).toBe("kind: Review\nfacts:\n  custody: both\n  volume: 3000\n");
  });

  test("a JSON review stays JSON", () => {
    const source = '{\n  "kind": "Review",\n  "facts": {"custody": "both"}\n}\n';
    const result = edit(source, (doc) => {
      doc.setIn(["facts", "custody"], doc.createNode("none"));
      doc.setIn(["draft"], doc.createNode("memo"));
    });
    expect(result.text).toBe(
      '{\n  "kind": "Review",\n  "facts": {"custody": "none"},\n  "draft": "memo"\n}\n',
    );
    expect(JSON.parse(result.text)).toEqual({
      kind: "Review",
      facts: { custody: "none" },
      draft: "memo",
    });
  });

  test("strings that would read as something else are quoted; dates stay plain strings", () => {
    const result = edit("item:\n  status: open\n", (doc) => {
      doc.setIn(["item", "notes"], doc.createNode("true"));
      doc.setIn(["item", "capacity"], doc.createNode("1200"));
      doc.setIn(["item", "date"], doc.createNode("2018-03-20"));
      doc.setIn(["item", "contact"], doc.createNode("Roe: J. # ops"));
    });
    expect(result.text).toBe(
      'item:\n  status: open\n  notes: "true"\n  capacity: "1200"\n  date: 2018-03-20\n  contact: "Roe: J. # ops"\n',
    );
    expect(parseDocument(result.text).toJS().item.date).toBe("2018-03-20");
  });

  test("a value replaced keeps the inline comment after it", () => {
    const result = edit("status: 'open'   # ask again Monday\n", (doc) =>
      doc.setIn(["status"], doc.createNode("in-progress")),
    );
    expect(result.text).toBe("status: 'in-progress'   # ask again Monday\n");
  });

  test("a multi-line note becomes a literal block under its key", () => {
    const result = edit("item:\n   status: open\n   notes: short\n", (doc) =>
      doc.setIn(["item", "notes"], doc.createNode("first\nsecond")),
    );
    expect(result.text).toBe("item:\n   status: open\n   notes: |-\n      first\n      second\n");
  });

  test("an alias to an edited anchor stays an alias", () => {
    const source = "base: &b {status: open}\ncopy: *b\n";
    const result = edit(source, (doc) =>
      doc.setIn(["base", "status"], doc.createNode("satisfied")),
    );
    expect(result.text).toBe("base: &b {status: satisfied}\ncopy: *b\n");
  });

  test("what it cannot splice it still renders correctly, keeping comments", () => {
    // Removing a key that shares its line with the list dash cannot be cut out line-wise.
    const source = "# signed on paper\nsignoffs:\n  - name: J. Roe   # AD\n    title: AD\n";
    const result = edit(source, (doc) => doc.deleteIn(["signoffs", 0, "name"]));
    expect(result.preserved).toBe(false);
    expect(parseDocument(result.text).toJS()).toEqual({ signoffs: [{ title: "AD" }] });
    expect(result.text).toContain("# signed on paper");
  });
});
