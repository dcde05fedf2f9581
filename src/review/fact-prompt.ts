/**
 * One scoping fact, asked with a prompt of its type. `review` and `init` both
 * ask facts this way. Every fact can be left for later: Enter on an empty
 * answer (or on "answer later", where the cursor starts) records nothing.
 */
import type { ChalkInstance } from "chalk";
import type { Fact } from "../core/types/checklist.js";
import type { FactValue } from "../core/types/draft.js";
import { isCalendarDate } from "../core/evaluate/dates.js";
import type { Prompter } from "./prompts.js";
import { plainInline, printable, renderMarkdown } from "./terminal.js";

const LATER = "__later";

export async function askFact(
  prompter: Prompter,
  fact: Fact,
  chalk: ChalkInstance,
): Promise<FactValue | undefined> {
  if (fact.help) prompter.print(`${chalk.dim(renderMarkdown(fact.help, chalk, 2))}\n`);
  const message = plainInline(`${fact.question}${fact.unit ? ` (${fact.unit})` : ""}`);
  switch (fact.type) {
    case "boolean": {
      const value = await prompter.select({
        message,
        choices: [
          { value: LATER, name: "answer later" },
          { value: "yes", name: "yes" },
          { value: "no", name: "no" },
        ],
        default: LATER,
      });
      return value === LATER ? undefined : value === "yes";
    }
    case "integer":
    case "number":
      return prompter.number({
        message: `${message} — Enter to answer later`,
        integer: fact.type === "integer",
        ...(fact.minimum !== undefined ? { min: fact.minimum } : {}),
        ...(fact.maximum !== undefined ? { max: fact.maximum } : {}),
      });
    case "enum": {
      const value = await prompter.select({
        message,
        choices: [
          { value: LATER, name: "answer later" },
          ...(fact.options ?? []).map((o) => ({ value: o, name: printable(o) })),
        ],
        default: LATER,
      });
      return value === LATER ? undefined : value;
    }
    case "date": {
      const text = await prompter.input({
        message: `${message} (YYYY-MM-DD) — Enter to answer later`,
        validate: (v) =>
          v.trim() === "" || isCalendarDate(v.trim()) || "enter a calendar date as YYYY-MM-DD",
      });
      return text.trim() === "" ? undefined : text.trim();
    }
    case "list": {
      const text = await prompter.input({
        message: `${message} (comma-separated) — Enter to answer later`,
      });
      const list = text
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return list.length === 0 ? undefined : list;
    }
    default: {
      const text = await prompter.input({ message: `${message} — Enter to answer later` });
      return text.trim() === "" ? undefined : text.trim();
    }
  }
}
