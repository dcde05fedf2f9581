/**
 * `preclear review` in a real pseudo-terminal, on the built CLI: what only a
 * terminal shows — keys, Ctrl-C, rendering and re-prompting. The full walks
 * run in-process through the Prompter seam (test/review/walk.test.ts).
 *
 * No fixed sleeps: every step waits for what the screen must show next.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { answer, BIN, diligentAnswer, ENTER, ROOT, Session } from "./pty.js";

const DRAFT = "zero-tolerance-2018.md";
const AS_OF = "2018-03-01";

function freshCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-e2e-"));
  copyFileSync(path.join(ROOT, "examples", DRAFT), path.join(dir, DRAFT));
  execFileSync("git", ["init", "-q", dir]);
  return dir;
}

describe("preclear review in a terminal", () => {
  let dir: string;
  beforeEach(() => {
    dir = freshCopy();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
    await again.waitFor(/Resuming at the first unanswered step[^]*\? /);
    again.write("\x03");
    expect(await again.exit()).toBe(130);
  }, 120_000);

  it("re-prompts with the reason on bad typed input instead of crashing", async () => {
    const session = new Session(["review", DRAFT, "--as-of", AS_OF, "--actor", "e2e"], dir);
    await session.waitFor(/\? (How many|What share)/);
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
