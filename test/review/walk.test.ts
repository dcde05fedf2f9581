/**
 * The whole review walk, in-process, through the Prompter seam
 * (src/review/prompts.ts): the same `reviewCommand` the terminal runs, with a
 * scripted person answering instead of @inquirer/prompts. The pseudo-terminal
 * tests (test/e2e/review-pty.test.ts) keep only what needs a terminal: keys,
 * Ctrl-C and rendering.
 */
import { copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { INTERRUPTED, reviewCommand } from "../../src/cli/commands/review.js";
import type { CliIO } from "../../src/cli/io.js";
import { PromptCancelled } from "../../src/review/prompts.js";
import type { Prompter } from "../../src/review/prompts.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fixtures.js";

const DRAFT = "zero-tolerance-2018.md";
const REVIEW = "zero-tolerance-2018.review.yaml";
const AS_OF = "2018-03-01";

/**
 * A diligent drafter: everything satisfied with evidence, capacity well above
 * any demand, each stakeholder concurring. Like a real prompt, it refuses an
 * answer the prompt's own validation would refuse. After `limit` answers it
 * presses Ctrl-C.
 */
class ScriptedPerson implements Prompter {
  readonly asked: string[] = [];
  printed = "";
  constructor(private readonly limit = Infinity) {}

  private ask(message: string): void {
    if (this.asked.length >= this.limit) throw new PromptCancelled();
    this.asked.push(message);
  }

  async confirm(o: { message: string }): Promise<boolean> {
    this.ask(o.message);
    return true;
  }

  async checkbox<T extends string>(o: {
    message: string;
    choices: Array<{ value: T }>;
  }): Promise<T[]> {
    this.ask(o.message);
    return o.choices.map((c) => c.value);
  }

  async number(o: { message: string; min?: number; max?: number }): Promise<number> {
    this.ask(o.message);
    const value = /^Confirmed capacity/.test(o.message) ? 10_000_000 : 10;
    if ((o.min !== undefined && value < o.min) || (o.max !== undefined && value > o.max)) {
      throw new Error(`scripted ${value} outside ${o.min}..${o.max} for ${o.message}`);
    }
    return value;
  }

  async input(o: {
    message: string;
    default?: string;
    required?: boolean;
    validate?: (value: string) => true | string;
  }): Promise<string> {
    this.ask(o.message);
    const m = o.message;
    let value: string;
    if (/^Contact/.test(m)) value = "E2E liaison, Office of the Deputy";
    else if (/^Evidence document/.test(m)) value = "evidence/e2e.pdf";
    else if (/\(YYYY-MM-DD\)/.test(m)) value = o.default ?? AS_OF;
    else if (/^Notes \(optional|^Comments \(optional|^Comments — Enter to skip/.test(m)) value = "";
    else if (/^Notes/.test(m)) value = "Confirmed in the coordination meeting";
    else if (/^Decided by/.test(m)) value = "E2E Official, Deputy Director";
    else throw new Error(`no scripted answer for: ${m}`);
    if (o.required && value.trim() === "") throw new Error(`empty answer to required ${m}`);
    const valid = o.validate?.(value) ?? true;
    if (valid !== true) throw new Error(`scripted answer "${value}" refused: ${valid}`);
    return value;
  }

  async select<T extends string>(o: { message: string; choices: Array<{ value: T }> }): Promise<T> {
    this.ask(o.message);
    const wanted = /^Status/.test(o.message)
      ? "satisfied"
      : /^Decision/.test(o.message)
        ? "concur"
        : undefined;
    const choice = o.choices.find((c) => c.value === wanted) ?? o.choices[0];
    if (!choice) throw new Error(`no choices for ${o.message}`);
    return choice.value;
  }

  print(text: string): void {
    this.printed += text;
  }
}

function captureIO(cwd: string): CliIO & { err: () => string } {
  let stderr = "";
  return {
    stdout: { write: () => true, isTTY: true, columns: 100 },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
      isTTY: true,
    },
    stdinIsTTY: true,
    env: {},
    cwd,
    err: () => stderr,
  };
}

const GLOBALS = { asOf: AS_OF, color: false };

describe("preclear review, walked in-process", () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
    copyFileSync(path.join(REPO_ROOT, "examples", DRAFT), path.join(temp.dir, DRAFT));
  });
  afterEach(() => temp.remove());

  const review = () => parse(readFileSync(path.join(temp.dir, REVIEW), "utf8"));

  test("an empty review walked to the end: every item answered and every clearing office decided", async () => {
    const person = new ScriptedPerson();
    const io = captureIO(temp.dir);
    const code = await reviewCommand(DRAFT, { actor: "walker" }, GLOBALS, io, person);
    expect(io.err()).toBe("");
    expect(code).toBe(0);
    expect(person.printed).toMatch(/stakeholder 1 of \d+ · item 1 of \d+ · step 1 of \d+/);
    expect(person.printed).toContain("Walk finished.");

    const saved = review();
    expect(saved.history.length).toBeGreaterThan(100);
    expect(saved.history.every((h: { actor: string }) => h.actor === "walker")).toBe(true);
    const check = await runCli(["--as-of", AS_OF, "check", "-f", "json", DRAFT], {
      cwd: temp.dir,
    });
    const rules = new Set(
      (
        JSON.parse(check.stdout) as { drafts: Array<{ findings: Array<{ ruleId: string }> }> }
      ).drafts
        .flatMap((d) => d.findings)
        .map((f) => f.ruleId),
    );
    // Every item satisfied with its evidence, every clearing office decided:
    // what is left is the sign-offs and the part-two records the walk leaves
    // to the clearance office (notices, taskings), never an open answer.
    expect(rules).toContain("signoff-missing");
    for (const answered of [
      "item-open",
      "evidence-missing",
      "capacity-shortfall",
      "decision-missing",
      "fact-missing",
    ])
      expect(rules).not.toContain(answered);
    expect(check.code).toBe(1);
  }, 120_000);

  test("Ctrl-C exits 130 with every answer given saved; the next walk resumes there", async () => {
    // The example leaves 11 facts unanswered: past them, into the items.
    const first = new ScriptedPerson(40);
    const io = captureIO(temp.dir);
    expect(await reviewCommand(DRAFT, { actor: "walker" }, GLOBALS, io, first)).toBe(INTERRUPTED);
    expect(io.err()).toContain(`Every answer you gave is saved in ${REVIEW}`);
    expect(io.err()).toContain(`preclear review ${DRAFT}`);

    const acknowledged = [...first.printed.matchAll(/✓ saved (\S+)\/(\S+): satisfied/g)];
    expect(acknowledged.length).toBeGreaterThan(0);
    const saved = review();
    for (const [, stakeholder, item] of acknowledged) {
      expect(saved.stakeholders[stakeholder!].items[item!].status).toBe("satisfied");
    }

    // A few answers are enough to see where the second walk starts.
    const second = new ScriptedPerson(5);
    expect(await reviewCommand(DRAFT, {}, GLOBALS, captureIO(temp.dir), second)).toBe(INTERRUPTED);
    expect(second.printed).toMatch(/Resuming: \d+ of \d+ steps are complete/);
    const steps = (printed: string) =>
      [...printed.matchAll(/· step (\d+) of \d+/g)].map((m) => Number(m[1]));
    // It starts where the first walk stopped, not at the beginning.
    expect(steps(first.printed).at(-1)).toBeGreaterThan(1);
    expect(steps(second.printed)[0]).toBeGreaterThanOrEqual(steps(first.printed).at(-1)!);
    // What the first walk saved stays as it was.
    const after = review();
    for (const [, stakeholder, item] of acknowledged) {
      expect(after.stakeholders[stakeholder!].items[item!].status).toBe("satisfied");
    }
    const byFirst = after.history.filter((h: { actor: string }) => h.actor === "walker");
    expect(byFirst.length).toBe(saved.history.length);
  }, 120_000);
});
