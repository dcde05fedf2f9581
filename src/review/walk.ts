/**
 * The interactive walk of `preclear review`: unknown scoping facts first, then
 * every applicable stakeholder in coordination order, item by item, then its
 * decision. Every answer is saved the moment it is given.
 */
import { Chalk } from "chalk";
import type { ChalkInstance } from "chalk";
import type { ChecklistLibrary, ResolvedFact } from "../core/load/checklist.js";
import { isCalendarDate } from "../core/evaluate/dates.js";
import { PreclearError } from "../core/diagnostics.js";
import { evaluate, loadBundle } from "../core/evaluate/evaluate.js";
import type {
  Evaluation,
  ItemEvaluation,
  StakeholderEvaluation,
} from "../core/evaluate/evaluate.js";
import { formatFactValue } from "../core/evaluate/facts.js";
import { formatNumber } from "../core/numbers.js";
import { decisionState, itemState, stateContext } from "../core/rules/state.js";
import type { FactValue } from "../core/types/draft.js";
import type { Decision, ItemResponse, Review } from "../core/types/review.js";
import { terminalLine as t, terminalText } from "../core/terminal.js";
import { sanitisingPrompter } from "./prompts.js";
import type { Choice, Prompter } from "./prompts.js";
import { ReviewStore } from "./store.js";

export interface WalkOptions {
  draftFile: string;
  library: ChecklistLibrary;
  asOf: string;
  allowOutside?: boolean;
  stakeholder?: string;
  onlyOpen?: boolean;
  actor?: string;
  prompter: Prompter;
  color: boolean;
  now?: () => Date;
}

export interface WalkResult {
  reviewPath: string;
  /** Answers saved during this walk. */
  saved: number;
  /** Steps (items and decisions) complete at the end, and in all. */
  complete: number;
  total: number;
}

type Step =
  | { kind: "item"; s: StakeholderEvaluation; i: ItemEvaluation }
  | { kind: "decision"; s: StakeholderEvaluation };

const BACK = "__back";
const STATUS_CHOICES: Array<Choice<ItemResponse["status"]>> = [
  { value: "satisfied", name: "satisfied — established with the stakeholder, with evidence" },
  { value: "in-progress", name: "in progress — being worked" },
  { value: "open", name: "open — not started" },
  { value: "not-applicable", name: "not applicable — with a justification" },
  { value: "risk-accepted", name: "risk accepted — by a named official, with a rationale" },
];
const DECISION_CHOICES: Array<Choice<Decision["status"] | "later">> = [
  { value: "concur", name: "concur" },
  { value: "concur-with-comments", name: "concur with comments" },
  { value: "non-concur", name: "non-concur (rationale required)" },
  { value: "later", name: "decide later" },
];

export class Walk {
  private readonly chalk: ChalkInstance;
  private store!: ReviewStore;
  private evaluation!: Evaluation;
  private saved = 0;

  private readonly sanitised: Prompter;

  constructor(private readonly options: WalkOptions) {
    this.chalk = new Chalk({ level: options.color ? 1 : 0 });
    this.sanitised = sanitisingPrompter(options.prompter);
  }

  /** Every prompt and every printed line goes through the one terminal sanitiser. */
  private get prompter(): Prompter {
    return this.sanitised;
  }

  /** The review path, known once the draft has loaded. */
  reviewPath: string | undefined;

  async run(): Promise<WalkResult> {
    this.reevaluate();
    this.reviewPath = this.evaluation.draft.reviewPath;
    this.store = await ReviewStore.open(this.reviewPath, {
      draftId: this.evaluation.draft.draft.id,
      create: true,
      ...(this.options.actor ? { actor: this.options.actor } : {}),
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    const { draft } = this.evaluation.draft;
    this.prompter.print(
      `${this.chalk.bold(t(draft.title))} ${this.chalk.dim(`(${draft.id})`)}\n` +
        this.chalk.dim(`Review: ${this.reviewPath} — every answer is saved as you give it.\n`),
    );
    await this.askMissingFacts();
    const steps = this.steps();
    if (steps.length === 0) {
      this.prompter.print("Nothing to walk: no applicable stakeholder matches.\n");
      return this.result(steps);
    }
    let index = this.startIndex(steps);
    if (index === steps.length) {
      this.prompter.print(
        this.chalk.green("✔ Every applicable item and decision is already recorded.\n"),
      );
      return this.result(steps);
    }
    if (index > 0)
      this.prompter.print(
        this.chalk.dim(
          `Resuming at the first unanswered step (${index + 1} of ${steps.length}).\n`,
        ),
      );
    while (index < steps.length) {
      const step = steps[index]!;
      const back =
        step.kind === "item"
          ? await this.askItem(step, steps, index)
          : await this.askDecision(step, steps, index);
      index = back ? Math.max(0, index - 1) : index + 1;
    }
    const result = this.result(steps);
    this.prompter.print(
      `\n${this.chalk.bold("Walk finished.")} ${result.complete} of ${result.total} steps complete; ${this.saved} answer${this.saved === 1 ? "" : "s"} saved to ${this.reviewPath}.\n` +
        `Next: ${this.chalk.cyan(`preclear check ${this.options.draftFile}`)} to see what remains, then ${this.chalk.cyan("preclear signoff")}.\n`,
    );
    return result;
  }

  private reevaluate(): void {
    this.evaluation = evaluate(
      loadBundle(this.options.draftFile, this.options.library, {
        allowOutside: this.options.allowOutside ?? false,
      }),
    );
  }

  private result(steps: Step[]): WalkResult {
    const review = this.store.snapshot();
    return {
      reviewPath: this.reviewPath ?? "",
      saved: this.saved,
      complete: steps.filter((s) => this.isComplete(s, review)).length,
      total: steps.length,
    };
  }

  private ack(what: string): void {
    this.saved++;
    this.prompter.print(this.chalk.green(`  ✓ saved ${what}\n`));
  }

  // ---- facts -------------------------------------------------------------

  private missingFacts(): string[] {
    const names = new Set<string>();
    for (const s of this.evaluation.stakeholders) {
      s.condition.missing.forEach((n) => names.add(n));
      for (const i of s.items) {
        i.condition.missing.forEach((n) => names.add(n));
        i.demand?.missing.forEach((n) => names.add(n));
      }
    }
    return [...names];
  }

  private async askMissingFacts(): Promise<void> {
    let missing = this.missingFacts();
    if (missing.length === 0) return;
    this.prompter.print(
      this.chalk.bold("\nScoping facts\n") +
        this.chalk.dim("These decide which stakeholders and items apply.\n"),
    );
    const asked = new Set<string>();
    while (missing.length > 0) {
      const name = missing.find((n) => !asked.has(n));
      if (!name) break;
      asked.add(name);
      const fact = this.evaluation.checklist.facts.get(name);
      if (!fact) break;
      const value = await this.askFact(fact);
      await this.store.setFact(name, value);
      this.ack(`fact ${name} = ${formatFactValue(value)}`);
      this.reevaluate();
      missing = this.missingFacts();
    }
  }

  private async askFact({ fact }: ResolvedFact): Promise<FactValue> {
    if (fact.help)
      this.prompter.print(this.chalk.dim(`${indent(terminalText(fact.help.trim()), 2)}\n`));
    const message = `${fact.question}${fact.unit ? ` (${fact.unit})` : ""}`;
    switch (fact.type) {
      case "boolean":
        return this.prompter.confirm({ message });
      case "integer":
      case "number": {
        const value = await this.prompter.number({
          message,
          required: true,
          integer: fact.type === "integer",
          ...(fact.minimum !== undefined ? { min: fact.minimum } : {}),
          ...(fact.maximum !== undefined ? { max: fact.maximum } : {}),
        });
        return value ?? 0;
      }
      case "enum":
        return this.prompter.select({
          message,
          choices: (fact.options ?? []).map((o) => ({ value: o, name: o })),
        });
      case "date":
        return this.prompter.input({
          message: `${message} (YYYY-MM-DD)`,
          required: true,
          validate: dateCheck,
        });
      case "list": {
        const text = await this.prompter.input({ message: `${message} (comma-separated)` });
        return text
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
      }
      default:
        return this.prompter.input({ message, required: true });
    }
  }

  // ---- steps -------------------------------------------------------------

  private steps(): Step[] {
    const applicable = this.evaluation.stakeholders.filter((s) => s.applies === true);
    let chosen = applicable;
    if (this.options.stakeholder) {
      chosen = applicable.filter((s) => s.stakeholder.id === this.options.stakeholder);
      if (chosen.length === 0) {
        throw new PreclearError({
          location: { file: this.options.draftFile, line: 1, column: 1 },
          message: `stakeholder \`${this.options.stakeholder}\` does not apply to this draft; applicable: ${applicable.map((s) => s.stakeholder.id).join(", ")}`,
        });
      }
    }
    const review = this.store.snapshot();
    const steps: Step[] = [];
    for (const s of chosen) {
      for (const i of s.items) if (i.applies === true) steps.push({ kind: "item", s, i });
      steps.push({ kind: "decision", s });
    }
    return this.options.onlyOpen ? steps.filter((step) => !this.isComplete(step, review)) : steps;
  }

  private response(
    review: Review,
    s: StakeholderEvaluation,
    i: ItemEvaluation,
  ): ItemResponse | undefined {
    return review.stakeholders?.[s.stakeholder.id]?.items?.[i.item.id];
  }

  private isComplete(step: Step, review: Review): boolean {
    const record = review.stakeholders?.[step.s.stakeholder.id];
    const context = stateContext(this.evaluation, this.options.asOf);
    if (step.kind === "decision") return decisionState({ ...step.s, record }, context).settled;
    const response = this.response(review, step.s, step.i);
    return itemState({ ...step.i, response }, context).answered;
  }

  private startIndex(steps: Step[]): number {
    const review = this.store.snapshot();
    const first = steps.findIndex((step) => !this.isComplete(step, review));
    return first === -1 ? steps.length : first;
  }

  private header(step: Step, steps: Step[], index: number): string {
    const c = this.chalk;
    const stakeholders = [...new Set(steps.map((x) => x.s.stakeholder.id))];
    const k = stakeholders.indexOf(step.s.stakeholder.id) + 1;
    const items = steps.filter((x) => x.kind === "item" && x.s === step.s);
    const review = this.store.snapshot();
    const done = steps.filter((x) => this.isComplete(x, review)).length;
    const pct = Math.round((done / steps.length) * 100);
    const bar = progressBar(done / steps.length, 20);
    const where =
      step.kind === "item" ? `item ${items.indexOf(step) + 1} of ${items.length}` : "decision";
    return (
      `\n${c.dim("─".repeat(60))}\n` +
      `${c.bold(t(step.s.stakeholder.name))} ${c.dim(`[${step.s.stakeholder.id}]`)}  ` +
      `${c.dim(`stakeholder ${k} of ${stakeholders.length} · ${where} · step ${index + 1} of ${steps.length}`)}\n` +
      `${c.dim(`${bar} ${pct}% complete`)}\n`
    );
  }

  private async askItem(
    step: Extract<Step, { kind: "item" }>,
    steps: Step[],
    index: number,
  ): Promise<boolean> {
    const c = this.chalk;
    const { s, i } = step;
    const item = i.item;
    const current = this.response(this.store.snapshot(), s, i);
    const severity =
      item.severity === "blocker"
        ? c.red("BLOCKER")
        : item.severity === "major"
          ? c.yellow("MAJOR")
          : c.blue("minor");
    let text = this.header(step, steps, index);
    text += `${severity}  ${c.bold(t(item.question))}\n`;
    if (item.guidance) text += `${indent(terminalText(item.guidance.trim()), 2)}\n`;
    if (i.dueDate) {
      const past = i.dueDate < this.options.asOf;
      text += `  Due ${i.dueDate} (${item.due} before issuance)${past ? c.red(" — past due") : ""}\n`;
    }
    if (i.demand) {
      const unit = item.capacity?.unit ? ` ${t(item.capacity.unit)}` : "";
      text += `  Demand: ${i.demand.value !== undefined ? c.bold(`${formatNumber(i.demand.value)}${unit}`) : "unknown"} ${c.dim(`(${i.demand.expression})`)}\n`;
    }
    if (item.sources.length) {
      const titles = item.sources.map((id) =>
        t(this.evaluation.checklist.sources.get(id)?.title ?? id),
      );
      text += c.dim(`  Sources: ${titles.join("; ")}\n`);
    }
    if (current) text += c.dim(`  Currently: ${current.status}\n`);
    this.prompter.print(text);

    const choices: Array<Choice<string>> = [...STATUS_CHOICES];
    if (index > 0) choices.push({ value: BACK, name: "← back to the previous step" });
    const status = await this.prompter.select({
      message: "Status",
      choices,
      default: current?.status ?? "open",
    });
    if (status === BACK) return true;
    const label = `${s.stakeholder.id}/${item.id}`;
    if (status !== current?.status) {
      await this.store.setItemResponse(s.stakeholder.id, item.id, {
        status: status as ItemResponse["status"],
      });
      this.ack(`${label}: ${status}`);
    }
    const save = async (field: keyof ItemResponse, value: string | number | undefined) => {
      const before = this.response(this.store.snapshot(), s, i)?.[field];
      if (value === undefined || value === before) return;
      await this.store.setItemResponse(s.stakeholder.id, item.id, { [field]: value });
      this.ack(`${label} ${field}`);
    };
    const now = () => this.response(this.store.snapshot(), s, i);
    if (status === "satisfied") {
      for (const field of item.evidence) {
        if (field === "capacity") {
          const value = await this.prompter.number({
            message: `Confirmed capacity${item.capacity?.unit ? ` (${item.capacity.unit})` : ""}`,
            min: 0,
            required: true,
            ...(now()?.capacity !== undefined ? { default: now()!.capacity! } : {}),
          });
          await save("capacity", value);
          if (value !== undefined && i.demand?.value !== undefined && value < i.demand.value) {
            this.prompter.print(
              c.yellow(
                `  ⚠ ${formatNumber(value)} is short of the demand of ${formatNumber(i.demand.value)} by ${formatNumber(i.demand.value - value)}; check will report capacity-shortfall.\n`,
              ),
            );
          }
        } else if (field === "date") {
          await save(
            "date",
            await this.prompter.input({
              message: "Date confirmed (YYYY-MM-DD)",
              required: true,
              default: now()?.date ?? this.options.asOf,
              validate: dateCheck,
            }),
          );
        } else {
          const messages = {
            contact: "Contact (who confirmed it, and where)",
            document: "Evidence document (link or repository path)",
            notes: "Notes",
          } as const;
          await save(
            field,
            await this.prompter.input({
              message: messages[field],
              required: true,
              ...(now()?.[field] ? { default: String(now()![field]) } : {}),
            }),
          );
        }
      }
      if (item.capacity && !item.evidence.includes("capacity")) {
        const value = await this.prompter.number({
          message: `Confirmed capacity${item.capacity.unit ? ` (${item.capacity.unit})` : ""}`,
          min: 0,
          ...(now()?.capacity !== undefined ? { default: now()!.capacity! } : {}),
        });
        await save("capacity", value);
      }
    } else if (status === "not-applicable") {
      await save(
        "justification",
        await this.prompter.input({
          message: "Justification (why it does not apply)",
          required: true,
          ...(now()?.justification ? { default: now()!.justification! } : {}),
        }),
      );
    } else if (status === "risk-accepted") {
      await save(
        "acceptedBy",
        await this.prompter.input({
          message: "Accepted by (official's name and title)",
          required: true,
          ...(now()?.acceptedBy ? { default: now()!.acceptedBy! } : {}),
        }),
      );
      await save(
        "rationale",
        await this.prompter.input({
          message: "Rationale",
          required: true,
          ...(now()?.rationale ? { default: now()!.rationale! } : {}),
        }),
      );
    }
    if (!item.evidence.includes("notes")) {
      const notes = await this.prompter.input({
        message: "Notes (optional, Enter to skip)",
        ...(now()?.notes ? { default: now()!.notes! } : {}),
      });
      if (notes.trim() !== "") await save("notes", notes);
    }
    return false;
  }

  private async askDecision(
    step: Extract<Step, { kind: "decision" }>,
    steps: Step[],
    index: number,
  ): Promise<boolean> {
    const c = this.chalk;
    const { s } = step;
    const current = this.store.snapshot().stakeholders?.[s.stakeholder.id]?.decision;
    const open = s.items.filter((i) => {
      if (i.applies !== true) return false;
      const response = this.response(this.store.snapshot(), s, i);
      return !itemState({ ...i, response }, this.options.asOf).done;
    });
    let text = this.header(step, steps, index);
    text += `${c.bold(`Decision of ${t(s.stakeholder.name)}`)}\n`;
    if (open.length)
      text += c.yellow(
        `  ${open.length} item${open.length === 1 ? " is" : "s are"} still open: ${open.map((i) => i.item.id).join(", ")}\n`,
      );
    if (current)
      text += c.dim(
        `  Currently: ${current.status}${current.by ? ` by ${t(current.by)}` : ""}${current.date ? ` on ${current.date}` : ""}\n`,
      );
    this.prompter.print(text);
    const choices: Array<Choice<string>> = [...DECISION_CHOICES];
    if (index > 0) choices.push({ value: BACK, name: "← back to the previous step" });
    const status = await this.prompter.select({
      message: "Decision",
      choices,
      default: current?.status ?? "concur",
    });
    if (status === BACK) return true;
    if (status === "later") return false;
    const decision: Decision = { status: status as Decision["status"] };
    if (status !== "concur") {
      decision.comments = await this.prompter.input({
        message: status === "non-concur" ? "Rationale for non-concurrence" : "Comments",
        required: true,
        ...(current?.comments ? { default: current.comments } : {}),
      });
    } else {
      const comments = await this.prompter.input({
        message: "Comments (optional)",
        ...(current?.comments ? { default: current.comments } : {}),
      });
      if (comments.trim()) decision.comments = comments;
    }
    decision.by = await this.prompter.input({
      message: "Decided by (official's name and title)",
      required: true,
      ...(current?.by ? { default: current.by } : {}),
    });
    decision.date = await this.prompter.input({
      message: "Date (YYYY-MM-DD)",
      required: true,
      default: current?.date ?? this.options.asOf,
      validate: dateCheck,
    });
    await this.store.setDecision(s.stakeholder.id, decision);
    this.ack(`${s.stakeholder.id} decision: ${decision.status}`);
    return false;
  }
}

function dateCheck(value: string): true | string {
  return isCalendarDate(value.trim()) ? true : "enter a calendar date as YYYY-MM-DD";
}

function indent(text: string, n: number): string {
  const pad = " ".repeat(n);
  return text
    .split("\n")
    .map((line) => (line ? pad + line : line))
    .join("\n");
}

function progressBar(fraction: number, width: number): string {
  const full = Math.round(fraction * width);
  return `[${"█".repeat(full)}${"░".repeat(width - full)}]`;
}
