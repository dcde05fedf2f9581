/**
 * Drives the built CLI in a pseudo-terminal, as a person at a keyboard would:
 * wait for the screen to settle, read the current prompt, type an answer.
 */
import { spawn } from "@lydell/node-pty";
import type { IPty } from "@lydell/node-pty";
import path from "node:path";
import { assertBuiltCli } from "../helpers/cli.js";

export const ROOT = path.resolve(
  import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname),
  "..",
  "..",
);
export const BIN = path.join(ROOT, "bin", "preclear.js");

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-Za-z]|\x1b[=>78]/g;

export function strip(text: string): string {
  return text.replace(ANSI, "").replace(/\r/g, "");
}

export class Session {
  readonly pty: IPty;
  raw = "";
  exitCode: number | undefined;
  signal: number | undefined;
  private lastData = Date.now();
  private readonly exited: Promise<number>;

  constructor(args: string[], cwd: string, env: Record<string, string> = {}) {
    assertBuiltCli();
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && k !== "CI" && k !== "GITHUB_ACTIONS" && k !== "NODE_OPTIONS")
        base[k] = v;
    }
    this.pty = spawn(process.execPath, [BIN, ...args], {
      name: "xterm-256color",
      cols: 160,
      rows: 50,
      cwd,
      env: { ...base, TERM: "xterm-256color", NO_COLOR: "1", ...env },
    });
    this.pty.onData((data) => {
      this.raw += data;
      this.lastData = Date.now();
    });
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.exitCode = exitCode;
        this.signal = signal;
        resolve(exitCode);
      });
    });
  }

  get screen(): string {
    return strip(this.raw);
  }

  /** Wait until nothing has been printed for `quietMs` (or the process ended). */
  async settle(quietMs = 80, timeoutMs = 20_000): Promise<void> {
    const start = Date.now();
    while (this.exitCode === undefined && Date.now() - this.lastData < quietMs) {
      if (Date.now() - start > timeoutMs)
        throw new Error(`screen never settled:\n${this.screen.slice(-2000)}`);
      await sleep(10);
    }
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const start = Date.now();
    while (!pattern.test(this.screen)) {
      if (this.exitCode !== undefined)
        throw new Error(`exited ${this.exitCode} before ${pattern}:\n${this.screen.slice(-3000)}`);
      if (Date.now() - start > timeoutMs)
        throw new Error(`timed out waiting for ${pattern}:\n${this.screen.slice(-3000)}`);
      await sleep(15);
    }
  }

  /** Wait until a prompt is drawn and waiting for an answer; returns its text. */
  async waitForPrompt(timeoutMs = 20_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      await this.settle();
      const prompt = this.currentPrompt();
      if (prompt) return prompt;
      if (this.exitCode !== undefined)
        throw new Error(`exited ${this.exitCode} with no prompt:\n${this.screen.slice(-3000)}`);
      if (Date.now() - start > timeoutMs)
        throw new Error(`no prompt drawn:\n${this.screen.slice(-3000)}`);
      await sleep(20);
    }
  }

  /** The text of the prompt now waiting for an answer, if any. */
  currentPrompt(): string | undefined {
    const screen = this.screen;
    // The last "? " that starts a prompt: not one inside an answered line
    // ("✔ Does the policy change volume? yes"), whose question ends in "?".
    let at = screen.lastIndexOf("? ");
    while (at !== -1 && screen.slice(screen.lastIndexOf("\n", at) + 1, at).includes("✔"))
      at = screen.lastIndexOf("? ", at - 1);
    if (at === -1) return undefined;
    const after = screen.slice(at + 2);
    // Answered prompts are redrawn with ✔; a later ✔ means nothing is pending.
    if (/✔/.test(after)) return undefined;
    return after.split("\n")[0]!.trim();
  }

  write(keys: string): void {
    this.pty.write(keys);
  }

  async exit(timeoutMs = 20_000): Promise<number> {
    const timer = sleep(timeoutMs).then(() => {
      throw new Error(`process did not exit:\n${this.screen.slice(-2000)}`);
    });
    return Promise.race([this.exited, timer]);
  }

  kill(signal: string): void {
    try {
      this.pty.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const ENTER = "\r";

/**
 * The answer a diligent drafter gives: everything satisfied with evidence,
 * capacity well above any demand, and each stakeholder concurring.
 */
export function diligentAnswer(prompt: string): string {
  // Select prompts start on "skip" / "decide later": the answer is chosen by number.
  if (/^Status/.test(prompt)) return `2${ENTER}`; // satisfied
  if (/^Decision\b/.test(prompt)) return `2${ENTER}`; // concur
  if (
    /^(Comments from|Conditions on|Tasking|Notice\b|Level of|Has the non-concurrence)/.test(prompt)
  )
    return ENTER;
  if (/^Contact/.test(prompt)) return `E2E liaison, Office of the Deputy${ENTER}`;
  if (/^Evidence document/.test(prompt)) return `evidence/e2e.pdf${ENTER}`;
  if (/^Confirmed capacity/.test(prompt)) return `10000000${ENTER}`;
  if (/^Date confirmed/.test(prompt) || /^Date of the decision/.test(prompt)) return ENTER;
  if (/^Notes \(optional/.test(prompt) || /^Comments — Enter to skip/.test(prompt)) return ENTER;
  if (/^Notes/.test(prompt)) return `Confirmed in the coordination meeting${ENTER}`;
  if (/^Decided by/.test(prompt)) return `E2E Official, Deputy Director${ENTER}`;
  if (/^Record the (decision|escalation)|\(y\/N\)|\(Y\/n\)/.test(prompt)) return `y${ENTER}`;
  if (/^How many|\(days\)|\(attorneys\)|\(percent\)|\/month\)|per month/i.test(prompt))
    return `10${ENTER}`;
  throw new Error(`no scripted answer for prompt: ${prompt}`);
}

/** Only Enter, whatever is asked. */
export function enterOnly(): string {
  return ENTER;
}

/**
 * Answer prompts until the process exits or `limit` answers were typed. Under
 * load a prompt may be drawn in pieces with pauses between them: a prompt the
 * responder does not know yet is read again once more of it is on the screen,
 * and only a prompt that stays unknown for `unknownMs` fails.
 */
export async function answer(
  session: Session,
  responder: (prompt: string) => string,
  limit = Infinity,
  unknownMs = 10_000,
): Promise<number> {
  let answered = 0;
  let lastScreenLength = -1;
  let unknownSince: number | undefined;
  while (session.exitCode === undefined && answered < limit) {
    await session.settle();
    const prompt = session.currentPrompt();
    if (prompt === undefined || session.screen.length === lastScreenLength) {
      await sleep(20);
      continue;
    }
    let keys: string;
    try {
      keys = responder(prompt);
    } catch (error) {
      unknownSince ??= Date.now();
      if (Date.now() - unknownSince > unknownMs) throw error;
      await sleep(50);
      continue;
    }
    unknownSince = undefined;
    lastScreenLength = session.screen.length;
    session.write(keys);
    answered++;
  }
  return answered;
}
