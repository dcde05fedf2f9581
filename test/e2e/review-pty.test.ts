/**
 * `preclear review` in a real pseudo-terminal, on the built CLI: what only a
 * terminal shows — keys, Ctrl-C, rendering and re-prompting. The full walks
 * run in-process through the Prompter seam (test/review/walk.test.ts).
 *
 * No fixed sleeps: every step waits for what the screen must show next.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { answer, BIN, diligentAnswer, ENTER, enterOnly, ROOT, Session } from "./pty.js";

const DRAFT = "zero-tolerance-2018.md";
const AS_OF = "2018-03-01";

function freshCopy(from = path.join(ROOT, "examples"), files = [DRAFT]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-e2e-"));
  for (const file of files) copyFileSync(path.join(from, file), path.join(dir, file));
  execFileSync("git", ["init", "-q", dir]);
  return dir;
}

describe("preclear review in a terminal", () => {
  let dir: string;
  beforeEach(() => {
    dir = freshCopy();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("pressing only Enter from the first step to the end records no decision, sign-off, risk acceptance or not-applicable; no raw Markdown or ISO duration is shown", async () => {
    const session = new Session(["review", DRAFT, "--as-of", AS_OF, "--actor", "e2e"], dir);
    await session.waitFor(/every answer is saved/);
    await answer(session, enterOnly);
    expect(await session.exit()).toBe(0);
    expect(session.screen).toContain("Walk finished.");
    expect(session.screen).toMatch(/Due \d+ (days|weeks?) before issuance \(\d{4}-\d{2}-\d{2}\)/);
    expect(session.screen).not.toMatch(/\*\*|(^|\s)\*\S|\]\(|\bP\d+[DWMY]\b/m);
    const file = path.join(dir, "zero-tolerance-2018.review.yaml");
    const review = existsSync(file) ? parse(readFileSync(file, "utf8")) : {};
    const records = Object.values<Record<string, unknown>>(review?.stakeholders ?? {});
    for (const record of records) {
      expect(record.decision).toBeUndefined();
      expect(record.signoffs).toBeUndefined();
      for (const r of Object.values<{ status: string }>(
        (record.items ?? {}) as Record<string, { status: string }>,
      ))
        expect(["not-applicable", "risk-accepted"]).not.toContain(r.status);
    }
    expect(review?.history ?? []).toEqual([]);
  }, 300_000);

  it("a liaison enters two comments for one office; the drafter adjudicates them", async () => {
    const fixture = path.join(ROOT, "test", "fixtures", "review", "walk");
    const here = freshCopy(fixture, ["memo.md", "lifecycle.checklist.yaml"]);
    try {
      const comments = [
        ["critical", "§ 2", "The authority cited is repealed.", "Cite 8 U.S.C. 1325."],
        ["administrative", "title", "Typo in the title.", ""],
      ];
      let n = -1;
      const liaison = new Session(
        ["review", "memo.md", "--stakeholder", "usms", "--as-of", AS_OF, "--actor", "liaison"],
        here,
      );
      await liaison.waitFor(/every answer is saved/);
      await answer(liaison, (prompt) => {
        if (/^Does the policy/.test(prompt)) return `2${ENTER}`; // yes
        if (/^Comments from/.test(prompt)) {
          n++;
          return n < comments.length ? `2${ENTER}` : ENTER;
        }
        if (/^Type of comment/.test(prompt)) return `${n === 0 ? 1 : 3}${ENTER}`;
        if (/^Where in the text/.test(prompt)) return `${comments[n]![1]}${ENTER}`;
        if (/^Comment\b/.test(prompt)) return `${comments[n]![2]}${ENTER}`;
        if (/^Proposed change/.test(prompt)) return `${comments[n]![3]}${ENTER}`;
        return ENTER;
      });
      expect(await liaison.exit()).toBe(0);
      const saved = parse(readFileSync(path.join(here, "memo.review.yaml"), "utf8"));
      expect(
        saved.stakeholders.usms.comments.map((c: { id: string; type: string }) => [c.id, c.type]),
      ).toEqual([
        ["c1", "critical"],
        ["c2", "administrative"],
      ]);

      const drafter = new Session(
        ["review", "memo.md", "--adjudicate", "--as-of", AS_OF, "--actor", "drafter"],
        here,
      );
      await drafter.waitFor(/2 comments to adjudicate/);
      let k = 0;
      await answer(drafter, (prompt) => {
        if (/^Disposition/.test(prompt)) return `${++k === 1 ? 3 : 2}${ENTER}`; // partially / accepted
        if (/^Response \(required/.test(prompt)) return `Cited § 1325(a) only.${ENTER}`;
        if (/^Did the commenter/.test(prompt)) return `2${ENTER}`; // agreed
        return ENTER;
      });
      expect(await drafter.exit()).toBe(0);
      const adjudicated = parse(readFileSync(path.join(here, "memo.review.yaml"), "utf8"));
      expect(
        adjudicated.stakeholders.usms.comments.map(
          (c: { disposition: string; resolution: string; response?: string }) => [
            c.disposition,
            c.resolution,
            c.response,
          ],
        ),
      ).toEqual([
        ["partially-accepted", "agreed", "Cited § 1325(a) only."],
        ["accepted", "agreed", undefined],
      ]);
    } finally {
      rmSync(here, { recursive: true, force: true });
    }
  }, 120_000);

  it("Ctrl-C exits 130 with every acknowledged answer saved, and the next run resumes there", async () => {
    const session = new Session(["review", DRAFT, "--as-of", AS_OF, "--actor", "e2e"], dir);
    await session.waitFor(/every answer is saved/);
    // The example leaves 11 facts unanswered (never estimated in 2018): past them, into the items.
    await answer(session, diligentAnswer, 16);
    // Ctrl-C at a prompt that is drawn, after the 16th answer was acknowledged.
    await session.waitForPrompt();
    session.write("\x03");
    expect(await session.exit()).toBe(130);
    expect(session.screen).toMatch(
      /Every answer you gave is saved in zero-tolerance-2018\.review\.yaml/,
    );
    expect(session.screen).toContain(`preclear review ${DRAFT}`);

    const acknowledged = [...session.screen.matchAll(/✓ saved (\S+): (satisfied)/g)].map(
      (m) => m[1]!,
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    const review = parse(readFileSync(path.join(dir, "zero-tolerance-2018.review.yaml"), "utf8"));
    for (const label of acknowledged) {
      const [stakeholder, item] = label.split("/");
      expect(review.stakeholders[stakeholder!].items[item!].status).toBe("satisfied");
    }

    const again = new Session(["review", DRAFT, "--as-of", AS_OF], dir);
    // Ctrl-C once the prompt is drawn: a key sent before the prompt takes the
    // terminal reaches the process as a plain SIGINT, not as a keypress.
    await again.waitFor(/Resuming: \d+ of \d+ steps are complete[^]*\? /);
    again.write("\x03");
    expect(await again.exit()).toBe(130);
  }, 120_000);

  it("re-prompts with the reason on bad typed input instead of crashing", async () => {
    const session = new Session(["review", DRAFT, "--as-of", AS_OF, "--actor", "e2e"], dir);
    await session.waitFor(/\? (How many|What share|Of the added)/);
    session.write(`lots${ENTER}`);
    await session.waitFor(/valid numeric value/);
    expect(session.exitCode).toBeUndefined();
    session.write("\x15"); // clear the line
    session.write(`-5${ENTER}`);
    await session.waitFor(/at least 0|must be|greater|minimum|>=/i);
    session.write("\x03");
    expect(await session.exit()).toBe(130);
  }, 60_000);

  it("refuses without a terminal, with a hint to use check", () => {
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [BIN, "review", DRAFT], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = (error as { stderr: string }).stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toContain(`preclear check ${DRAFT}`);
  });
});
