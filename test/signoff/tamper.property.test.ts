/**
 * Property: once every stakeholder has signed off, flipping any byte of what
 * was signed — the draft body, its front matter (title, issuer, dates,
 * checklists, facts), the review's records, the sign-offs and their
 * signatures — is noticed whenever it changes what the
 * files mean, and never when it does not (a flip inside a comment, a lone CR
 * in the body). Re-formatting the review YAML changes nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { parse, parseDocument } from "yaml";
import type { Finding } from "../../src/core/rules/findings.js";
import { findings, newProject, signAll } from "./helpers.js";
import type { Project } from "./helpers.js";

let project: Project;
let draftBytes: Buffer;
let reviewBytes: Buffer;

beforeAll(async () => {
  project = newProject();
  await signAll(project);
  draftBytes = readFileSync(project.draft);
  reviewBytes = readFileSync(project.review);
  // The starting point is clean: any finding later is the flip's doing.
  expect(findings(project)).toEqual([]);
});
afterAll(() => project.remove());

function restore(): void {
  writeFileSync(project.draft, draftBytes);
  writeFileSync(project.review, reviewBytes);
}

/** What the draft means: its front matter as data and its body with LF line ends. */
function draftMeaning(text: string): string {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(
    text,
  );
  if (!match) return "no front matter";
  return `${parsed(match[1]!)}\n${match[2]!.replace(/\r\n?/g, "\n")}`;
}

/** What the review means: its data, less the unsigned history. */
function reviewMeaning(text: string): string {
  if (NOT_YAML.test(text)) return "invalid: not printable";
  try {
    const { history: _history, ...rest } = parse(text, { logLevel: "error" }) as Record<
      string,
      unknown
    >;
    return canonicalize(rest)!;
  } catch (error) {
    return `invalid: ${String(error)}`;
  }
}

/**
 * Characters YAML 1.2 does not allow in a stream (outside its c-printable
 * set), and a CR that is not part of CRLF: preclear refuses such files, even
 * where the yaml package would let them pass inside a comment.
 */
const NOT_YAML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|\r(?!\n)/;

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The text of a file, or undefined when it is not UTF-8 (preclear refuses it). */
function utf8(bytes: Buffer): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function parsed(text: string): string {
  if (NOT_YAML.test(text)) return "invalid: not printable";
  try {
    return canonicalize(parse(text, { logLevel: "error" }))!;
  } catch (error) {
    return `invalid: ${String(error)}`;
  }
}

interface Region {
  name: string;
  file: "draft" | "review";
  start: number;
  end: number;
}

/** Byte ranges of the signed content in the two files. */
function regions(): Region[] {
  const range = (file: Region["file"], name: string, from: string | RegExp, to?: string) => {
    const bytes = file === "draft" ? draftBytes : reviewBytes;
    const text = bytes.toString("latin1"); // one char per byte: offsets are byte offsets
    const start = typeof from === "string" ? text.indexOf(from) : text.search(from);
    const end = to === undefined ? text.length : text.indexOf(to, start + 1);
    if (start < 0 || end < 0) throw new Error(`region ${name} not found`);
    return { name, file, start, end };
  };
  const signatures = [...reviewBytes.toString("latin1").matchAll(/signature: (\S+)/g)].map(
    (m, i): Region => ({
      name: `signature ${i + 1}`,
      file: "review",
      start: m.index + "signature: ".length,
      end: m.index + m[0].length,
    }),
  );
  expect(signatures).toHaveLength(3);
  return [
    range("draft", "draft body", /\n---\n/),
    // The whole front matter: id, title, issuer, issuance date, checklists, facts.
    range("draft", "draft front matter", "preclear:", "\n---\n"),
    range("review", "review facts and records", "facts:", "\nhistory:"),
    ...signatures,
  ];
}

const SIGNOFF_RULES = new Set(["signoff-stale", "signature-invalid", "invalid-file"]);

test("1,000 random byte flips of signed content: detected exactly when they change meaning", () => {
  const all = regions();
  const seen = { changed: 0, unchanged: 0, frontMatter: 0, byRule: new Map<string, number>() };
  const originalMeaning = {
    draft: draftMeaning(draftBytes.toString("utf8")),
    review: reviewMeaning(reviewBytes.toString("utf8")),
  };
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: all.length - 1 }),
      fc.nat(),
      fc.integer({ min: 1, max: 255 }),
      (which, offset, mask) => {
        const region = all[which]!;
        const original = region.file === "draft" ? draftBytes : reviewBytes;
        const bytes = Buffer.from(original);
        const at = region.start + (offset % (region.end - region.start));
        bytes[at] = bytes[at]! ^ mask;
        const file = region.file === "draft" ? project.draft : project.review;
        writeFileSync(file, bytes);
        let found: Finding[];
        try {
          found = findings(project);
        } finally {
          restore();
        }
        const text = bytes.toString("utf8");
        const decoded = utf8(bytes);
        const changed =
          decoded === undefined ||
          (region.file === "draft"
            ? draftMeaning(decoded) !== originalMeaning.draft
            : reviewMeaning(decoded) !== originalMeaning.review);
        const where = `${region.name}, byte ${at} ^ 0x${mask.toString(16)}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`;
        if (changed) {
          seen.changed++;
          if (region.name === "draft front matter") seen.frontMatter++;
          const errors = found.filter((f) => f.level === "error");
          if (errors.length === 0) throw new Error(`undetected change in ${where}`);
          for (const f of errors)
            if (SIGNOFF_RULES.has(f.ruleId))
              seen.byRule.set(f.ruleId, (seen.byRule.get(f.ruleId) ?? 0) + 1);
        } else {
          seen.unchanged++;
          if (found.length > 0) {
            throw new Error(`false alarm for ${where}: ${found.map((f) => f.message).join("; ")}`);
          }
        }
      },
    ),
    { numRuns: 1000 },
  );
  // Both kinds of flip occurred, and the sign-off rules did the detecting.
  expect(seen.changed + seen.unchanged).toBe(1000);
  expect(seen.unchanged).toBeGreaterThan(0);
  expect(seen.changed).toBeGreaterThan(500);
  expect(seen.byRule.get("signoff-stale") ?? 0).toBeGreaterThan(50);
  // Meaning-changing flips of the front matter were tried, and each was detected above.
  expect(seen.frontMatter).toBeGreaterThan(50);
  expect(seen.byRule.get("signature-invalid") ?? 0).toBeGreaterThan(50);
}, 120_000);

test("whitespace-only re-formatting of the review YAML is never reported", () => {
  const original = reviewBytes.toString("utf8");
  const options = fc.record({
    indent: fc.integer({ min: 1, max: 8 }),
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 20, 40, 80, 200),
    minContentWidth: fc.constantFrom(0, 10, 20),
    defaultStringType: fc.constantFrom(
      "PLAIN",
      "QUOTE_DOUBLE",
      "QUOTE_SINGLE",
      "BLOCK_LITERAL",
      "BLOCK_FOLDED",
    ),
    defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE"),
    collectionStyle: fc.constantFrom("any", "block", "flow"),
    flowCollectionPadding: fc.boolean(),
  });
  fc.assert(
    fc.property(options, fc.boolean(), fc.boolean(), (opts, crlf, blankLines) => {
      let text = parseDocument(original).toString(
        opts as Parameters<ReturnType<typeof parseDocument>["toString"]>[0],
      );
      if (blankLines) text = `\n# re-formatted\n\n${text}\n\n`;
      if (crlf) text = text.replace(/\n/g, "\r\n");
      // Only re-formatting counts: the yaml stringifier itself can fold a long
      // string inside a flow collection wrongly, which is a change of data.
      fc.pre(isDeepStrictEqual(parse(text), parse(original)));
      writeFileSync(project.review, text);
      try {
        expect(findings(project)).toEqual([]);
      } finally {
        restore();
      }
    }),
    { numRuns: 200 },
  );
}, 120_000);
