/**
 * The one place that talks to the prompt library. Commands and the walk use
 * the `Prompter` interface; tests pass a scripted one.
 */
import { terminalLine, terminalOutput } from "../core/terminal.js";

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

export interface Prompter {
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
  number(options: {
    message: string;
    min?: number;
    max?: number;
    integer?: boolean;
    default?: number;
    required?: boolean;
  }): Promise<number | undefined>;
  input(options: {
    message: string;
    default?: string;
    required?: boolean;
    validate?: (value: string) => true | string;
  }): Promise<string>;
  select<T extends string>(options: {
    message: string;
    choices: Choice<T>[];
    default?: T;
    pageSize?: number;
  }): Promise<T>;
  /** Several choices at once; `checked` ones start selected. */
  checkbox<T extends string>(options: {
    message: string;
    choices: Array<Choice<T> & { checked?: boolean }>;
    required?: boolean;
  }): Promise<T[]>;
  /** Context on screen between prompts. */
  print(text: string): void;
}

/** The user pressed Ctrl-C (or closed the terminal) at a prompt. */
export class PromptCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "PromptCancelled";
  }
}

/**
 * A prompter whose every message, choice, default and printed text goes
 * through the one terminal sanitiser (core/terminal.ts): a question, a name or
 * guidance from a checklist or review cannot clear the screen, move the
 * cursor, forge a line in a prompt or reorder text with bidi controls.
 * Messages and choices are one line; printed text keeps its line breaks and
 * preclear's own colours only.
 */
export function sanitisingPrompter(inner: Prompter): Prompter {
  const line = (text: string) => terminalLine(text);
  const maybe = (text: string | undefined) => (text === undefined ? undefined : line(text));
  return {
    confirm: (o) => inner.confirm({ ...o, message: line(o.message) }),
    number: (o) => inner.number({ ...o, message: line(o.message) }),
    input: (o) => {
      const options = { ...o, message: line(o.message) };
      const shownDefault = maybe(o.default);
      if (shownDefault !== undefined) options.default = shownDefault;
      if (o.validate) {
        const validate = o.validate;
        options.validate = (value: string) => {
          const verdict = validate(value);
          return verdict === true ? true : line(verdict);
        };
      }
      return inner.input(options);
    },
    select: (o) =>
      inner.select({
        ...o,
        message: line(o.message),
        choices: o.choices.map((c) => {
          const choice: Choice<(typeof o.choices)[number]["value"]> = {
            value: c.value,
            name: line(c.name),
          };
          const description = maybe(c.description);
          if (description !== undefined) choice.description = description;
          return choice;
        }),
      }),
    checkbox: (o) =>
      inner.checkbox({
        ...o,
        message: line(o.message),
        choices: o.choices.map((c) => {
          const choice: Choice<(typeof o.choices)[number]["value"]> & { checked?: boolean } = {
            value: c.value,
            name: line(c.name),
          };
          const description = maybe(c.description);
          if (description !== undefined) choice.description = description;
          if (c.checked !== undefined) choice.checked = c.checked;
          return choice;
        }),
      }),
    print: (text) => inner.print(terminalOutput(text)),
  };
}

/** The real thing: @inquirer/prompts, loaded only when `review` runs; sanitised. */
export async function inquirerPrompter(write: (text: string) => void): Promise<Prompter> {
  return sanitisingPrompter(await rawInquirerPrompter(write));
}

async function rawInquirerPrompter(write: (text: string) => void): Promise<Prompter> {
  const inquirer = await import("@inquirer/prompts");
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      const name = (error as Error | undefined)?.name;
      if (name === "ExitPromptError" || name === "AbortPromptError") throw new PromptCancelled();
      throw error;
    }
  };
  return {
    confirm: (o) => guard(() => inquirer.confirm({ message: o.message, default: o.default })),
    number: (o) =>
      guard(() =>
        inquirer.number({
          message: o.message,
          min: o.min,
          max: o.max,
          default: o.default,
          required: o.required ?? false,
          step: o.integer ? 1 : "any",
          validate: (value: number | undefined) => {
            if (value === undefined) return o.required ? "a number is required" : true;
            if (!Number.isFinite(value)) return "enter a number";
            if (o.integer && !Number.isInteger(value)) return "enter a whole number";
            return true;
          },
        }),
      ),
    input: (o) =>
      guard(() =>
        inquirer.input({
          message: o.message,
          default: o.default,
          required: o.required ?? false,
          validate: (value: string) => {
            if (o.required && value.trim() === "") return "an answer is required";
            return o.validate ? o.validate(value) : true;
          },
        }),
      ),
    select: (o) =>
      guard(() =>
        inquirer.select({
          message: o.message,
          choices: o.choices.map((c) => ({
            value: c.value,
            name: c.name,
            description: c.description,
          })),
          default: o.default,
          pageSize: o.pageSize ?? 10,
        }),
      ),
    checkbox: (o) =>
      guard(() =>
        inquirer.checkbox({
          message: o.message,
          choices: o.choices.map((c) => ({
            value: c.value,
            name: c.name,
            description: c.description,
            checked: c.checked ?? false,
          })),
          required: o.required ?? false,
          pageSize: 12,
        }),
      ),
    print: write,
  };
}
