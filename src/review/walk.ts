/**
 * The interactive walk of `preclear review`: unknown scoping facts first, then
 * every applicable stakeholder in coordination order — its tasking, its items,
 * then its decision (or, for a consult or inform office, the notice it was
 * given) — and, with `adjudicate`, the comments offices sent. Every answer is
 * saved the moment it is given.
 *
 * No answer by accident: every select starts on "skip" / "decide later", a
 * decision is recorded only after a confirmation that shows who decided what
 * for which office, and each kind of step always asks the same prompts.
 */
import { Chalk } from "chalk";
import type { ChalkInstance } from "chalk";
import type { ChecklistLibrary } from "../core/load/checklist.js";
import { isCalendarDate, localToday, parseDuration } from "../core/evaluate/dates.js";
import { PreclearError } from "../core/diagnostics.js";
import { closest } from "../core/load/schemas.js";
import { evaluate, loadBundle } from "../core/evaluate/evaluate.js";
import { decisionState, itemState, stateContext } from "../core/rules/state.js";
import type {
  Evaluation,
  ItemEvaluation,
  StakeholderEvaluation,
} from "../core/evaluate/evaluate.js";
import { formatFactValue } from "../core/evaluate/facts.js";
import { formatNumber } from "../core/numbers.js";
import type {
  Comment,
  Condition,
  Decision,
  Escalation,
  ItemResponse,
  Notice,
  Review,
  StakeholderRecord,
  Tasking,
} from "../core/types/review.js";
import { askFact } from "./fact-prompt.js";
import { sanitisingPrompter } from "./prompts.js";
import type { Choice, Prompter } from "./prompts.js";
import { ReviewStore } from "./store.js";
import { durationWords, printable, renderInline, renderMarkdown } from "./terminal.js";

export interface WalkOptions {
  draftFile: string;
  library: ChecklistLibrary;
  asOf: string;
  allowOutside?: boolean;
  stakeholder?: string;
  /**
   * `--only-open`: pass over complete steps. Every walk now does (a resumed
   * walk never re-asks a complete step); kept so scripts that pass it work.
   */
  onlyOpen?: boolean;
  /** Walk the recorded comments and ask the action office's disposition of each. */
  adjudicate?: boolean;
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

export type Role = "clear" | "consult" | "inform";

type Step =
  | { kind: "item"; s: StakeholderEvaluation; i: ItemEvaluation }
  | { kind: "tasking"; s: StakeholderEvaluation }
  | { kind: "notice"; s: StakeholderEvaluation }
  | { kind: "decision"; s: StakeholderEvaluation }
  | { kind: "scopeOut"; s: StakeholderEvaluation };

const BACK = "__back";
const SKIP = "__skip";
const LATER = "later";

const STATUS_CHOICES: Array<Choice<ItemResponse["status"]>> = [
  { value: "satisfied", name: "satisfied — established with the stakeholder, with evidence" },
  { value: "in-progress", name: "in progress — being worked" },
  { value: "open", name: "open — not started" },
  { value: "not-applicable", name: "not applicable — with a justification" },
  { value: "risk-accepted", name: "risk accepted — by a named official, with a rationale" },
];
const DECISION_CHOICES: Array<Choice<Decision["status"]>> = [
  { value: "concur", name: "concur" },
  { value: "concur-with-comments", name: "concur with comments" },
  { value: "non-concur", name: "non-concur (rationale required)" },
];
const DECISION_WORDS: Record<Decision["status"], string> = {
  concur: "concur",
  "concur-with-comments": "concur with comments",
  "non-concur": "non-concur",
};
const COMMENT_TYPES: Array<Choice<Comment["type"]>> = [
  { value: "critical", name: "critical — a non-concurrence unless resolved" },
  { value: "substantive", name: "substantive" },
  { value: "administrative", name: "administrative — wording, typos, format" },
];
const DISPOSITIONS: Array<Choice<NonNullable<Comment["disposition"]>>> = [
  { value: "pending", name: "pending — decide later" },
  { value: "accepted", name: "accepted" },
  { value: "partially-accepted", name: "partially accepted (response required)" },
  { value: "rejected", name: "rejected (response required)" },
];
const RESOLUTIONS: Array<Choice<NonNullable<Comment["resolution"]>>> = [
  { value: "open", name: "open — the commenter has not answered yet" },
  { value: "agreed", name: "agreed — the commenter accepts the disposition" },
  { value: "elevated", name: "elevated — the commenter did not accept it" },
];

/** The role a stakeholder plays; the checklist field, `clear` when absent. */
export function roleOf(s: StakeholderEvaluation): Role {
  return s.stakeholder.role ?? "clear";
}

export class Walk {
  private readonly chalk: ChalkInstance;
  private store!: ReviewStore;
  private evaluation!: Evaluation;
  private saved = 0;
  /** Steps already complete when the walk started: a resumed walk passes over them. */
  private completeAtStart = new Set<string>();

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
    // A mistyped --stakeholder is refused before anything is asked or written.
    this.checkStakeholderExists();
    this.reviewPath = this.evaluation.draft.reviewPath;
    this.store = await ReviewStore.open(this.reviewPath, {
      draftId: this.evaluation.draft.draft.id,
      create: true,
      ...(this.options.actor ? { actor: this.options.actor } : {}),
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    const { draft } = this.evaluation.draft;
    this.prompter.print(
      `${this.chalk.bold(printable(draft.title))} ${this.chalk.dim(`(${printable(draft.id)})`)}\n` +
        this.chalk.dim(
          `Review: ${printable(this.reviewPath)} — every answer is saved as you give it. ` +
            `Nothing is recorded unless you choose it: Enter on a fresh prompt skips.\n`,
        ),
    );
    if (this.options.adjudicate) return this.adjudicate();
    await this.askMissingFacts();
    const steps = this.steps();
    if (steps.length === 0) {
      this.prompter.print("Nothing to walk: no applicable stakeholder matches.\n");
      return this.result(steps);
    }
    const review = this.store.snapshot();
    this.completeAtStart = new Set(
      steps.filter((s) => this.isComplete(s, review)).map((s) => this.key(s)),
    );
    let index = this.nextIndex(steps, -1);
    if (index === steps.length) {
      this.prompter.print(
        this.chalk.green(
          `✔ All ${steps.length} steps are already complete (items satisfied, not applicable or risk accepted; decisions and notices recorded).\n`,
        ),
      );
      return this.result(steps);
    }
    const done = this.completeAtStart.size;
    if (done > 0)
      this.prompter.print(
        this.chalk.dim(
          `Resuming: ${done} of ${steps.length} steps are complete (items satisfied, not applicable or risk accepted; decisions and notices recorded) and are passed over; ` +
            `${steps.length - done} remain, starting at step ${index + 1}. Choose "← back" to revisit a step.\n`,
        ),
      );
    while (index < steps.length) {
      const step = steps[index]!;
      const back = await this.askStep(step, steps, index);
      index = back ? Math.max(0, index - 1) : this.nextIndex(steps, index);
    }
    const result = this.result(steps);
    this.prompter.print(
      `\n${this.chalk.bold("Walk finished.")} ${result.complete} of ${result.total} steps complete; ${this.saved} answer${this.saved === 1 ? "" : "s"} saved to ${printable(this.reviewPath)}.\n` +
        `Next: ${this.chalk.cyan(`preclear check ${printable(this.options.draftFile)}`)} to see what remains, then ${this.chalk.cyan("preclear signoff")}.\n`,
    );
    return result;
  }

  private askStep(step: Step, steps: Step[], index: number): Promise<boolean> {
    switch (step.kind) {
      case "item":
        return this.askItem(step, steps, index);
      case "tasking":
        return this.askTasking(step, steps, index);
      case "notice":
        return this.askNotice(step, steps, index);
      case "scopeOut":
        return this.askScopeOut(step, steps, index);
      default:
        return this.askDecision(step, steps, index);
    }
  }

  /** The next step after `index` that was not already complete when the walk started. */
  private nextIndex(steps: Step[], index: number): number {
    let next = index + 1;
    while (next < steps.length && this.completeAtStart.has(this.key(steps[next]!))) next++;
    return next;
  }

  private key(step: Step): string {
    return `${step.kind}:${step.s.stakeholder.id}:${step.kind === "item" ? step.i.item.id : ""}`;
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
    this.prompter.print(this.chalk.green(`  ✓ saved ${printable(what)}\n`));
  }

  private record(id: string): StakeholderRecord | undefined {
    return this.store.snapshot().stakeholders?.[id];
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
        this.chalk.dim(
          "These decide which stakeholders and items apply. Enter leaves a fact for later; offices that depend on it are not walked until it is answered.\n",
        ),
    );
    const asked = new Set<string>();
    const later: string[] = [];
    while (missing.length > 0) {
      const name = missing.find((n) => !asked.has(n));
      if (!name) break;
      asked.add(name);
      const fact = this.evaluation.checklist.facts.get(name);
      if (!fact) break;
      const value = await askFact(this.prompter, fact.fact, this.chalk);
      if (value === undefined) {
        later.push(name);
        continue;
      }
      await this.store.setFact(name, value);
      this.ack(`fact ${name} = ${formatFactValue(value)}`);
      this.reevaluate();
      missing = this.missingFacts();
    }
    if (later.length > 0)
      this.prompter.print(
        this.chalk.yellow(
          `  Left for later: ${later.map(printable).join(", ")}. Offices and items that depend on them are not walked yet.\n`,
        ),
      );
  }

  // ---- steps -------------------------------------------------------------

  private checkStakeholderExists(): void {
    checkStakeholderId(this.evaluation, this.options.draftFile, this.options.stakeholder);
  }

  /**
   * Load the draft and check `--stakeholder` names one of its stakeholders,
   * before any terminal is needed: a typo is an error with a suggestion.
   */
  static preflight(
    options: Pick<WalkOptions, "draftFile" | "library" | "allowOutside" | "stakeholder"> & {
      /** The draft's path as the user gave it, for the message. */
      shownAs?: string;
    },
  ): void {
    const evaluation = evaluate(
      loadBundle(options.draftFile, options.library, {
        allowOutside: options.allowOutside ?? false,
      }),
    );
    checkStakeholderId(evaluation, options.shownAs ?? options.draftFile, options.stakeholder);
  }

  private chosenStakeholders(): StakeholderEvaluation[] {
    const applicable = this.evaluation.stakeholders.filter((s) => s.applies === true);
    const wanted = this.options.stakeholder;
    if (!wanted) return applicable;
    const chosen = applicable.filter((s) => s.stakeholder.id === wanted);
    if (chosen.length > 0) return chosen;
    this.checkStakeholderExists();
    const at = { file: this.options.draftFile, line: 1, column: 1 };
    const s = this.evaluation.stakeholders.find((x) => x.stakeholder.id === wanted)!;
    if (s.applies === false && s.stakeholder.confirmScopeOut) return []; // its scope-out step only
    throw new PreclearError({
      location: at,
      message:
        s.applies === false
          ? `stakeholder \`${wanted}\` does not apply to this draft (${s.condition.expression} is false); applicable: ${applicable.map((x) => x.stakeholder.id).join(", ")}`
          : `stakeholder \`${wanted}\` depends on scoping facts not answered yet (${s.condition.missing.join(", ")}); answer them when \`preclear review\` asks`,
    });
  }

  private steps(): Step[] {
    const steps: Step[] = [];
    for (const s of this.chosenStakeholders()) {
      const role = roleOf(s);
      const record = this.record(s.stakeholder.id);
      if (role === "clear" && (s.stakeholder.suspense || record?.tasking))
        steps.push({ kind: "tasking", s });
      for (const i of s.items) if (i.applies === true) steps.push({ kind: "item", s, i });
      steps.push(role === "clear" ? { kind: "decision", s } : { kind: "notice", s });
    }
    // Offices the facts rule out whose checklist asks that someone confirm it.
    for (const s of this.evaluation.stakeholders) {
      const wanted = this.options.stakeholder;
      if (
        s.applies === false &&
        s.stakeholder.confirmScopeOut &&
        (!wanted || wanted === s.stakeholder.id)
      )
        steps.push({ kind: "scopeOut", s });
    }
    return steps;
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
    if (step.kind === "notice") return Boolean(record?.notice);
    if (step.kind === "tasking") return Boolean(record?.tasking);
    if (step.kind === "scopeOut") return Boolean(record?.scopeOut);
    const response = this.response(review, step.s, step.i);
    return itemState({ ...step.i, response }, context).answered;
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
      step.kind === "item" ? `item ${items.indexOf(step) + 1} of ${items.length}` : step.kind;
    const role = roleOf(step.s);
    const level = step.s.stakeholder.level === "principal" ? " · principal level" : "";
    return (
      `\n${c.dim("─".repeat(60))}\n` +
      `${c.bold(printable(step.s.stakeholder.name))} ${c.dim(`[${step.s.stakeholder.id}] ${role}${level}`)}  ` +
      `${c.dim(`stakeholder ${k} of ${stakeholders.length} · ${where} · step ${index + 1} of ${steps.length}`)}\n` +
      `${c.dim(`${bar} ${pct}% complete · ${steps.length - done} of ${steps.length} steps remain`)}\n`
    );
  }

  private backChoice(index: number): Array<Choice<string>> {
    return index > 0 ? [{ value: BACK, name: "← back to the previous step" }] : [];
  }

  // ---- items -------------------------------------------------------------

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
    text += `${severity}  ${c.bold(renderInline(item.question, c))}\n`;
    if (item.guidance) text += `${renderMarkdown(item.guidance, c, 2)}\n`;
    if (i.dueDate) {
      const past = i.dueDate < this.options.asOf;
      const duration = parseDuration(item.due ?? "");
      const before = duration ? `${durationWords(duration)} before issuance` : "before issuance";
      text += `  Due ${before} (${i.dueDate})${past ? c.red(" — past due") : ""}\n`;
    }
    if (i.demand) {
      const unit = item.capacity?.unit ? ` ${printable(item.capacity.unit)}` : "";
      text += `  Demand: ${i.demand.value !== undefined ? c.bold(`${formatNumber(i.demand.value)}${unit}`) : "unknown"} ${c.dim(`(${printable(i.demand.expression)})`)}\n`;
    }
    if (item.sources.length) {
      const titles = item.sources.map(
        (id) => this.evaluation.checklist.sources.get(id)?.title ?? id,
      );
      text += c.dim(`  Sources: ${titles.map((t) => renderInline(t, c)).join("; ")}\n`);
    }
    if (current) {
      const missing =
        current.status === "satisfied"
          ? item.evidence.filter((f) => current[f] === undefined || current[f] === "")
          : [];
      text += c.dim(
        `  Currently: ${current.status}${missing.length ? c.yellow(` — evidence missing: ${missing.join(", ")} (choose satisfied to add it)`) : ""}\n`,
      );
    }
    this.prompter.print(text);

    const choices: Array<Choice<string>> = [
      {
        value: SKIP,
        name: current ? `keep as it is (${current.status}) and go on` : "skip — answer later",
      },
      ...STATUS_CHOICES,
      ...this.backChoice(index),
    ];
    const status = await this.prompter.select({ message: "Status", choices, default: SKIP });
    if (status === BACK) return true;
    if (status === SKIP) return false;
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
        if (field === "notes") continue; // asked last, as for every item
        if (field === "capacity") {
          const value = await this.prompter.number({
            message: `Confirmed capacity${item.capacity?.unit ? ` (${printable(item.capacity.unit)})` : ""}`,
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
            await this.askPastDate("Date confirmed", now()?.date ?? this.options.asOf, true),
          );
        } else {
          const messages = {
            contact: "Contact (who confirmed it, and where)",
            document: "Evidence document (link or repository path)",
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
          message: `Confirmed capacity${item.capacity.unit ? ` (${printable(item.capacity.unit)})` : ""}`,
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
      const level = await this.askLevel("Level of the official who accepted the risk");
      if (level) await save("acceptedByLevel", level);
      await save(
        "rationale",
        await this.prompter.input({
          message: "Rationale",
          required: true,
          ...(now()?.rationale ? { default: now()!.rationale! } : {}),
        }),
      );
    }
    // Every answered item ends with the same notes prompt.
    const needsNotes = status === "satisfied" && item.evidence.includes("notes");
    const notes = await this.prompter.input({
      message: needsNotes ? "Notes (required for this item)" : "Notes (optional, Enter to skip)",
      required: needsNotes,
      ...(now()?.notes ? { default: now()!.notes! } : {}),
    });
    if (notes.trim() !== "") await save("notes", notes);
    return false;
  }

  /** Staff or principal, or not stated (where the cursor starts). */
  private async askLevel(message: string): Promise<"staff" | "principal" | undefined> {
    const level = await this.prompter.select({
      message,
      choices: [
        { value: SKIP, name: "not stated" },
        { value: "staff", name: "staff" },
        { value: "principal", name: "principal — the head of the office or a deputy" },
      ],
      default: SKIP,
    });
    return level === SKIP ? undefined : (level as "staff" | "principal");
  }

  /**
   * A date that must already have happened: refused after --as-of; a date
   * after today (possible only with a later --as-of) is accepted with a warning.
   */
  private async askPastDate(
    label: string,
    fallback: string | undefined,
    required: boolean,
  ): Promise<string | undefined> {
    const asOf = this.options.asOf;
    const value = (
      await this.prompter.input({
        message: `${label} (YYYY-MM-DD)${required ? "" : " — Enter to skip"}`,
        required,
        ...(fallback ? { default: fallback } : {}),
        validate: (v) => {
          const t = v.trim();
          if (!required && t === "") return true;
          if (!isCalendarDate(t)) return "enter a calendar date as YYYY-MM-DD";
          if (t > asOf)
            return `${t} is after the as-of date ${asOf}; it must already have happened (review with --as-of ${t} to record it)`;
          return true;
        },
      })
    ).trim();
    if (value === "") return undefined;
    const today = localToday(this.options.now?.() ?? new Date());
    if (value > today)
      this.prompter.print(
        this.chalk.yellow(`  ⚠ ${value} is in the future (today is ${today}); is it right?\n`),
      );
    return value;
  }

  private async askDate(label: string, fallback?: string): Promise<string | undefined> {
    const value = (
      await this.prompter.input({
        message: `${label} (YYYY-MM-DD) — Enter to skip`,
        ...(fallback ? { default: fallback } : {}),
        validate: (v) =>
          v.trim() === "" || isCalendarDate(v.trim()) || "enter a calendar date as YYYY-MM-DD",
      })
    ).trim();
    return value === "" ? undefined : value;
  }

  private async optional(message: string, fallback?: string): Promise<string | undefined> {
    const value = (
      await this.prompter.input({
        message: `${message} — Enter to skip`,
        ...(fallback ? { default: fallback } : {}),
      })
    ).trim();
    return value === "" ? undefined : value;
  }

  // ---- tasking and notice -----------------------------------------------

  private suspenseWords(s: StakeholderEvaluation, tasking?: Tasking): string {
    if (tasking?.extendedTo) return `extended to ${tasking.extendedTo}`;
    if (tasking?.suspense) return tasking.suspense;
    const days = s.stakeholder.suspense?.businessDays;
    return days !== undefined
      ? `${days} business day${days === 1 ? "" : "s"} after tasking (weekends and federal holidays skipped; \`preclear check\` gives the date)`
      : "none set";
  }

  private async askTasking(
    step: Extract<Step, { kind: "tasking" }>,
    steps: Step[],
    index: number,
  ): Promise<boolean> {
    const c = this.chalk;
    const { s } = step;
    const current = this.record(s.stakeholder.id)?.tasking;
    let text = this.header(step, steps, index);
    text += `${c.bold(`Tasking of ${printable(s.stakeholder.name)}`)}\n`;
    text += `  Suspense: ${renderInline(this.suspenseWords(s, current), c)}\n`;
    if (s.stakeholder.silenceIsConcurrence)
      text += c.dim("  No decision by the suspense counts as concurrence (cleared by silence).\n");
    if (current) text += c.dim(`  Currently: tasked ${current.tasked}\n`);
    this.prompter.print(text);
    const action = await this.prompter.select({
      message: "Tasking",
      choices: [
        { value: SKIP, name: current ? "keep as it is and go on" : "skip — not tasked yet" },
        { value: "record", name: current ? "change the tasking record" : "record the tasking" },
        ...this.backChoice(index),
      ],
      default: SKIP,
    });
    if (action === BACK) return true;
    if (action === SKIP) return false;
    const tasked = (await this.askPastDate(
      "Tasked on",
      current?.tasked ?? this.options.asOf,
      true,
    ))!;
    const tasking: Tasking = { ...current, tasked };
    const tasker = await this.optional(
      "Tasked by (e.g. the Executive Secretariat)",
      current?.tasker,
    );
    if (tasker) tasking.tasker = tasker;
    const suspense = await this.askDate(
      "Suspense given in the tasking, if it names a date",
      current?.suspense,
    );
    if (suspense) tasking.suspense = suspense;
    const extended = await this.askDate("Extension granted to", current?.extendedTo);
    if (extended) tasking.extendedTo = extended;
    await this.store.setTasking(s.stakeholder.id, tasking);
    this.ack(`${s.stakeholder.id} tasking: tasked ${tasked}`);
    return false;
  }

  private async askNotice(
    step: Extract<Step, { kind: "notice" }>,
    steps: Step[],
    index: number,
  ): Promise<boolean> {
    const c = this.chalk;
    const { s } = step;
    const role = roleOf(s);
    const current = this.record(s.stakeholder.id)?.notice;
    let text = this.header(step, steps, index);
    text += `${c.bold(`Notice to ${printable(s.stakeholder.name)}`)}\n`;
    text += c.dim(
      role === "consult"
        ? "  A consult office is given notice and a chance to comment; no decision is asked.\n"
        : "  An inform office is given notice only.\n",
    );
    if (current)
      text += c.dim(
        `  Currently: notice on ${current.date}${current.means ? ` by ${printable(current.means)}` : ""}\n`,
      );
    this.prompter.print(text);
    if (role === "consult") await this.askComments(s);
    const action = await this.prompter.select({
      message: "Notice",
      choices: [
        { value: SKIP, name: current ? "keep as it is and go on" : "skip — no notice given yet" },
        { value: "record", name: current ? "change the notice" : "record the notice given" },
        ...this.backChoice(index),
      ],
      default: SKIP,
    });
    if (action === BACK) return true;
    if (action === SKIP) return false;
    const date = (await this.askPastDate(
      "Notice given on",
      current?.date ?? this.options.asOf,
      true,
    ))!;
    const notice: Notice = { ...current, date };
    const by = await this.optional("Given by", current?.by);
    if (by) notice.by = by;
    const means = await this.optional("How (e-mail, meeting, clearance packet…)", current?.means);
    if (means) notice.means = means;
    const to = await this.optional("Received by", current?.to);
    if (to) notice.to = to;
    await this.store.setNotice(s.stakeholder.id, notice);
    this.ack(`${s.stakeholder.id} notice: ${date}`);
    return false;
  }

  private async askScopeOut(
    step: Extract<Step, { kind: "scopeOut" }>,
    steps: Step[],
    index: number,
  ): Promise<boolean> {
    const c = this.chalk;
    const { s } = step;
    const current = this.record(s.stakeholder.id)?.scopeOut;
    let text = this.header(step, steps, index);
    text += `${c.bold(`${printable(s.stakeholder.name)} is ruled out`)}\n`;
    text += c.dim(
      `  The scoping facts rule it out (${printable(s.condition.expression ?? "")} is false); its checklist asks that the office itself or the clearance office confirm it is not affected.\n`,
    );
    if (current)
      text += c.dim(
        `  Currently: confirmed by ${printable(current.confirmedBy)} on ${current.date}\n`,
      );
    this.prompter.print(text);
    const action = await this.prompter.select({
      message: "Scope-out",
      choices: [
        { value: SKIP, name: current ? "keep as it is and go on" : "skip — not confirmed yet" },
        { value: "record", name: "record who confirmed it is not affected" },
        ...this.backChoice(index),
      ],
      default: SKIP,
    });
    if (action === BACK) return true;
    if (action === SKIP) return false;
    const confirmedBy = (
      await this.prompter.input({
        message: "Confirmed by (the office itself or the clearance office; name and title)",
        required: true,
        ...(current?.confirmedBy ? { default: current.confirmedBy } : {}),
      })
    ).trim();
    const date = (await this.askPastDate(
      "Confirmed on",
      current?.date ?? this.options.asOf,
      true,
    ))!;
    const basis = (
      await this.prompter.input({
        message: "Why the office is not affected",
        required: true,
        ...(current?.basis ? { default: current.basis } : {}),
      })
    ).trim();
    await this.store.setScopeOut(s.stakeholder.id, { confirmedBy, date, basis });
    this.ack(`${s.stakeholder.id} scope-out confirmed by ${confirmedBy}`);
    return false;
  }

  // ---- comments ----------------------------------------------------------

  /** The office's comments: add as many as it sent; Enter on the first prompt adds none. */
  private async askComments(s: StakeholderEvaluation): Promise<void> {
    const c = this.chalk;
    for (;;) {
      const comments = this.record(s.stakeholder.id)?.comments ?? [];
      for (const comment of comments.slice(-1))
        this.prompter.print(c.dim(`  Last comment: ${describeComment(comment)}\n`));
      const action = await this.prompter.select({
        message: `Comments from ${printable(s.stakeholder.name)} (${comments.length} recorded)`,
        choices: [
          { value: SKIP, name: comments.length ? "no more comments" : "no comments to enter" },
          { value: "add", name: "add a comment" },
        ],
        default: SKIP,
      });
      if (action === SKIP) return;
      const type = await this.prompter.select({
        message: "Type of comment",
        choices: COMMENT_TYPES,
        default: "substantive",
      });
      const location = await this.optional("Where in the text (e.g. § 2, ¶ 3)");
      const text = (await this.prompter.input({ message: "Comment", required: true })).trim();
      const proposed = await this.optional("Proposed change");
      const by = await this.optional("Comment made by");
      const id = await this.store.addComment(s.stakeholder.id, {
        type,
        text,
        ...(location ? { location } : {}),
        ...(proposed ? { proposed } : {}),
        ...(by ? { by } : {}),
        date: this.options.asOf,
      });
      this.ack(`${s.stakeholder.id} comment ${id} (${type})`);
    }
  }

  /** `review --adjudicate`: the action office's disposition of every comment not yet disposed. */
  private async adjudicate(): Promise<WalkResult> {
    const c = this.chalk;
    const offices = this.chosenStakeholders().filter(
      (s) => (this.record(s.stakeholder.id)?.comments ?? []).length > 0,
    );
    const pending = (s: StakeholderEvaluation) =>
      (this.record(s.stakeholder.id)?.comments ?? []).filter(
        (x) => (x.disposition ?? "pending") === "pending" || (x.resolution ?? "open") === "open",
      );
    const total = offices.reduce((n, s) => n + pending(s).length, 0);
    if (total === 0) {
      this.prompter.print(c.green("✔ No comment is waiting for adjudication.\n"));
      await this.askOpenConditions();
      return { reviewPath: this.reviewPath ?? "", saved: this.saved, complete: 0, total: 0 };
    }
    this.prompter.print(
      c.dim(
        `${total} comment${total === 1 ? "" : "s"} to adjudicate (pending, or not yet agreed). Enter keeps a comment as it is.\n`,
      ),
    );
    let n = 0;
    for (const s of offices) {
      for (const comment of pending(s)) {
        n++;
        let text = `\n${c.dim("─".repeat(60))}\n`;
        text += `${c.bold(printable(s.stakeholder.name))} ${c.dim(`[${s.stakeholder.id}] comment ${comment.id} · ${n} of ${total}`)}\n`;
        text += `  ${describeComment(comment)}\n`;
        if (comment.proposed) text += `  Proposed: ${printable(comment.proposed)}\n`;
        this.prompter.print(text);
        const disposition = await this.prompter.select({
          message: "Disposition",
          choices: DISPOSITIONS,
          default: comment.disposition ?? "pending",
        });
        const fields: Partial<Comment> = { disposition };
        const needsResponse = disposition === "rejected" || disposition === "partially-accepted";
        const response = (
          await this.prompter.input({
            message: needsResponse ? "Response (required)" : "Response — Enter to skip",
            required: needsResponse,
            ...(comment.response ? { default: comment.response } : {}),
          })
        ).trim();
        if (response) fields.response = response;
        fields.resolution = await this.prompter.select({
          message: "Did the commenter accept the disposition?",
          choices: RESOLUTIONS,
          default: comment.resolution ?? "open",
        });
        await this.store.updateComment(s.stakeholder.id, comment.id, fields);
        this.ack(`${s.stakeholder.id} comment ${comment.id}: ${disposition}, ${fields.resolution}`);
      }
    }
    await this.askOpenConditions();
    this.prompter.print(`\n${c.bold("Adjudication finished.")} ${this.saved} answers saved.\n`);
    return { reviewPath: this.reviewPath ?? "", saved: this.saved, complete: n, total };
  }

  /** Conditions of concurrences still open: Enter keeps one open, "met" closes it. */
  private async askOpenConditions(): Promise<void> {
    const c = this.chalk;
    for (const s of this.chosenStakeholders()) {
      const decision = this.record(s.stakeholder.id)?.decision;
      const open = (decision?.conditions ?? []).filter((k) => (k.status ?? "open") === "open");
      for (const condition of open) {
        this.prompter.print(
          `\n${c.bold(printable(s.stakeholder.name))} ${c.dim(`[${s.stakeholder.id}] condition ${condition.id}`)}\n` +
            `  ${printable(condition.text)}${condition.owner ? c.dim(` — owner ${printable(condition.owner)}`) : ""}${condition.due ? c.dim(`, due ${condition.due}`) : ""}\n`,
        );
        const status = await this.prompter.select({
          message: "Condition",
          choices: [
            { value: SKIP, name: "still open" },
            { value: "met", name: "met" },
          ],
          default: SKIP,
        });
        if (status === SKIP) continue;
        const current = this.record(s.stakeholder.id)!.decision!;
        await this.store.setDecision(s.stakeholder.id, {
          ...current,
          conditions: (current.conditions ?? []).map((k) =>
            k.id === condition.id ? { ...k, status: "met" } : k,
          ),
        });
        this.ack(`${s.stakeholder.id} condition ${condition.id}: met`);
      }
    }
  }

  // ---- decisions ---------------------------------------------------------

  private async askDecision(
    step: Extract<Step, { kind: "decision" }>,
    steps: Step[],
    index: number,
  ): Promise<boolean> {
    const c = this.chalk;
    const { s } = step;
    const office = s.stakeholder;
    const record = this.record(office.id);
    const current = record?.decision;
    const open = s.items.filter((i) => {
      if (i.applies !== true) return false;
      const response = this.response(this.store.snapshot(), s, i);
      return !itemState({ ...i, response }, this.options.asOf).done;
    });
    let text = this.header(step, steps, index);
    text += `${c.bold(`Decision of ${printable(office.name)}`)}\n`;
    if (office.level === "principal")
      text += c.dim(
        "  The decision must be made at principal level (the head of the office or a deputy).\n",
      );
    if (record?.tasking || office.suspense)
      text += c.dim(`  Suspense: ${renderInline(this.suspenseWords(s, record?.tasking), c)}\n`);
    if (open.length)
      text += c.yellow(
        `  ${open.length} item${open.length === 1 ? " is" : "s are"} still open: ${open.map((i) => i.item.id).join(", ")}\n`,
      );
    if (current)
      text += c.dim(
        `  Currently: ${DECISION_WORDS[current.status]}${current.by ? ` by ${printable(current.by)}` : ""}${current.date ? ` on ${current.date}` : ""}\n`,
      );
    this.prompter.print(text);
    await this.askComments(s);
    const choices: Array<Choice<string>> = [
      {
        value: LATER,
        name: current
          ? `keep as it is (${DECISION_WORDS[current.status]}) and go on`
          : "decide later",
      },
      ...DECISION_CHOICES,
      ...this.backChoice(index),
    ];
    const status = await this.prompter.select({ message: "Decision", choices, default: LATER });
    if (status === BACK) return true;
    if (status === LATER) return false;
    const decision: Decision = { status: status as Decision["status"] };
    if (status !== "concur") {
      decision.comments = await this.prompter.input({
        message: status === "non-concur" ? "Rationale for non-concurrence" : "Comments",
        required: true,
        ...(current?.comments ? { default: current.comments } : {}),
      });
    } else {
      const comments = await this.optional("Comments", current?.comments);
      if (comments) decision.comments = comments;
    }
    if (status !== "non-concur") {
      const conditions = await this.askConditions(current?.conditions ?? []);
      if (conditions.length) decision.conditions = conditions;
    }
    decision.by = await this.prompter.input({
      message: "Decided by (official's name and title)",
      required: true,
      ...(current?.by ? { default: current.by } : {}),
    });
    const level = await this.askLevel("Level of the official who decided");
    if (level) decision.level = level;
    decision.date = await this.askPastDate(
      "Date of the decision",
      current?.date ?? this.options.asOf,
      true,
    );
    const conditions = decision.conditions?.length
      ? ` with ${decision.conditions.length} condition${decision.conditions.length === 1 ? "" : "s"}`
      : "";
    const confirmed = await this.prompter.confirm({
      message: `Record the decision: ${printable(decision.by)}${level ? ` (${level})` : ""} decided "${DECISION_WORDS[decision.status]}"${conditions} for ${printable(office.name)} [${office.id}] on ${decision.date}`,
      default: false,
    });
    if (!confirmed) {
      this.prompter.print(c.yellow("  Not recorded: the decision is left for later.\n"));
      return false;
    }
    await this.store.setDecision(office.id, decision);
    this.ack(`${office.id} decision: ${decision.status}`);
    if (decision.status === "non-concur") await this.askEscalation(s);
    return false;
  }

  private async askConditions(current: Condition[]): Promise<Condition[]> {
    const conditions = [...current];
    for (;;) {
      const action = await this.prompter.select({
        message: `Conditions on this concurrence (${conditions.length} recorded)`,
        choices: [
          { value: SKIP, name: conditions.length ? "no more conditions" : "no conditions" },
          { value: "add", name: "add a condition" },
        ],
        default: SKIP,
      });
      if (action === SKIP) return conditions;
      const text = (
        await this.prompter.input({ message: "Condition (what must be done)", required: true })
      ).trim();
      const condition: Condition = { id: nextConditionId(conditions), text, status: "open" };
      const owner = await this.optional("Owner (who must do it)");
      if (owner) condition.owner = owner;
      const due = await this.askDate("Due");
      if (due) condition.due = due;
      conditions.push(condition);
    }
  }

  private async askEscalation(s: StakeholderEvaluation): Promise<void> {
    const c = this.chalk;
    const current = this.record(s.stakeholder.id)?.escalation;
    const titles = s.stakeholder.escalateTo ?? [];
    const action = await this.prompter.select({
      message: "Has the non-concurrence been elevated for decision?",
      choices: [
        { value: SKIP, name: current ? "keep the escalation as it is" : "not elevated (yet)" },
        { value: "record", name: current ? "change the escalation" : "record the escalation" },
      ],
      default: SKIP,
    });
    if (action === SKIP) return;
    const to = (
      await this.prompter.input({
        message: `Elevated to (title)${titles.length ? ` — may decide over the objection: ${titles.map(printable).join("; ")}` : ""}`,
        required: true,
        ...((current?.to ?? titles[0]) ? { default: current?.to ?? titles[0]! } : {}),
      })
    ).trim();
    const escalation: Escalation = { to };
    const date = await this.askPastDate("Elevated on", current?.date, false);
    if (date) escalation.date = date;
    const outcome = await this.prompter.select({
      message: "Outcome",
      choices: [
        { value: SKIP, name: "pending — not decided yet" },
        { value: "overruled", name: "overruled — decided over the objection" },
        { value: "upheld", name: "upheld — the objection stands" },
        { value: "withdrawn", name: "withdrawn — the office withdrew it (record a new decision)" },
      ],
      default: SKIP,
    });
    if (outcome !== SKIP) {
      escalation.outcome = outcome as NonNullable<Escalation["outcome"]>;
      const name = (
        await this.prompter.input({ message: "Decided by (name)", required: true })
      ).trim();
      const title = (
        await this.prompter.input({
          message: "Title of the deciding official",
          required: true,
          ...(titles[0] ? { default: to } : {}),
        })
      ).trim();
      escalation.decidedBy = { name, title };
      const decided = await this.askPastDate("Decided on", this.options.asOf, true);
      if (decided) escalation.decided = decided;
      const rationale = await this.optional("The decision-maker's reasons");
      if (rationale) escalation.rationale = rationale;
      const dissent = await this.optional("The office's dissent, as the decision-maker saw it");
      if (dissent) escalation.dissent = dissent;
      const ok = await this.prompter.confirm({
        message: `Record the escalation: ${printable(name)} (${printable(title)}) ${escalation.outcome} the objection of ${printable(s.stakeholder.name)} [${s.stakeholder.id}]`,
        default: false,
      });
      if (!ok) {
        this.prompter.print(c.yellow("  Not recorded: the escalation is left as it was.\n"));
        return;
      }
    }
    await this.store.setEscalation(s.stakeholder.id, escalation);
    this.ack(`${s.stakeholder.id} escalation: ${escalation.outcome ?? "pending"}`);
  }
}

function checkStakeholderId(evaluation: Evaluation, draftFile: string, wanted?: string): void {
  const all = evaluation.stakeholders.map((s) => s.stakeholder.id);
  if (wanted === undefined || all.includes(wanted)) return;
  const hint = closest(wanted, all);
  throw new PreclearError({
    location: { file: draftFile, line: 1, column: 1 },
    message: `stakeholder \`${printable(wanted)}\` does not exist in this draft's checklists${hint ? `; did you mean \`${hint}\`?` : ""} (${all.length > 12 ? `${all.length} stakeholders; \`preclear explain\` lists them` : `stakeholders: ${all.join(", ")}`})`,
  });
}

function describeComment(comment: Comment): string {
  const where = comment.location ? ` at ${printable(comment.location)}` : "";
  const state = comment.disposition ? ` — ${comment.disposition}` : "";
  return `${comment.id} (${comment.type}${where}): ${printable(comment.text)}${state}`;
}

function nextConditionId(conditions: Condition[]): string {
  const taken = new Set(conditions.map((x) => x.id));
  let n = 1;
  while (taken.has(`condition-${n}`)) n++;
  return `condition-${n}`;
}

function progressBar(fraction: number, width: number): string {
  const full = Math.round(fraction * width);
  return `[${"█".repeat(full)}${"░".repeat(width - full)}]`;
}
