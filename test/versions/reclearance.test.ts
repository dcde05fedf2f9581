/**
 * SPEC section 13 on a Markdown draft every office signed: which changes
 * stale which sign-offs and how the messages say so; snapshots of the signed
 * text, and what happens when one is missing or edited by hand.
 */
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  cli,
  edit,
  newProject,
  signAll,
  signoffFindings,
  STAKEHOLDERS,
  findings,
} from "../signoff/helpers.js";
import type { Project } from "../signoff/helpers.js";
import { tempDir } from "../helpers/fixtures.js";

let project: Project;
beforeEach(async () => {
  project = newProject();
  await signAll(project);
});
afterEach(() => project.remove());

/** The USMS signs off again, a day after signAll, on whatever the text is now. */
const resignUsms = (...extra: string[]) =>
  cli(project, [
    "signoff",
    "memo.md",
    "--stakeholder",
    "usms",
    "--name",
    "J. Roe",
    "--title",
    "Director",
    "--actor",
    "tester",
    "--as-of",
    "2018-03-29",
    ...extra,
  ]);

const staleBy = () =>
  Object.fromEntries(
    signoffFindings(project)
      .filter((f) => f.ruleId === "signoff-stale")
      .map((f) => [f.stakeholder, f.message]),
  );

test.each([
  ["title", /^ {2}title: .*$/m, "  title: Rescission of all prior guidance"],
  ["issuer", /^ {2}issuer: .*$/m, "  issuer: Office of the Deputy Attorney General"],
  ["issuanceDate", /^ {2}issuanceDate: .*$/m, "  issuanceDate: 2018-05-07"],
])(
  "changing the draft's %s after sign-off stales every sign-off, naming the field",
  (field, from, to) => {
    edit(project.draft, from, to);
    const stale = staleBy();
    expect(Object.keys(stale).sort()).toEqual([...STAKEHOLDERS].sort());
    for (const message of Object.values(stale)) {
      expect(message).toContain(`the draft's \`${field}\` changed since the sign-off`);
      expect(message).not.toContain("draft text");
    }
  },
);

test("adding an effective date is a change of the draft too", () => {
  edit(project.draft, /^ {2}issuanceDate: .*$/m, "$&\n  effectiveDate: 2018-05-01");
  for (const message of Object.values(staleBy())) expect(message).toContain("`effectiveDate`");
  expect(Object.keys(staleBy())).toHaveLength(3);
});

test("adding a new stakeholder to the checklist leaves every existing sign-off valid", () => {
  const checklist = path.join(project.dir, "checklists", "clearance-basics.yaml");
  writeFileSync(
    checklist,
    `${readFileSync(checklist, "utf8")}  - id: bop
    name: Federal Bureau of Prisons
    agency: DOJ
    items:
      - id: bed-space
        question: Has BOP confirmed bed space?
        sources: [oig-21-028]
`,
  );
  const all = findings(project);
  expect(all.filter((f) => f.ruleId === "signoff-stale")).toEqual([]);
  // The new office does apply, and has yet to sign.
  expect(all.some((f) => f.ruleId === "signoff-missing" && f.stakeholder === "bop")).toBe(true);
});

test("verify after an edit lists per office the sections that changed", async () => {
  edit(
    project.draft,
    "to the extent practicable.",
    "to the extent practicable.\n\n## Scope\n\nThis applies along the Southwest border only.",
  );
  const result = await cli(project, ["verify", "memo.md"]);
  expect(result.code).toBe(1);
  for (const id of STAKEHOLDERS) {
    expect(result.stdout).toMatch(
      new RegExp(
        `${id}\\s+stale\\s+the draft text changed since the sign-off \\(§ 2 Scope: 2 paragraphs added\\)`,
      ),
    );
  }
});

describe("snapshots", () => {
  const versions = () => path.join(project.dir, "memo.versions");
  const snapshotFile = () => path.join(versions(), readdirSync(versions())[0]!);

  test("one snapshot, named by the digest of its content, holding exactly the signed body", () => {
    expect(readdirSync(versions())).toHaveLength(1);
    const body = readFileSync(project.draft, "utf8").split(/\n---\n/)[1]!;
    expect(readFileSync(snapshotFile(), "utf8")).toBe(body);
  });

  test("a missing snapshot is a snapshot-missing warning; diff says it cannot show what was signed", async () => {
    rmSync(snapshotFile());
    const warnings = findings(project).filter((f) => f.ruleId === "snapshot-missing");
    expect(warnings.map((f) => [f.stakeholder, f.level])).toEqual(
      STAKEHOLDERS.map((id) => [id, "warning"]),
    );
    expect(warnings[0]!.message).toContain("is missing");
    expect(warnings[0]!.location.file).toBe(project.review);
    const diff = await cli(project, ["diff", "memo.md", "--stakeholder", "usms"]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain("is missing");
  });

  test("a snapshot edited by hand is reported, and never shown as what was signed", async () => {
    const file = snapshotFile();
    writeFileSync(file, readFileSync(file, "utf8").replace("practicable", "feasible"));
    edit(project.draft, "practicable", "practical");
    const warnings = findings(project).filter((f) => f.ruleId === "snapshot-missing");
    expect(warnings).toHaveLength(3);
    expect(warnings[0]!.message).toContain("was edited by hand");
    const diff = await cli(project, ["diff", "memo.md", "--stakeholder", "usms"]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain("was edited by hand");
    expect(diff.stdout).toBe("");
    expect(diff.stderr).not.toContain("feasible");
    // The stale message does not pretend to know what changed.
    expect(staleBy().usms).toContain("its snapshot was edited by hand");
  });

  test("diff --from a digest that matches no snapshot is a clear error, exit 2", async () => {
    const result = await cli(project, ["diff", "memo.md", "--from", "sha256:0123456789abcdef"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /no snapshot in memo\.versions matches --from sha256:0123456789abcdef/,
    );
    const junk = await cli(project, ["diff", "memo.md", "--from", "yesterday"]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain("is not a digest");
  });

  test("diff --from a kept digest (its first 8 hex digits) shows the redline", async () => {
    const hex = readdirSync(versions())[0]!.slice("sha256-".length, "sha256-".length + 8);
    edit(project.draft, "practicable", "practical");
    const result = await cli(project, ["diff", "memo.md", "--from", hex]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("[-practicable-]{+practical+}");
  });

  test("signing the same text again adds no snapshot", async () => {
    const result = await resignUsms();
    expect(result.code).toBe(0);
    expect(readdirSync(versions())).toHaveLength(1);
  });
});

test("a snapshot directory that is a symbolic link is refused before anything is written", async () => {
  const outside = tempDir();
  try {
    rmSync(path.join(project.dir, "memo.versions"), { recursive: true });
    symlinkSync(outside.dir, path.join(project.dir, "memo.versions"));
    const review = readFileSync(project.review, "utf8");
    edit(project.draft, "practicable", "practical");
    const result = await resignUsms("--decision", "concur");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a symbolic link");
    expect(readdirSync(outside.dir)).toEqual([]);
    expect(readFileSync(project.review, "utf8")).toBe(review);
  } finally {
    outside.remove();
  }
});
