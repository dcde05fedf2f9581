/**
 * `preclear init` on a terminal (through the Prompter seam): a checklist menu,
 * the id and file names shown and changeable, the scoping facts asked with
 * the review's typed prompts; and a second draft added to an existing project
 * without touching its config.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { initCommand } from "../../src/cli/commands/init.js";
import type { CliIO } from "../../src/cli/io.js";
import { runCli } from "../helpers/cli.js";
import { ScriptedPrompter } from "../review/scripted.js";
import type { Asked } from "../review/scripted.js";

function emptyDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-init-"));
  writeFileSync(path.join(dir, ".git"), "");
  return dir;
}

function io(cwd: string): CliIO & { out: () => string } {
  let stdout = "";
  return {
    stdout: { write: (t: string) => ((stdout += t), true), isTTY: true, columns: 100 },
    stderr: { write: () => true, isTTY: false },
    stdinIsTTY: true,
    env: {},
    cwd,
    out: () => stdout,
  } as CliIO & { out: () => string };
}

/** A drafter who answers every scoping question (first option, "no", 0…). */
function drafter(title: string, id?: string) {
  return (asked: Asked) => {
    const m = asked.message;
    if (asked.kind === "checkbox") return "doj-significant-policy,usms-orr-communication";
    if (m === "Title of the policy") return title;
    if (m.startsWith("Draft id")) return id;
    if (m.startsWith("Planned issuance date")) return "2026-12-01";
    if (m.startsWith("The checklists ask")) return "now";
    if (asked.kind === "select")
      return asked.choices![asked.choices![0]!.value === "__later" ? 2 : 0]!.value;
    if (asked.kind === "number") return 0;
    if (m.includes("(YYYY-MM-DD)")) return "2026-11-01";
    if (asked.kind === "input" && m.includes("Enter to answer later")) return "x";
    return undefined;
  };
}

describe("preclear init on a terminal", () => {
  it("offers the checklists, shows the id and file names, asks the facts; the draft validates and check has no fact-missing", async () => {
    const dir = emptyDir();
    const prompter = new ScriptedPrompter(drafter("Firearms trafficking referrals"));
    const terminal = io(dir);
    expect(await initCommand(undefined, {}, {}, terminal, prompter)).toBe(0);

    const menu = prompter.asked.find((a) => a.kind === "checkbox")!;
    expect(menu.choices!.map((c) => c.value)).toContain("usms-orr-communication");
    const idPrompt = prompter.asked.find((a) => a.message.startsWith("Draft id"))!;
    expect(idPrompt.message).toContain(
      "firearms-trafficking-referrals.md and firearms-trafficking-referrals.review.yaml",
    );
    const draftText = readFileSync(path.join(dir, "firearms-trafficking-referrals.md"), "utf8");
    const front = parse(draftText.split("---")[1]!).preclear;
    expect(front.checklists).toEqual(["doj-significant-policy", "usms-orr-communication"]);
    expect(Object.keys(front.facts).length).toBeGreaterThan(5);

    const validate = await runCli(["validate", "firearms-trafficking-referrals.md"], { cwd: dir });
    expect(validate.code).toBe(0);
    const check = await runCli(["check", "--format", "json"], { cwd: dir });
    const rules = JSON.parse(check.stdout).drafts[0].findings.map(
      (f: { ruleId: string }) => f.ruleId,
    );
    expect(rules).not.toContain("fact-missing");
    expect(rules).not.toContain("invalid-file");
  });

  it("lets the id be changed, and never shortens a long title silently", async () => {
    const dir = emptyDir();
    const title =
      "Memorandum on the coordinated prosecution of firearms trafficking offenses along the Southwest border";
    const prompter = new ScriptedPrompter(drafter(title, "firearms-memo"));
    expect(await initCommand(undefined, {}, {}, io(dir), prompter)).toBe(0);
    const offered = prompter.asked.find((a) => a.message.startsWith("Draft id"))!;
    expect(String(offered.default).length).toBeLessThanOrEqual(48);
    expect(String(offered.default)).toMatch(
      /^memorandum-on-the-coordinated-prosecution-of(-[a-z]+)?$/,
    );
    expect(existsSync(path.join(dir, "firearms-memo.md"))).toBe(true);

    const flagsOnly = emptyDir();
    const { stdout } = await runCli(["init", "--title", title], { cwd: flagsOnly });
    expect(stdout).toMatch(
      /draft id \S+ \(shortened from the title at a word boundary; choose another with --id\)/,
    );
  });

  it("adds a second draft to an existing project and leaves its config byte-identical", async () => {
    const dir = emptyDir();
    expect(
      (await runCli(["init", "--title", "Border referrals", "--ci", "github"], { cwd: dir })).code,
    ).toBe(0);
    const config = path.join(dir, "preclear.config.yaml");
    writeFileSync(
      config,
      `${readFileSync(config, "utf8")}# our own setting\nfailOn: warning\n`.replace(
        "failOn: error\n",
        "",
      ),
    );
    const before = readFileSync(config, "utf8");
    const workflow = readFileSync(path.join(dir, ".github/workflows/preclear.yml"), "utf8");

    const second = await runCli(
      ["init", "--title", "Detention standards", "--draft", "detention", "--ci", "github"],
      { cwd: dir },
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("kept preclear.config.yaml");
    expect(readFileSync(config, "utf8")).toBe(before);
    expect(readFileSync(path.join(dir, ".github/workflows/preclear.yml"), "utf8")).toBe(workflow);
    expect(existsSync(path.join(dir, "detention.md"))).toBe(true);
    // --draft names the draft: its id and its files.
    expect(parse(readFileSync(path.join(dir, "detention.review.yaml"), "utf8")).draft).toBe(
      "detention",
    );
    const check = await runCli(["check", "--format", "json"], { cwd: dir });
    expect(JSON.parse(check.stdout).drafts).toHaveLength(2);

    const again = await runCli(["init", "--title", "Detention standards", "--draft", "detention"], {
      cwd: dir,
    });
    expect(again.code).toBe(1);
  });
});
