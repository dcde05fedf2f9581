import { printable } from "../formatters/text.js";

/**
 * The one place that talks to the prompt library. Commands and the walk use
 * the `Prompter` interface; tests pass a scripted one.
 */
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
 * The real thing: @inquirer/prompts, loaded only when `review` runs. Every
 * message, choice and default passes through the terminal sanitiser.
 */
export async function inquirerPrompter(write: (text: string) => void): Promise<Prompter> {
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
    confirm: (o) =>
      guard(() => inquirer.confirm({ message: printable(o.message), default: o.default })),
    number: (o) =>
      guard(() =>
        inquirer.number({
          message: printable(o.message),
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
          message: printable(o.message),
          default: o.default === undefined ? undefined : printable(o.default),
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
          message: printable(o.message),
          choices: o.choices.map((c) => ({
            value: c.value,
            name: printable(c.name),
            description: c.description === undefined ? undefined : printable(c.description),
          })),
          default: o.default,
          pageSize: o.pageSize ?? 10,
        }),
      ),
    checkbox: (o) =>
      guard(() =>
        inquirer.checkbox({
          message: printable(o.message),
          choices: o.choices.map((c) => ({
            value: c.value,
            name: printable(c.name),
            description: c.description === undefined ? undefined : printable(c.description),
            checked: c.checked ?? false,
          })),
          required: o.required ?? false,
          pageSize: 12,
        }),
      ),
    print: write,
  };
}
