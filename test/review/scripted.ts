/**
 * A Prompter for in-process walks: answers come from a responder; `undefined`
 * means the user pressed Enter (the prompt's default, as the terminal gives it).
 */
import type { Choice, Prompter } from "../../src/review/prompts.js";

export interface Asked {
  kind: "confirm" | "number" | "input" | "select" | "checkbox";
  message: string;
  choices?: Array<Choice<string>>;
  default?: unknown;
}

export type Responder = (asked: Asked) => string | number | boolean | undefined;

export class ScriptedPrompter implements Prompter {
  screen = "";
  asked: Asked[] = [];
  constructor(private readonly responder: Responder = () => undefined) {}

  private answer(asked: Asked): unknown {
    this.asked.push(asked);
    this.screen += `? ${asked.message}\n`;
    const given = this.responder(asked);
    if (given !== undefined) return given;
    if (asked.kind === "confirm") return asked.default ?? true; // inquirer's own default
    if (asked.kind === "select") return asked.default ?? asked.choices![0]!.value;
    if (asked.kind === "input") return asked.default ?? "";
    if (asked.kind === "checkbox") return "";
    return asked.default;
  }

  async confirm(o: { message: string; default?: boolean }): Promise<boolean> {
    return this.answer({ kind: "confirm", message: o.message, default: o.default }) as boolean;
  }
  async number(o: { message: string; default?: number; required?: boolean }) {
    const value = this.answer({ kind: "number", message: o.message, default: o.default });
    if (value === undefined && o.required) throw new Error(`Enter cannot answer: ${o.message}`);
    return value as number | undefined;
  }
  async input(o: {
    message: string;
    default?: string;
    required?: boolean;
    validate?: (value: string) => true | string;
  }): Promise<string> {
    const value = String(this.answer({ kind: "input", message: o.message, default: o.default }));
    if (o.required && value.trim() === "") throw new Error(`Enter cannot answer: ${o.message}`);
    const valid = o.validate ? o.validate(value) : true;
    if (valid !== true) throw new Error(`refused "${value}" at ${o.message}: ${valid}`);
    return value;
  }
  async select<T extends string>(o: { message: string; choices: Choice<T>[]; default?: T }) {
    return this.answer({
      kind: "select",
      message: o.message,
      choices: o.choices,
      default: o.default,
    }) as T;
  }
  async checkbox<T extends string>(o: {
    message: string;
    choices: Array<Choice<T> & { checked?: boolean }>;
  }): Promise<T[]> {
    const given = this.answer({ kind: "checkbox", message: o.message, choices: o.choices });
    if (typeof given === "string" && given !== "") return given.split(",") as T[];
    return o.choices.filter((c) => c.checked).map((c) => c.value);
  }
  print(text: string): void {
    this.screen += text;
  }
}
