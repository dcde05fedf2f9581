/**
 * What changed between two versions of the policy text, by section: the
 * sentence a stale response is refused with ("§ Direction: 1 paragraph
 * changed, 1 added"). Sections are the Markdown headings; paragraphs are
 * blocks separated by blank lines.
 */
import { diffArrays } from "diff";

interface Section {
  heading: string;
  paragraphs: string[];
}

function sections(text: string): Section[] {
  const result: Section[] = [{ heading: "(before the first heading)", paragraphs: [] }];
  let block: string[] = [];
  const flush = () => {
    if (block.length > 0)
      result.at(-1)!.paragraphs.push(block.join(" ").replace(/\s+/g, " ").trim());
    block = [];
  };
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^#{1,6}[ \t]+(.*?)[ \t#]*$/.exec(line);
    if (heading) {
      flush();
      result.push({ heading: heading[1]!, paragraphs: [] });
    } else if (line.trim() === "") {
      flush();
    } else {
      block.push(line.trim());
    }
  }
  flush();
  return result.filter((s, i) => i > 0 || s.paragraphs.length > 0);
}

const count = (n: number, word: string) => `${n} paragraph${n === 1 ? "" : "s"} ${word}`;

/** One phrase per section that differs, in the order of the newer text. */
export function describeChanges(before: string, after: string): string[] {
  const old = sections(before);
  const now = sections(after);
  const phrases: string[] = [];
  for (const section of now) {
    const previous = old.find((s) => s.heading === section.heading);
    if (!previous) {
      phrases.push(`§ ${section.heading}: added`);
      continue;
    }
    let added = 0;
    let removed = 0;
    for (const part of diffArrays(previous.paragraphs, section.paragraphs)) {
      if (part.added) added += part.count ?? part.value.length;
      if (part.removed) removed += part.count ?? part.value.length;
    }
    const changed = Math.min(added, removed);
    const parts = [
      changed > 0 ? count(changed, "changed") : "",
      added - changed > 0 ? count(added - changed, "added") : "",
      removed - changed > 0 ? count(removed - changed, "removed") : "",
    ].filter(Boolean);
    if (parts.length > 0) phrases.push(`§ ${section.heading}: ${parts.join(", ")}`);
  }
  for (const section of old) {
    if (!now.some((s) => s.heading === section.heading))
      phrases.push(`§ ${section.heading}: removed`);
  }
  return phrases;
}
