/**
 * A throw-away copy of the example (examples/zero-tolerance-2018.*) in its
 * own project, and the hand-filled response an office would send back.
 */
import { copyFileSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import type { CliResult } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

export const AS_OF = "2018-03-20";

export interface Example {
  dir: string;
  draft: string;
  review: string;
  remove: () => void;
  cli: (args: string[]) => Promise<CliResult>;
  read: (file: string) => string;
  write: (file: string, text: string) => void;
}

export function newExample(): Example {
  const { dir, remove } = tempDir();
  mkdirSync(path.join(dir, ".git"));
  for (const name of ["zero-tolerance-2018.md", "zero-tolerance-2018.review.yaml"]) {
    copyFileSync(path.join(REPO_ROOT, "examples", name), path.join(dir, name));
  }
  return {
    dir,
    draft: path.join(dir, "zero-tolerance-2018.md"),
    review: path.join(dir, "zero-tolerance-2018.review.yaml"),
    remove,
    cli: (args) => runCli(args, { cwd: dir }),
    read: (file) => readFileSync(path.join(dir, file), "utf8"),
    write: (file, text) => writeFileSync(path.join(dir, file), text),
  };
}

/** Parsed review YAML. */
export function reviewOf(example: Example): {
  stakeholders: Record<
    string,
    Record<string, unknown> & { items: Record<string, Record<string, unknown>> }
  >;
  history: Array<Record<string, unknown>>;
} {
  return parse(example.read("zero-tolerance-2018.review.yaml"));
}

/**
 * Fill in response.yaml as an office would with a text editor: the
 * respondent, one item's status and evidence, two comments and a decision.
 */
export function fillResponse(template: string, date = "2018-03-28"): string {
  const filled = template
    .replace('name: "" # your name', 'name: "J. Roe"')
    .replace('title: "" # your title', 'title: "Assistant Director"')
    .replace("\n  level: staff\n", "\n  level: principal\n")
    .replace(/date: "" # YYYY-MM-DD.*/, `date: "${date}"`)
    .replace(
      / {2}detention-funding:\n {4}status: open[^\n]*\n {4}# contact:\n {4}# document:/,
      "  detention-funding:\n    status: satisfied\n    contact: J. Roe, USMS Financial Services\n    document: https://example.gov/usms/funding-2018.pdf",
    )
    .replace(
      "comments: []",
      [
        "comments:",
        "  - id: c1",
        "    type: critical",
        '    location: "§ Direction"',
        "    text: Say where a parent's child is held, and how they can talk within 72 hours.",
        '    proposed: Add "and arrange a call within 72 hours of separation".',
        "  - id: c2",
        "    type: administrative",
        "    text: Spell out USMS on first use.",
      ].join("\n"),
    )
    .replace(
      "# decision:\n#   status: concur              # concur | concur-with-comments | non-concur\n#   comments: Required for concur-with-comments and non-concur.",
      "decision:\n  status: concur-with-comments\n  comments: Subject to c1.",
    );
  if (filled === template)
    throw new Error("the response template changed: fillResponse needs updating");
  return filled;
}
