/**
 * `preclear packet`: what an office outside the repository is sent, and
 * what the review records about sending it.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { parseResponse } from "../../src/core/load/response.js";
import { markdownToHtml } from "../../src/packet/markdown.js";
import { describeRedline, redline } from "../../src/core/versions/redline.js";
import { addBusinessDays, isBusinessDay } from "../../src/core/evaluate/business-days.js";
import { AS_OF, fillResponse, newExample, reviewOf } from "./helpers.js";
import type { Example } from "./helpers.js";

// The second edition of the checklists: beds (average daily population), not bed-days.
const USMS_ITEMS = [
  "detention-beds",
  "detention-funding",
  "facility-distance",
  "transport-cellblock",
  "parent-child-contact",
  "orr-liaison",
];

describe("preclear packet --stakeholder usms", () => {
  let example: Example;
  beforeEach(() => {
    example = newExample();
  });
  afterEach(() => example.remove());

  test("writes packet.html and response.yaml, and records notice and tasking once", async () => {
    const result = await example.cli([
      "--as-of",
      AS_OF,
      "packet",
      "zero-tolerance-2018.md",
      "--stakeholder",
      "usms",
      "-o",
      "out",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("out/packet.html");
    const html = example.read("out/packet.html");
    // The cover: from, to, tasking date, digest and fingerprint, the marking.
    expect(html).toContain("PRE-DECISIONAL — DELIBERATIVE");
    expect(html).toContain("Office of the Attorney General");
    expect(html).toContain("U.S. Marshals Service");
    const review = reviewOf(example);
    const usms = review.stakeholders.usms!;
    const version = (usms.notice as { version: string }).version;
    expect(version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(html).toContain(version);
    expect(html).toContain(version.slice(7, 11));
    expect(usms.notice).toEqual({
      date: AS_OF,
      version,
      by: "Office of the Attorney General",
      means: "clearance packet",
    });
    // The tasking records its suspense: ten business days after 2018-03-20.
    expect(usms.tasking).toEqual({
      tasked: AS_OF,
      version,
      tasker: "Office of the Attorney General",
      suspense: "2018-04-03",
    });
    expect(review.history.filter((h) => h.via === "packet").map((h) => h.item)).toEqual([
      "notice",
      "tasking",
    ]);
    // The policy text, and every applicable USMS item.
    expect(html).toContain("Memorandum for federal prosecutors along the Southwest border");
    for (const item of USMS_ITEMS) expect(html).toContain(`id="item-${item}"`);
    // A snapshot of the text sent, so a stale answer can say what changed.
    const snapshots = readdirSync(path.join(example.dir, "zero-tolerance-2018.versions"));
    expect(snapshots).toEqual([`${version.replace(":", "-")}.txt`]);

    // Sending it again the same day for the same version records nothing new.
    const before = example.read("zero-tolerance-2018.review.yaml");
    await example.cli([
      "--as-of",
      "2018-03-22",
      "packet",
      "zero-tolerance-2018.md",
      "--stakeholder",
      "usms",
      "-o",
      "out",
    ]);
    expect(example.read("zero-tolerance-2018.review.yaml")).toBe(before);
    expect(example.read("out/packet.html")).toContain("2018-03-20");
  });

  test("--no-record leaves the review alone", async () => {
    const before = example.read("zero-tolerance-2018.review.yaml");
    const result = await example.cli([
      "--as-of",
      AS_OF,
      "packet",
      "zero-tolerance-2018.md",
      "--stakeholder",
      "usms",
      "--no-record",
    ]);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(example.dir, "usms-packet", "packet.html"))).toBe(true);
    expect(example.read("zero-tolerance-2018.review.yaml")).toBe(before);
  });

  test("response.yaml asks every question and, filled in, is a valid Response", async () => {
    await example.cli([
      "--as-of",
      AS_OF,
      "packet",
      "zero-tolerance-2018.md",
      "--stakeholder",
      "usms",
      "--no-record",
    ]);
    const template = example.read("usms-packet/response.yaml");
    expect(template).toContain("# 2.1 Has USMS confirmed pretrial detention beds");
    // The demand as the packet shows it: rounded to two decimals, not 690.7894736842105.
    expect(template).toContain("# Projected demand: 690.79 beds (average daily population).");
    const data = parse(template) as {
      kind: string;
      stakeholder: string;
      items: Record<string, { status: string }>;
    };
    expect(data.kind).toBe("Response");
    expect(data.stakeholder).toBe("usms");
    for (const item of USMS_ITEMS) expect(Object.keys(data.items)).toContain(item);
    // What the review already records is pre-filled.
    expect(data.items["detention-beds"]).toMatchObject({
      status: "in-progress",
      capacity: 450,
    });
    // As sent, the respondent is empty: importing it unfilled is refused with a position.
    expect(() => parseResponse("response.yaml", template)).toThrow(
      /response\.yaml:\d+:\d+: .*name/,
    );
    expect(parseResponse("response.yaml", fillResponse(template)).response.comments).toHaveLength(
      2,
    );
  });

  test("--all writes one packet per applicable office", async () => {
    const result = await example.cli([
      "--as-of",
      AS_OF,
      "packet",
      "zero-tolerance-2018.md",
      "--all",
      "--no-record",
    ]);
    expect(result.code).toBe(0);
    const offices = readdirSync(path.join(example.dir, "packets")).sort();
    expect(offices).toContain("usms");
    expect(offices).toContain("hhs-orr");
    for (const office of offices) {
      expect(existsSync(path.join(example.dir, "packets", office, "response.yaml"))).toBe(true);
    }
  });

  test("an office that is not in the checklists, or no office, is a usage error", async () => {
    const unknown = await example.cli([
      "packet",
      "zero-tolerance-2018.md",
      "--stakeholder",
      "nobody",
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no stakeholder `nobody`");
    const neither = await example.cli(["packet", "zero-tolerance-2018.md"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("--stakeholder ID or --all");
  });

  test("the marking, from and point of contact come from preclear.config.yaml", async () => {
    example.write(
      "preclear.config.yaml",
      'packet:\n  marking: "DRAFT </style><script>alert(1)</script>"\n  from: Office of Legal Policy\n  pointOfContact: "A. Clerk, 202-555-0100 </script><script>alert(2)</script>"\n',
    );
    await example.cli([
      "--as-of",
      AS_OF,
      "packet",
      "zero-tolerance-2018.md",
      "--stakeholder",
      "usms",
      "--no-record",
    ]);
    const html = example.read("usms-packet/packet.html");
    expect(html).toContain("Office of Legal Policy");
    expect(html).toContain("A. Clerk, 202-555-0100 &lt;/script&gt;");
    // In the form's JSON data block too, nothing can close the element.
    expect(html).toContain("A. Clerk, 202-555-0100 \\u003c/script\\u003e");
    expect(html).toContain("DRAFT &lt;/style&gt;&lt;script&gt;");
    // Only the packet's own two script elements: the form's and its JSON data.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain("<script>alert");
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });
});

describe("the policy text in a packet", () => {
  test("is escaped: HTML in a draft is text, links only for http(s)", () => {
    const out = markdownToHtml(
      '# Title <img src=x onerror=alert(1)>\n\nSee [this](javascript:alert(1)) and [that](https://example.gov/a "b").\n\n<script>alert(1)</script>\n\n1. one **bold**\n2. two `<b>`\n',
    );
    expect(out).not.toMatch(/<img|<script|javascript:/);
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain("<code>&lt;b&gt;</code>");
    expect(out).toContain("<ol>");
  });

  test("changes are named by section", () => {
    const before = "# A\n\nOne.\n\nTwo.\n\n## Direction\n\nThree.\n";
    const after =
      "# A\n\nOne.\n\nTwo.\n\n## Direction\n\nThree, changed.\n\nFour.\n\n## New\n\nFive.\n";
    expect(describeRedline(redline(before, after))).toBe(
      "§ 2 Direction: 1 paragraph changed, 1 added; § 3 New: 2 paragraphs added",
    );
  });
});

describe("suspenses in business days", () => {
  test("skip weekends and observed federal holidays", () => {
    expect(addBusinessDays("2018-03-20", 10)).toBe("2018-04-03");
    // Memorial Day 2018 was 28 May.
    expect(addBusinessDays("2018-05-25", 1)).toBe("2018-05-29");
    // 4 July 2021 was a Sunday: observed Monday 5 July.
    expect(isBusinessDay("2021-07-05")).toBe(false);
    // 1 January 2022 was a Saturday: observed Friday 31 December 2021.
    expect(isBusinessDay("2021-12-31")).toBe(false);
    expect(isBusinessDay("2018-11-22")).toBe(false); // Thanksgiving
  });
});

describe("a packet for a Word draft", () => {
  test("carries the document's paragraphs as the policy text", async () => {
    const { Document, Packer, Paragraph, HeadingLevel } = await import("docx");
    const example = newExample();
    try {
      const doc = new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: "Detention standards", heading: HeadingLevel.HEADING_1 }),
              new Paragraph("Each district shall report bed space <weekly> & on request."),
            ],
          },
        ],
      });
      writeFileSync(path.join(example.dir, "memo.docx"), await Packer.toBuffer(doc));
      example.write(
        "memo.draft.yaml",
        [
          "apiVersion: preclear/v1",
          "kind: Draft",
          "id: memo",
          "title: Detention standards",
          "issuer: Office of the Deputy Attorney General",
          "issuanceDate: 2018-05-01",
          "document: memo.docx",
          "checklists: [doj-significant-policy]",
          "facts: { custody: both }",
          "",
        ].join("\n"),
      );
      const result = await example.cli([
        "--as-of",
        AS_OF,
        "packet",
        "memo.draft.yaml",
        "--stakeholder",
        "usms",
        "--no-record",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const html = example.read("usms-packet/packet.html");
      expect(html).toContain("<p>Detention standards</p>");
      expect(html).toContain(
        "Each district shall report bed space &lt;weekly&gt; &amp; on request.",
      );
    } finally {
      example.remove();
    }
  });
});

describe("what a packet records, by role", () => {
  test("clear: notice and tasking with the suspense in business days; inform: notice only, no decision asked", async () => {
    const example = newExample();
    try {
      example.write(
        "roles.checklist.yaml",
        [
          "apiVersion: preclear/v1",
          "kind: Checklist",
          "id: roles",
          "title: Roles",
          "version: 1.0.0",
          "stakeholders:",
          "  - id: clearing-office",
          "    name: Clearing Office",
          "    role: clear",
          "    suspense: { businessDays: 10 }",
          "    items:",
          "      - id: capacity",
          "        question: Is there capacity?",
          "  - id: informed-office",
          "    name: Informed Office",
          "    role: inform",
          "    items:",
          "      - id: heads-up",
          "        question: Anything we should know?",
          "",
        ].join("\n"),
      );
      example.write(
        "memo.md",
        "---\npreclear:\n  id: memo\n  title: Memo\n  issuer: Office of Legal Policy\n  issuanceDate: 2018-06-01\n  checklists: [./roles.checklist.yaml]\n---\n\n# Memo\n\nText.\n",
      );
      const result = await example.cli(["--as-of", "2018-05-25", "packet", "memo.md", "--all"]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const review = parse(example.read("memo.review.yaml")) as {
        stakeholders: Record<string, { notice?: unknown; tasking?: unknown }>;
      };
      // Ten business days from Friday 25 May 2018, skipping Memorial Day (28 May).
      expect(review.stakeholders["clearing-office"]!.tasking).toMatchObject({
        tasked: "2018-05-25",
        suspense: "2018-06-11",
      });
      expect(review.stakeholders["informed-office"]!.tasking).toBeUndefined();
      expect(review.stakeholders["informed-office"]!.notice).toMatchObject({
        date: "2018-05-25",
        means: "clearance packet",
      });
      expect(example.read("packets/clearing-office/packet.html")).toContain("2018-06-11");
      expect(example.read("packets/clearing-office/response.yaml")).toContain("# decision:");
      expect(example.read("packets/informed-office/response.yaml")).not.toContain("decision");
      expect(example.read("packets/informed-office/packet.html")).toContain(
        "No decision is required of your office",
      );
    } finally {
      example.remove();
    }
  });
});
