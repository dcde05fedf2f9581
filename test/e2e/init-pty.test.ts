/**
 * `preclear init` in a real pseudo-terminal: the checklist menu, the id and
 * file names, the scoping facts with typed prompts; the draft it writes
 * passes `check` without fact-missing.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { answer, BIN, ENTER, Session } from "./pty.js";

describe("preclear init in a terminal", () => {
  it("shows a checklist menu and asks the facts; check then reports no fact-missing", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-e2e-init-"));
    try {
      execFileSync("git", ["init", "-q", dir]);
      const session = new Session(["init"], dir);
      await session.waitFor(/Checklists this policy is cleared against/);
      await answer(session, (prompt) => {
        if (/^Checklists/.test(prompt)) return ENTER; // the default: doj-significant-policy
        if (/^Title of the policy/.test(prompt)) return `Firearms trafficking referrals${ENTER}`;
        if (/^Draft id/.test(prompt)) return ENTER;
        if (/^The checklists ask/.test(prompt)) return ENTER; // answer them now
        if (/YYYY-MM-DD\) — Enter to answer later/.test(prompt)) return `2026-11-01${ENTER}`;
        if (
          /Enter to answer later/.test(prompt) &&
          /how many|number|per month|days|\(/i.test(prompt)
        )
          return `10${ENTER}`;
        if (/Enter to answer later/.test(prompt)) return `x${ENTER}`;
        if (/^(Issuing office|Planned issuance)/.test(prompt)) return ENTER;
        return `2${ENTER}`; // a select: the first real answer after "answer later"
      });
      expect(await session.exit()).toBe(0);
      expect(session.screen).toContain("doj-significant-policy");
      expect(session.screen).toContain(
        "firearms-trafficking-referrals.md and firearms-trafficking-referrals.review.yaml",
      );
      expect(session.screen).toContain("created firearms-trafficking-referrals.md");
      let out = "";
      try {
        out = execFileSync(process.execPath, [BIN, "check", "--format", "json"], {
          cwd: dir,
          encoding: "utf8",
        });
      } catch (error) {
        out = (error as { stdout: string }).stdout;
      }
      const rules = JSON.parse(out).drafts[0].findings.map((f: { ruleId: string }) => f.ruleId);
      expect(rules).not.toContain("fact-missing");
      expect(rules).not.toContain("invalid-file");
      expect(readFileSync(path.join(dir, "firearms-trafficking-referrals.md"), "utf8")).toMatch(
        /facts:\n {4}\w+: /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
