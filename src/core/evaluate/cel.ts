/**
 * CEL (Common Expression Language) conditions and demand expressions, checked
 * against the declared facts and evaluated with the draft's answers.
 * The language itself is @marcbachmann/cel-js; this module only maps preclear's
 * fact types onto CEL types and reports what an expression read.
 */
import { Environment } from "@marcbachmann/cel-js";
import { RE2JS } from "re2js";
import { oneLine } from "../diagnostics.js";
import { formatNumber } from "../numbers.js";
import type { Fact } from "../types/checklist.js";
import type { FactValue } from "../types/draft.js";

/** What CEL sees of the draft, besides its facts. */
export interface DraftContext {
  id: string;
  title: string;
  issuer: string;
  issuanceDate: string;
  /** When the policy takes effect (SPEC section 11); "" when the draft gives none. */
  effectiveDate: string;
}

export type FactTable = ReadonlyMap<string, Fact>;

/** Limits that keep a hostile expression from running long or deep. */
const LIMITS = {
  maxAstNodes: 2000,
  maxDepth: 32,
  maxListElements: 256,
  maxMapEntries: 256,
  maxCallArguments: 16,
};

/**
 * Bounds on what an expression may iterate over. Comprehensions (`all`,
 * `exists`, `exists_one`, `map`, `filter`) nest multiplicatively, so an
 * expression whose estimated number of steps exceeds MAX_ITERATIONS is refused
 * when the checklist is validated; list facts longer than MAX_LIST_FACT_ITEMS
 * and strings longer than MAX_CEL_STRING are refused where they are given.
 */
export const MAX_ITERATIONS = 100_000;
export const MAX_LIST_FACT_ITEMS = 1000;
export const MAX_CEL_STRING = 10_000;

const COMPREHENSIONS = new Set(["all", "exists", "exists_one", "map", "filter"]);

/**
 * Regular expressions. CEL's `matches()` is RE2 (linear time); cel-js runs it
 * with JavaScript's backtracking RegExp, where `^(a+)+$` against 36 characters
 * runs for minutes. Every `matches` call is therefore routed to re2js (a
 * pure-JS port of RE2): after parsing, each `.matches(x)` node of the AST is
 * renamed to RE2_MATCHES, a function this scope registers. Its cost is RE2's
 * program size times the length of the text searched; an expression may spend
 * at most MAX_REGEX_COST of it per evaluation — estimated when the checklist
 * is validated (a literal pattern, against text of at most MAX_CEL_STRING
 * characters, inside its comprehensions) and counted at run time.
 */
export const MAX_REGEX_COST = 1_000_000;
const RE2_MATCHES = "preclearRe2Matches";
const compiledPatterns = new Map<string, RE2JS>();

/** A pattern compiled by re2js (cached), or an error message in CEL's words. */
export function compileRe2(pattern: string): RE2JS | string {
  const cached = compiledPatterns.get(pattern);
  if (cached) return cached;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    return `invalid regular expression (RE2 syntax): ${oneLine(error instanceof Error ? error.message : String(error))}`;
  }
  if (compiledPatterns.size >= 256) compiledPatterns.clear();
  compiledPatterns.set(pattern, re);
  return re;
}

/** Regex cost left to the evaluation running now (evaluation is synchronous). */
let regexBudget = MAX_REGEX_COST;

function re2Matches(text: string, pattern: string): boolean {
  const re = compileRe2(pattern);
  if (typeof re === "string") throw new Error(re);
  regexBudget -= re.programSize() * Math.max(1, text.length);
  if (regexBudget < 0) {
    throw new Error(
      `regular expressions in this expression cost more than the limit of ${formatNumber(MAX_REGEX_COST)} (pattern size times text length); simplify the pattern or shorten the text`,
    );
  }
  return re.test(text);
}

/** The CEL type of a preclear fact type. */
export function celType(fact: Fact): string {
  switch (fact.type) {
    case "boolean":
      return "bool";
    case "integer":
      return "int";
    case "number":
      return "double";
    case "list":
      return "list<string>";
    default:
      return "string"; // string, enum and date (YYYY-MM-DD, ordered as text)
  }
}

/**
 * Conditions already found sound, by `checkKey`: the CEL type of each fact
 * the condition reads, as it was when it passed (the build records the
 * built-in checklists' conditions; src/build/precompile.ts). Type-checking
 * depends on nothing else, so a condition reading facts of the same types
 * passes again without being parsed.
 */
export type KnownChecks = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** The key of a condition in `KnownChecks` and in a scope's own answers. */
export function checkKey(expression: string, expect: "bool" | "number"): string {
  return `${expect}\0${expression}`;
}

/** A CEL environment over `facts` and `draft`, with the facts' declared types. */
export class CelScope {
  private readonly env: Environment;
  private readonly cache = new Map<string, CompiledExpression>();
  /** check()'s answers: one condition is often shared (203 times in the built-ins). */
  private readonly checked = new Map<string, CelProblem | null>();
  /** Of those, the sound ones that read facts by name, with the facts' types. */
  private readonly sound = new Map<string, Readonly<Record<string, string>>>();

  constructor(
    readonly facts: FactTable,
    private readonly known?: KnownChecks,
  ) {
    const schema: Record<string, string> = {};
    for (const [name, fact] of facts) schema[name] = celType(fact);
    // cel-js cannot build a type with no fields; a reserved placeholder keeps
    // `facts.anything` a "no such key" type error as it should be.
    if (facts.size === 0) schema["__none"] = "bool";
    this.env = new Environment({ limits: LIMITS })
      .registerFunction(`string.${RE2_MATCHES}(string): bool`, re2Matches)
      .registerVariable({ name: "facts", schema })
      .registerVariable({
        name: "draft",
        schema: {
          id: "string",
          title: "string",
          issuer: "string",
          issuanceDate: "string",
          effectiveDate: "string",
        },
      });
  }

  /** Parse and type-check; `expect` is the result type the field needs. */
  check(expression: string, expect: "bool" | "number"): CelProblem | undefined {
    const key = checkKey(expression, expect);
    let problem = this.checked.get(key);
    if (problem === undefined) {
      const known = this.knownSound(key);
      if (known) {
        problem = null;
        this.sound.set(key, known);
      } else {
        problem = this.checkOnce(expression, expect) ?? null;
        const compiled = this.cache.get(expression);
        if (problem === null && compiled?.readsFactsByName) {
          const types: Record<string, string> = {};
          for (const name of compiled.factNames) types[name] = celType(this.facts.get(name)!);
          this.sound.set(key, types);
        }
      }
      this.checked.set(key, problem);
    }
    return problem ?? undefined;
  }

  /** The fact types under which this condition passed before, if they are the types here. */
  private knownSound(key: string): Readonly<Record<string, string>> | undefined {
    const types = this.known?.get(key);
    if (!types) return undefined;
    for (const [name, type] of Object.entries(types)) {
      const fact = this.facts.get(name);
      if (!fact || celType(fact) !== type) return undefined;
    }
    return types;
  }

  /**
   * The conditions this scope found sound, each with the CEL types of the
   * facts it reads; for the build to record (see KnownChecks). Only those
   * that read facts by name (`facts.x`), so the types listed are all it reads.
   */
  soundChecks(): Array<[string, Record<string, string>]> {
    return [...this.sound].map(([key, types]) => [key, { ...types }]);
  }

  private checkOnce(expression: string, expect: "bool" | "number"): CelProblem | undefined {
    let result: { valid: boolean; type?: string; error?: unknown };
    try {
      result = this.env.check(expression) as typeof result;
    } catch (error) {
      return problemOf(error);
    }
    if (!result.valid) return problemOf(result.error);
    const compiled = this.compile(expression);
    const regex = compiled.regexProblem(this.facts);
    if (regex) return regex;
    const steps = compiled.estimatedIterations(this.facts);
    if (steps > MAX_ITERATIONS) {
      return {
        message: `may take about ${steps >= 1e15 ? "more than 10^15" : formatNumber(steps)} steps (nested comprehensions over long lists), more than the limit of ${formatNumber(MAX_ITERATIONS)}; simplify the expression`,
        offset: 0,
      };
    }
    const type = result.type ?? "dyn";
    if (expect === "bool" && type !== "bool" && type !== "dyn") {
      return { message: `must be a true/false condition, but is of type ${type}`, offset: 0 };
    }
    if (expect === "number" && !["int", "uint", "double", "dyn"].includes(type)) {
      return { message: `must evaluate to a number, but is of type ${type}`, offset: 0 };
    }
    return undefined;
  }

  compile(expression: string): CompiledExpression {
    let compiled = this.cache.get(expression);
    if (!compiled) {
      compiled = new CompiledExpression(expression, this.env);
      this.cache.set(expression, compiled);
    }
    return compiled;
  }
}

export interface CelProblem {
  message: string;
  /** Character offset of the problem within the expression. */
  offset: number;
}

function problemOf(error: unknown): CelProblem {
  const message = error instanceof Error ? error.message : String(error);
  const node = (error as { node?: { pos?: number } } | undefined)?.node;
  let text = oneLine(message).replaceAll(RE2_MATCHES, "matches");
  const noKey = /^No such key: (.+)$/.exec(text);
  if (noKey) text = `unknown fact or field \`${noKey[1]}\` (is it declared under facts:?)`;
  const overload = /^no such overload: (.+)$/.exec(text);
  if (overload) text = `type mismatch: no operator for ${overload[1]}`;
  return { message: text, offset: typeof node?.pos === "number" ? node.pos : 0 };
}

/** The outcome of evaluating one expression against the answers. */
export interface Evaluated {
  /** The value, when every fact it needed was known. */
  value?: unknown;
  /** Facts the expression reads, with the values it saw (undefined: no answer). */
  reads: Array<{ name: string; value: FactValue | undefined }>;
  /** Facts it needed that have no value: a `fact-missing` finding. */
  missing: string[];
  /** A run-time error other than a missing fact (division by zero…). */
  error?: string;
}

interface AstNode {
  op: string;
  args: unknown;
}

export class CompiledExpression {
  private readonly run: ((context: Record<string, unknown>) => unknown) | undefined;
  private readonly ast: AstNode | undefined;
  private readonly parseError: string | undefined;
  /** Fact names the expression mentions, in order of first mention. */
  readonly factNames: string[];
  /** Every mention of `facts` is a field (`facts.x`): factNames is all it reads. */
  readonly readsFactsByName: boolean;
  /** The condition may read `draft` (the word appears in it). */
  private readonly readsDraft: boolean;
  /** Recent outcomes by memoKey of the values read, for `memoTable`. */
  private readonly memo = new Map<string, Omit<Evaluated, "reads">>();
  private memoTable: FactTable | undefined;

  constructor(
    readonly expression: string,
    env: Environment,
  ) {
    this.readsDraft = /\bdraft\b/.test(expression);
    try {
      const parsed = env.parse(expression) as unknown as ((
        c: Record<string, unknown>,
      ) => unknown) & {
        ast: AstNode;
      };
      routeMatchesToRe2(parsed.ast);
      this.run = parsed;
      this.ast = parsed.ast;
      this.factNames = referencedFacts(parsed.ast);
      this.readsFactsByName = factsOnlyByName(parsed.ast);
    } catch (error) {
      this.parseError = problemOf(error).message;
      this.factNames = [];
      this.readsFactsByName = false;
    }
  }

  /** An upper estimate of the comprehension steps one evaluation takes. */
  estimatedIterations(table: FactTable): number {
    return this.ast ? iterationsOf(this.ast, table) : 0;
  }

  /**
   * A literal pattern that RE2 refuses, or regexes whose estimated cost
   * (program size × MAX_CEL_STRING, or the literal text's length, times the
   * comprehensions around) is over MAX_REGEX_COST.
   */
  regexProblem(table: FactTable): CelProblem | undefined {
    if (!this.ast) return undefined;
    let cost = 0;
    let problem: CelProblem | undefined;
    const walk = (node: unknown, multiplier: number): void => {
      if (problem) return;
      if (Array.isArray(node)) return node.forEach((n) => walk(n, multiplier));
      if (!isAstNode(node)) return;
      const args = node.args as unknown[];
      if (node.op === "rcall" && COMPREHENSIONS.has(args[0] as string)) {
        walk(args[1], multiplier);
        walk(args[2], multiplier * listSize(args[1], table));
        return;
      }
      if (node.op === "rcall" && args[0] === RE2_MATCHES) {
        const [pattern] = args[2] as unknown[];
        const receiver = args[1];
        const textLength =
          isAstNode(receiver) && receiver.op === "value" && typeof receiver.args === "string"
            ? Math.max(1, receiver.args.length)
            : MAX_CEL_STRING;
        if (isAstNode(pattern) && pattern.op === "value" && typeof pattern.args === "string") {
          const re = compileRe2(pattern.args);
          const at = (pattern as { pos?: number }).pos ?? 0;
          if (typeof re === "string") {
            problem = { message: re, offset: at };
            return;
          }
          cost += multiplier * re.programSize() * textLength;
          if (cost > MAX_REGEX_COST) {
            problem = {
              message: `regular expressions may cost about ${formatNumber(cost)} (RE2 program size ${re.programSize()} × up to ${formatNumber(textLength)} characters${multiplier > 1 ? ` × ${formatNumber(multiplier)} iterations` : ""}), more than the limit of ${formatNumber(MAX_REGEX_COST)}; simplify the pattern`,
              offset: at,
            };
            return;
          }
        }
      }
      walk(node.args, multiplier);
    };
    walk(this.ast, 1);
    return problem;
  }

  evaluate(
    facts: ReadonlyMap<string, FactValue>,
    table: FactTable,
    draft: DraftContext,
  ): Evaluated {
    const reads = this.factNames.map((name) => ({ name, value: facts.get(name) }));
    // The outcome is a function of the values read (and of `draft`, when the
    // condition reads it: then it is not remembered). Many drafts checked in
    // one run answer the same facts alike, so recent outcomes are kept.
    const key = this.readsDraft ? undefined : memoKey(reads);
    if (key !== undefined) {
      if (this.memoTable !== table) {
        this.memo.clear();
        this.memoTable = table;
      }
      const known = this.memo.get(key);
      if (known) return { ...known, reads, missing: [...known.missing] };
    }
    const outcome = this.evaluateNow(facts, table, draft, reads);
    if (key !== undefined) {
      if (this.memo.size >= MEMO_SIZE) this.memo.clear();
      const { reads: _reads, ...rest } = outcome;
      this.memo.set(key, rest);
    }
    return outcome;
  }

  private evaluateNow(
    facts: ReadonlyMap<string, FactValue>,
    table: FactTable,
    draft: DraftContext,
    reads: Evaluated["reads"],
  ): Evaluated {
    if (!this.run) return { reads, missing: [], error: this.parseError };
    if (this.readsDraft) {
      const long = Object.entries(draft).find(([, value]) => value.length > MAX_CEL_STRING);
      if (long) {
        return {
          reads,
          missing: [],
          error: `draft.${long[0]} is longer than ${formatNumber(MAX_CEL_STRING)} characters, too long to use in a condition`,
        };
      }
    }
    const context: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const factValues: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of this.factNames) {
      const value = facts.get(name);
      const fact = table.get(name);
      if (value !== undefined && fact) factValues[name] = toCel(value, fact);
    }
    context.facts = factValues;
    context.draft = { ...draft };
    regexBudget = MAX_REGEX_COST;
    // cel-js reports a fact that is not answered yet ("No such key") with an
    // Error, even inside `||` where the other side decides. Nothing here reads
    // a CEL stack trace, and capturing one is most of what a check of many
    // drafts spends in CEL; so none is captured while an expression runs.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return { value: fromCel(this.run(context)), reads, missing: [] };
    } catch (error) {
      const missing = reads.filter((r) => r.value === undefined).map((r) => r.name);
      const message = oneLine(error instanceof Error ? error.message : String(error)).replaceAll(
        RE2_MATCHES,
        "matches",
      );
      if (missing.length > 0 && /No such key/.test(message)) return { reads, missing };
      return { reads, missing: [], error: message };
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}

/**
 * Every node of the AST, in source order; `visit` returning false skips the
 * node's own arguments. (An operator's arguments are a list, or one node:
 * `!facts.flag` holds `facts.flag` directly.)
 */
function walkAst(ast: AstNode, visit: (node: AstNode) => boolean | void): void {
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (!isAstNode(node) || visit(node) === false) continue;
    const args = node.args as unknown;
    if (Array.isArray(args) || isAstNode(args)) stack.push(args);
  }
}

/** `facts.x`: the name x, else undefined. */
function factField(node: AstNode): string | undefined {
  if (node.op !== "." || !Array.isArray(node.args)) return undefined;
  const [target, field] = node.args as [unknown, unknown];
  return isAstNode(target) &&
    target.op === "id" &&
    target.args === "facts" &&
    typeof field === "string"
    ? field
    : undefined;
}

/** Every `x.matches(p)` in the AST calls RE2_MATCHES (re2js) instead of cel-js's RegExp. */
function routeMatchesToRe2(ast: AstNode): void {
  walkAst(ast, (node) => {
    const args = node.args;
    if (node.op === "rcall" && Array.isArray(args) && args[0] === "matches") args[0] = RE2_MATCHES;
  });
}

/** The facts the AST reads by name, in order of first mention. */
function referencedFacts(ast: AstNode): string[] {
  const names: string[] = [];
  walkAst(ast, (node) => {
    const name = factField(node);
    if (name === undefined) return true;
    if (!names.includes(name)) names.push(name);
    return false;
  });
  return names;
}

/** Is every `facts` in the AST the target of a field access (`facts.x`, not `facts[k]` or `facts`)? */
function factsOnlyByName(ast: AstNode): boolean {
  let mentions = 0;
  let byName = 0;
  walkAst(ast, (node) => {
    if (node.op === "id" && node.args === "facts") mentions++;
    if (factField(node) !== undefined) byName++;
  });
  return mentions === byName;
}

/** Outcomes kept per condition: a run's drafts rarely answer one condition more ways. */
const MEMO_SIZE = 256;

/**
 * The values read, as a key that tells them apart exactly; undefined (not
 * remembered) for values outside what the key can tell apart (-0, objects).
 */
function memoKey(reads: Evaluated["reads"]): string | undefined {
  const parts: string[] = [];
  for (const { value } of reads) {
    if (value === undefined) parts.push("u");
    else if (typeof value === "string" || typeof value === "boolean")
      parts.push(JSON.stringify(value));
    else if (typeof value === "number" && !Object.is(value, -0) && Number.isFinite(value))
      parts.push(`n${value}`);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string"))
      parts.push(JSON.stringify(value));
    else return undefined;
  }
  return parts.join(",");
}

/** Comprehension steps: each comprehension's list size times those of the comprehensions around it. */
function iterationsOf(ast: AstNode, table: FactTable): number {
  const walk = (node: unknown, multiplier: number): number => {
    if (Array.isArray(node)) return node.reduce((sum: number, n) => sum + walk(n, multiplier), 0);
    if (!isAstNode(node)) return 0;
    const args = node.args as unknown[];
    if (node.op === "rcall" && COMPREHENSIONS.has(args[0] as string)) {
      const n = listSize(args[1], table);
      return walk(args[1], multiplier) + multiplier * n + walk(args[2], multiplier * n);
    }
    return walk(node.args, multiplier);
  };
  return walk(ast, 1);
}

/** The most elements the list `node` evaluates to can have. */
function listSize(node: unknown, table: FactTable): number {
  if (!isAstNode(node)) return MAX_LIST_FACT_ITEMS;
  const args = node.args as unknown[];
  if (node.op === "list") return args.length;
  if (node.op === "rcall" && (args[0] === "map" || args[0] === "filter"))
    return listSize(args[1], table);
  if (node.op === "+") return listSize(args[0], table) + listSize(args[1], table);
  return MAX_LIST_FACT_ITEMS;
}

function isAstNode(node: unknown): node is AstNode {
  return typeof node === "object" && node !== null && "op" in node && "args" in node;
}

function toCel(value: FactValue, fact: Fact): unknown {
  if (fact.type === "integer" && typeof value === "number" && Number.isInteger(value)) {
    return BigInt(value);
  }
  return value;
}

function fromCel(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  return value;
}
