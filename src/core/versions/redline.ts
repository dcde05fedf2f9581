/**
 * A redline between two versions of a policy text: paragraphs first (a
 * paragraph is a block between blank lines; a Markdown heading line is a
 * paragraph of its own), then words within each changed paragraph — with the
 * `diff` package. Headings are the anchors a reader finds changes by:
 * "§ 3 Purpose: 2 paragraphs changed, 1 added".
 */
import { diffArrays, diffWordsWithSpace } from "diff";

export interface Paragraph {
  text: string;
  /** 1–6 when the paragraph is a heading. */
  heading?: number;
}

/** A run of words in a changed paragraph. */
export interface WordPart {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface RedlineChange {
  kind: "same" | "changed" | "added" | "removed";
  /** The section (heading) the paragraph is under, as "§ n Heading". */
  section: string;
  old?: string;
  new?: string;
  /** For a changed paragraph: its words. */
  words?: WordPart[];
}

export interface SectionSummary {
  section: string;
  changed: number;
  added: number;
  removed: number;
}

export interface Redline {
  changes: RedlineChange[];
  sections: SectionSummary[];
  /** No paragraph differs. */
  identical: boolean;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;
/**
 * Past this many edits the texts are too different to align: everything is
 * replaced. The diff costs about (paragraphs × edits), so this bounds it.
 */
const MAX_EDITS = 1000;

/** The paragraphs of a text (LF line ends). */
export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) out.push({ text: lines.join("\n") });
    lines = [];
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/[ \t]+$/, "");
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      out.push({ text: line, heading: heading[1]!.length });
    } else if (line.trim() === "") flush();
    else lines.push(line);
  }
  flush();
  return out;
}

export const BEFORE_FIRST_HEADING = "§ 0 (before the first heading)";

const NUMBERED = /^(?:§\s*)?((?:\d+|[IVXLC]+)(?:\.\d+)*)[.):]?\s+(.*)$/;

// A label goes into messages printed on terminals: no control characters.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

const headingTitle = (heading: string) =>
  (HEADING.exec(heading)?.[2] ?? heading).replace(CONTROLS, "").trim();

/**
 * "§ n Title": n is the number the heading starts with ("3. Purpose" → § 3);
 * else its position among the text's headings (`ordinal`), or no number when
 * the text numbers its headings itself (`ordinal` undefined).
 */
export function sectionLabel(heading: string, ordinal?: number): string {
  const title = headingTitle(heading);
  const numbered = NUMBERED.exec(title);
  if (numbered) return `§ ${numbered[1]} ${numbered[2]}`;
  return ordinal === undefined ? `§ ${title}` : `§ ${ordinal} ${title}`;
}

/** Each paragraph's section label. */
function sections(paragraphs: readonly Paragraph[]): string[] {
  let current = BEFORE_FIRST_HEADING;
  let ordinal = 0;
  const selfNumbered = paragraphs.some((p) => p.heading && NUMBERED.test(headingTitle(p.text)));
  return paragraphs.map((p) => {
    ordinal += p.heading ? 1 : 0;
    if (p.heading) current = sectionLabel(p.text, selfNumbered ? undefined : ordinal);
    return current;
  });
}

export function redline(oldText: string, newText: string): Redline {
  const before = paragraphsOf(oldText);
  const after = paragraphsOf(newText);
  const beforeSections = sections(before);
  const afterSections = sections(after);
  const ops = diffArrays(
    before.map((p) => p.text),
    after.map((p) => p.text),
    { maxEditLength: MAX_EDITS },
  ) ?? [
    { value: before.map((p) => p.text), removed: true, added: false, count: before.length },
    { value: after.map((p) => p.text), removed: false, added: true, count: after.length },
  ];
  const changes: RedlineChange[] = [];
  let i = 0; // index in before
  let j = 0; // index in after
  // A removed paragraph is reported under the section it was in.
  const here = () => beforeSections[i] ?? BEFORE_FIRST_HEADING;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (!op.added && !op.removed) {
      for (const text of op.value) {
        changes.push({ kind: "same", section: afterSections[j]!, old: text, new: text });
        i++;
        j++;
      }
      continue;
    }
    if (op.removed) {
      const next = ops[k + 1];
      const added = next?.added ? next.value : [];
      if (next?.added) k++;
      const removed = op.value;
      const paired = Math.min(removed.length, added.length);
      for (let n = 0; n < Math.max(removed.length, added.length); n++) {
        if (n < paired) {
          changes.push({
            kind: "changed",
            section: afterSections[j]!,
            old: removed[n]!,
            new: added[n]!,
            words: words(removed[n]!, added[n]!),
          });
          i++;
          j++;
        } else if (n < removed.length) {
          changes.push({ kind: "removed", section: here(), old: removed[n]! });
          i++;
        } else {
          changes.push({ kind: "added", section: afterSections[j]!, new: added[n]! });
          j++;
        }
      }
      continue;
    }
    for (const text of op.value) {
      changes.push({ kind: "added", section: afterSections[j]!, new: text });
      j++;
    }
  }
  const bySection = new Map<string, SectionSummary>();
  for (const c of changes) {
    if (c.kind === "same") continue;
    let s = bySection.get(c.section);
    if (!s)
      bySection.set(c.section, (s = { section: c.section, changed: 0, added: 0, removed: 0 }));
    s[c.kind]++;
  }
  return {
    changes,
    sections: [...bySection.values()],
    identical: bySection.size === 0,
  };
}

function words(oldText: string, newText: string): WordPart[] {
  const parts = diffWordsWithSpace(oldText, newText, { maxEditLength: MAX_EDITS });
  if (!parts) {
    return [
      { kind: "removed", text: oldText },
      { kind: "added", text: newText },
    ];
  }
  return parts.map((p) => ({
    kind: p.added ? "added" : p.removed ? "removed" : "same",
    text: p.value,
  }));
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** "§ 2 Purpose: 1 paragraph changed, 1 added". */
export function describeSection(s: SectionSummary): string {
  const parts: string[] = [];
  if (s.changed) parts.push(`${plural(s.changed, "paragraph")} changed`);
  if (s.added)
    parts.push(parts.length ? `${s.added} added` : `${plural(s.added, "paragraph")} added`);
  if (s.removed)
    parts.push(parts.length ? `${s.removed} removed` : `${plural(s.removed, "paragraph")} removed`);
  return `${s.section}: ${parts.join(", ")}`;
}

/** Every changed section in one phrase ("§ 2 Purpose: 1 paragraph changed; § 4 Scope: 1 paragraph added"). */
export function describeRedline(r: Redline): string {
  if (r.identical) return "no paragraph changed (only line breaks or spacing)";
  return r.sections.map(describeSection).join("; ");
}
