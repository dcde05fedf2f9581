/**
 * Checklists: loading, the library of built-in and local checklists, `extends`
 * resolution and the semantic rules of SPEC section 1.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../root.js";
import type { Diagnostic, Location } from "../diagnostics.js";
import { PreclearError } from "../diagnostics.js";
import { CelScope } from "../evaluate/cel.js";
import { precompiledCelChecks, precompiledChecklist } from "./builtins.js";
import { readTextFile, sniffFile } from "./files.js";
import { closest, validateAgainst } from "./schemas.js";
import { parseDuration, subtractDuration } from "../evaluate/dates.js";
import type { Checklist, Fact, Item, Source, Stakeholder } from "../types/checklist.js";
import { DEFAULT_LIMITS, diagnosticAt, locate, locationOfNode, parseYaml } from "./yaml.js";
import type { LoadLimits, LoadedYaml, PathSegment } from "./yaml.js";

/** A checklist file, parsed and schema-valid. */
export interface LoadedChecklist {
  file: string;
  loaded: LoadedYaml;
  checklist: Checklist;
  builtin: boolean;
}

/** Where a value came from, to point a user at it. */
export interface Origin {
  loaded: LoadedYaml;
  path: PathSegment[];
}

export interface ResolvedItem extends Omit<Item, "severity" | "evidence" | "sources"> {
  question: string;
  severity: "blocker" | "major" | "minor";
  evidence: NonNullable<Item["evidence"]>;
  sources: string[];
  stakeholder: string;
  origin: Origin;
  /** Origin of each field, from the checklist that set it last. */
  fieldOrigins: Partial<Record<keyof Item, Origin>>;
}

export interface ResolvedStakeholder extends Omit<Stakeholder, "items" | "dependsOn" | "signoff"> {
  name: string;
  dependsOn: string[];
  signoff: "required" | "optional";
  items: ResolvedItem[];
  origin: Origin;
  fieldOrigins: Partial<Record<keyof Stakeholder, Origin>>;
  /** Origin of each dependsOn entry. */
  dependsOnOrigins: Map<string, Origin>;
}

export interface ResolvedFact {
  name: string;
  fact: Fact;
  origin: Origin;
}

/** The merged view of a list of checklists and everything they extend. */
/**
 * A stakeholder or item that one checklist weakens on purpose, against what
 * an earlier checklist (a built-in, say) defines: declared with `overrides:`
 * and a reason, reported by `check` (checklist-override) and in the report.
 */
export interface ResolvedOverride {
  stakeholder: string;
  item?: string;
  /** The fields weakened: appliesWhen, signoff, role, severity, evidence. */
  fields: string[];
  reason: string;
  /** The checklist that weakens it, and the one whose definition it weakens. */
  by: string;
  of: string;
  origin: Origin;
}

export interface ResolvedChecklist {
  /** Weakenings declared with `overrides:` (an undeclared one is a validation error). */
  overrides: ResolvedOverride[];
  /** The checklists as listed (ids). */
  ids: string[];
  /** Every checklist merged, bases first. */
  members: LoadedChecklist[];
  facts: Map<string, ResolvedFact>;
  sources: Map<string, Source & { origin: Origin }>;
  stakeholders: ResolvedStakeholder[];
  cel: CelScope;
  /** Titles that may decide over any stakeholder's objection (every member's, unioned). */
  escalateTo: string[];
}

export const BUILTIN_CHECKLIST_DIR = path.join(PACKAGE_ROOT, "checklists");

export interface LibraryOptions {
  /** Extra directories (or files) holding local checklists, searched before built-ins. */
  searchPaths?: string[];
  limits?: LoadLimits;
  /** Most items (and most stakeholders) one resolved checklist may have. */
  maxItems?: number;
}

export const DEFAULT_MAX_ITEMS = 2000;

/** Built-in and local checklists, loaded lazily and once each. */
export class ChecklistLibrary {
  private readonly byPath = new Map<string, LoadedChecklist | PreclearError>();
  private index: Map<string, { file: string; builtin: boolean }> | undefined;
  private readonly resolutions = new Map<
    string,
    { resolved?: ResolvedChecklist; diagnostics: Diagnostic[] }
  >();
  readonly limits: LoadLimits;
  readonly maxItems: number;
  private readonly searchPaths: string[];

  constructor(options: LibraryOptions = {}) {
    this.searchPaths = options.searchPaths ?? [];
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  }

  /** Parse and schema-validate one checklist file (cached). Throws PreclearError. */
  load(file: string, builtin = false): LoadedChecklist {
    const key = path.resolve(file);
    const cached = this.byPath.get(key);
    if (cached instanceof PreclearError) throw cached;
    if (cached) return cached;
    try {
      const result = loadChecklistFile(file, this.limits, builtin);
      this.byPath.set(key, result);
      return result;
    } catch (error) {
      if (error instanceof PreclearError) this.byPath.set(key, error);
      throw error;
    }
  }

  /** id → file, local search paths first so a repository can shadow a built-in. */
  private getIndex(): Map<string, { file: string; builtin: boolean }> {
    if (this.index) return this.index;
    const index = new Map<string, { file: string; builtin: boolean }>();
    const add = (file: string, builtin: boolean) => {
      const id = peekChecklistId(file);
      if (id && !index.has(id)) index.set(id, { file, builtin });
    };
    for (const p of this.searchPaths) {
      for (const file of yamlFilesIn(p)) add(file, false);
    }
    for (const file of yamlFilesIn(BUILTIN_CHECKLIST_DIR)) add(file, true);
    this.index = index;
    return index;
  }

  has(id: string): boolean {
    return this.getIndex().has(id);
  }

  ids(): string[] {
    return [...this.getIndex().keys()].sort();
  }

  private readonly siblings = new Map<string, Map<string, string>>();

  /** Checklists in `dir` by id: what a local checklist's `extends` finds first. */
  private siblingIndex(dir: string): Map<string, string> {
    let index = this.siblings.get(dir);
    if (!index) {
      index = new Map();
      for (const file of yamlFilesIn(dir)) {
        const id = peekChecklistId(file);
        if (id && !index.has(id)) index.set(id, file);
      }
      this.siblings.set(dir, index);
    }
    return index;
  }

  /**
   * Load a checklist by id; throws PreclearError when unknown. With `nearDir`,
   * checklists in that directory come first (a local checklist extending its
   * neighbour), then the search paths, then the built-ins.
   */
  get(id: string, at?: Location | (() => Location), nearDir?: string): LoadedChecklist {
    const sibling = nearDir ? this.siblingIndex(path.resolve(nearDir)).get(id) : undefined;
    if (sibling)
      return this.load(sibling, path.resolve(path.dirname(sibling)) === BUILTIN_CHECKLIST_DIR);
    const entry = this.getIndex().get(id);
    if (!entry) {
      throw new PreclearError({
        location: (typeof at === "function" ? at() : at) ?? { file: id, line: 1, column: 1 },
        message: `unknown checklist \`${id}\`${this.suggest(id)}`,
      });
    }
    return this.load(entry.file, entry.builtin);
  }

  list(): Array<{ id: string; file: string; builtin: boolean }> {
    return [...this.getIndex()]
      .map(([id, e]) => ({ id, ...e }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** " (did you mean x?)" or the known ids, for an unknown checklist id. */
  suggest(id: string): string {
    const known = this.ids();
    const hint = closest(id, known);
    if (hint) return ` (did you mean \`${hint}\`?)`;
    return known.length ? ` (known: ${known.join(", ")})` : "";
  }

  /**
   * Resolve a list of checklist references (ids, or paths relative to
   * `baseDir`) into one merged checklist. Cached per list.
   */
  resolve(
    refs: ReadonlyArray<{ ref: string; at: Location }>,
    baseDir: string,
  ): { resolved?: ResolvedChecklist; diagnostics: Diagnostic[] } {
    const key = `${baseDir}\0${refs.map((r) => r.ref).join("\0")}`;
    let result = this.resolutions.get(key);
    if (!result) {
      result = resolveChecklists(this, refs, baseDir);
      // Only successes are shared: a failure's diagnostics may point into the
      // caller's own draft (an unknown id in its checklists: list), so each
      // draft that fails resolves again and is told about its own line.
      if (result.resolved) this.resolutions.set(key, result);
    }
    return result;
  }
}

function yamlFilesIn(p: string): string[] {
  let stat;
  try {
    stat = statSync(p);
  } catch {
    return [];
  }
  if (stat.isFile()) return [p];
  if (!stat.isDirectory()) return [];
  return readdirSync(p)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => path.join(p, n));
}

/** Read a checklist's id without a full parse (indexing many files stays cheap). */
function peekChecklistId(file: string): string | undefined {
  const text = sniffFile(file, 64 * 1024);
  if (!/^kind:\s*Checklist\s*$/m.test(text)) return undefined;
  return /^id:\s*["']?([a-z][a-z0-9-]*)["']?\s*(#.*)?$/m.exec(text)?.[1];
}

export function loadChecklistFile(
  file: string,
  limits: LoadLimits,
  builtin = false,
): LoadedChecklist {
  const text = readTextFile(file, limits.maxBytes, "checklist");
  if (path.resolve(path.dirname(file)) === BUILTIN_CHECKLIST_DIR) {
    const precompiled = precompiledChecklist(file, text, limits, builtin);
    if (precompiled) return precompiled;
  }
  return parseChecklist(file, text, limits, builtin);
}

/** Parse and schema-validate a checklist's text: what the build does once for the built-ins. */
export function parseChecklist(
  file: string,
  text: string,
  limits: LoadLimits,
  builtin = false,
): LoadedChecklist {
  const loaded = parseYaml(file, text, limits);
  const diagnostics = validateAgainst("checklist", loaded, loaded.value);
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "invalid-input");
  return { file, loaded, checklist: loaded.value as Checklist, builtin };
}

function isPathRef(ref: string): boolean {
  return ref.includes("/") || ref.includes("\\") || /\.ya?ml$/.test(ref);
}

function resolveChecklists(
  library: ChecklistLibrary,
  refs: ReadonlyArray<{ ref: string; at: Location }>,
  baseDir: string,
): { resolved?: ResolvedChecklist; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const members: LoadedChecklist[] = [];
  const seen = new Set<string>();

  const visit = (member: LoadedChecklist, stack: string[]) => {
    const { checklist, loaded } = member;
    if (seen.has(checklist.id)) return;
    (checklist.extends ?? []).forEach((baseId, index) => {
      // Located only when reported: a built-in's positions cost a parse.
      const at = () => locate(loaded, ["extends", index]);
      if (stack.includes(baseId)) {
        const cycle = [...stack.slice(stack.indexOf(baseId)), baseId].join(" → ");
        diagnostics.push({ location: at(), message: `extends cycle: ${cycle}` });
        return;
      }
      let base: LoadedChecklist;
      try {
        base = library.get(baseId, at, member.builtin ? undefined : path.dirname(member.file));
      } catch (error) {
        if (!(error instanceof PreclearError)) throw error;
        diagnostics.push(...error.diagnostics);
        return;
      }
      visit(base, [...stack, base.checklist.id]);
    });
    if (!seen.has(checklist.id)) {
      seen.add(checklist.id);
      members.push(member);
    }
  };

  const ids: string[] = [];
  for (const { ref, at } of refs) {
    let member: LoadedChecklist;
    if (isPathRef(ref) && !existsSync(path.resolve(baseDir, ref))) {
      diagnostics.push({
        location: at,
        message: `checklist file \`${ref}\` not found next to the draft`,
      });
      continue;
    }
    try {
      member = isPathRef(ref) ? library.load(path.resolve(baseDir, ref)) : library.get(ref, at);
    } catch (error) {
      if (!(error instanceof PreclearError)) throw error;
      diagnostics.push(...error.diagnostics);
      continue;
    }
    ids.push(member.checklist.id);
    visit(member, [member.checklist.id]);
  }
  if (diagnostics.length > 0) return { diagnostics };
  const tooMany = tooManyItems(ids, members, library.maxItems);
  if (tooMany) return { diagnostics: [tooMany] };
  return mergeAndCheck(ids, members);
}

/**
 * Counted before merging, which is quadratic in the worst case: the first
 * stakeholder or item (by id, across `extends`) past the limit, if any.
 */
function tooManyItems(
  ids: string[],
  members: LoadedChecklist[],
  maxItems: number,
): Diagnostic | undefined {
  const stakeholders = new Set<string>();
  const items = new Set<string>();
  const message = (what: string) =>
    `more than ${maxItems} ${what} in the resolved checklist (${ids.join(", ")}); split it, or raise limits.maxItems in preclear.config.yaml`;
  for (const { checklist, loaded } of members) {
    const list = checklist.stakeholders ?? [];
    for (let s = 0; s < list.length; s++) {
      const stakeholder = list[s]!;
      stakeholders.add(stakeholder.id);
      if (stakeholders.size > maxItems)
        return diagnosticAt(loaded, ["stakeholders", s], message("stakeholders"));
      const own = stakeholder.items ?? [];
      for (let i = 0; i < own.length; i++) {
        items.add(`${stakeholder.id}\0${own[i]!.id}`);
        if (items.size > maxItems)
          return diagnosticAt(loaded, ["stakeholders", s, "items", i], message("items"));
      }
    }
  }
  return undefined;
}

const FACT_SHAPE_KEYS = ["type", "options", "minimum", "maximum"] as const;

function mergeAndCheck(
  ids: string[],
  members: LoadedChecklist[],
): { resolved?: ResolvedChecklist; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const facts = new Map<string, ResolvedFact>();
  const sources = new Map<string, Source & { origin: Origin }>();
  const stakeholders = new Map<string, ResolvedStakeholder>();
  const merge: MergeContext = { diagnostics, overrides: [] };

  for (const member of members) {
    const { checklist, loaded } = member;
    diagnostics.push(...duplicateIds(member));
    for (const [name, fact] of Object.entries(checklist.facts ?? {})) {
      const origin = { loaded, path: ["facts", name] };
      const previous = facts.get(name);
      if (previous && !sameFactShape(previous.fact, fact)) {
        diagnostics.push({
          location: locate(loaded, origin.path, { key: true }),
          message: `fact \`${name}\` is declared differently in ${previous.origin.loaded.file}; a fact shared by checklists must have the same type, options and bounds`,
        });
        continue;
      }
      if (!previous) facts.set(name, { name, fact, origin });
      if (fact.type === "enum" && !fact.options) {
        diagnostics.push(
          diagnosticAt(loaded, origin.path, `enum fact \`${name}\` needs \`options\``),
        );
      }
      if (fact.type !== "enum" && fact.options) {
        diagnostics.push(
          diagnosticAt(
            loaded,
            [...origin.path, "options"],
            `\`options\` only applies to enum facts`,
          ),
        );
      }
      if (fact.minimum !== undefined && fact.maximum !== undefined && fact.minimum > fact.maximum) {
        diagnostics.push(
          diagnosticAt(loaded, [...origin.path, "minimum"], "`minimum` is above `maximum`"),
        );
      }
    }
    (checklist.sources ?? []).forEach((source, index) => {
      if (!sources.has(source.id))
        sources.set(source.id, { ...source, origin: { loaded, path: ["sources", index] } });
    });
    (checklist.stakeholders ?? []).forEach((stakeholder, sIndex) => {
      mergeStakeholder(
        stakeholders,
        stakeholder,
        { loaded, path: ["stakeholders", sIndex] },
        merge,
        checklist.id,
      );
    });
  }

  const list = [...stakeholders.values()];
  for (const s of list) {
    if (!s.name) {
      diagnostics.push(
        diagnosticAt(s.origin.loaded, s.origin.path, `stakeholder \`${s.id}\` needs a \`name\``),
      );
    }
    for (const item of s.items) {
      if (!item.question) {
        diagnostics.push(
          diagnosticAt(
            item.origin.loaded,
            item.origin.path,
            `item \`${s.id}/${item.id}\` needs a \`question\``,
          ),
        );
      }
      item.sources.forEach((sourceId) => {
        if (!sources.has(sourceId)) {
          const origin = item.fieldOrigins.sources ?? item.origin;
          const index = sourceIndex(origin, sourceId);
          diagnostics.push(
            diagnosticAt(
              origin.loaded,
              [...origin.path, ...(index >= 0 ? [index] : [])],
              `unknown source \`${sourceId}\`${known(sources.keys())}`,
            ),
          );
        }
      });
    }
    for (const dep of s.dependsOn) {
      if (!stakeholders.has(dep)) {
        const origin = s.dependsOnOrigins.get(dep)!;
        diagnostics.push(
          diagnosticAt(
            origin.loaded,
            origin.path,
            `\`dependsOn\` names unknown stakeholder \`${dep}\`${known(stakeholders.keys())}`,
          ),
        );
      }
    }
  }
  diagnostics.push(...dependencyCycles(list, stakeholders));
  diagnostics.push(...unknownInputs(list, stakeholders));

  const cel = new CelScope(
    new Map([...facts].map(([n, f]) => [n, f.fact])),
    precompiledCelChecks(),
  );
  for (const s of list) {
    checkCel(cel, s.appliesWhen, s.fieldOrigins.appliesWhen, "bool", diagnostics);
    for (const item of s.items) {
      checkCel(cel, item.appliesWhen, item.fieldOrigins.appliesWhen, "bool", diagnostics);
      if (item.capacity) {
        const origin = item.fieldOrigins.capacity;
        checkCel(
          cel,
          item.capacity.demand,
          origin && { loaded: origin.loaded, path: [...origin.path, "demand"] },
          "number",
          diagnostics,
        );
      }
    }
  }
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics) };
  const escalateTo = [...new Set(members.flatMap((m) => m.checklist.escalateTo ?? []))];
  return {
    resolved: {
      ids,
      members,
      facts,
      sources,
      stakeholders: list,
      cel,
      escalateTo,
      overrides: merge.overrides,
    },
    diagnostics: [],
  };
}

/**
 * Warnings, not errors: an item due before an item it needs (its `due` is
 * longer before issuance than its input's), so it would have to be answered
 * before what it is built on. Positioned at the `needs` entry.
 */
export function inputOrderWarnings(resolved: ResolvedChecklist): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const REFERENCE = "2100-01-01";
  const dueOf = (due: string | undefined) => {
    const duration = due ? parseDuration(due) : undefined;
    return duration ? subtractDuration(REFERENCE, duration) : undefined;
  };
  const byRef = new Map(
    resolved.stakeholders.flatMap((s) =>
      s.items.map((i): [string, ResolvedItem] => [`${s.id}/${i.id}`, i]),
    ),
  );
  for (const s of resolved.stakeholders) {
    for (const item of s.items) {
      const origin = item.fieldOrigins.needs;
      const mine = dueOf(item.due);
      if (!item.needs || !origin || !mine) continue;
      for (const ref of item.needs) {
        const input = byRef.get(ref);
        const theirs = dueOf(input?.due);
        if (!input || !theirs || theirs <= mine) continue;
        const index = writtenList(origin).indexOf(ref);
        warnings.push(
          diagnosticAt(
            origin.loaded,
            index >= 0 ? [...origin.path, index] : origin.path,
            `item \`${s.id}/${item.id}\` is due ${item.due} before issuance, before \`${ref}\` (due ${input.due} before issuance), which it needs; give the input an earlier due date`,
          ),
        );
      }
    }
  }
  return warnings;
}

/** Each `needs` entry names an item (stakeholder/item) of the resolved checklist. */
function unknownInputs(
  list: readonly ResolvedStakeholder[],
  stakeholders: ReadonlyMap<string, ResolvedStakeholder>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const s of list) {
    for (const item of s.items) {
      const origin = item.fieldOrigins.needs;
      if (!item.needs || !origin) continue;
      for (const ref of item.needs) {
        const [sid, iid] = ref.split("/");
        const target = sid === undefined ? undefined : stakeholders.get(sid);
        let problem: string | undefined;
        if (!iid || ref.split("/").length !== 2)
          problem = `\`needs\` entry \`${ref}\` is not stakeholder/item`;
        else if (!target)
          problem = `\`needs\` names unknown stakeholder \`${sid}\`${known(stakeholders.keys())}`;
        else if (!target.items.some((i) => i.id === iid))
          problem = `\`needs\` names unknown item \`${ref}\`${known(target.items.map((i) => `${sid}/${i.id}`))}`;
        else if (sid === s.id && iid === item.id)
          problem = `item \`${s.id}/${item.id}\` needs itself`;
        if (!problem) continue;
        // Positions only for a problem: the built-ins' YAML is parsed lazily.
        const index = writtenList(origin).indexOf(ref);
        diagnostics.push(
          diagnosticAt(origin.loaded, index >= 0 ? [...origin.path, index] : origin.path, problem),
        );
      }
    }
  }
  return diagnostics;
}

function known(keys: Iterable<string>): string {
  const list = [...keys];
  if (list.length === 0) return "";
  const shown = list.slice(0, 8).join(", ");
  return ` (known: ${shown}${list.length > 8 ? ", …" : ""})`;
}

function sourceIndex(origin: Origin, sourceId: string): number {
  return writtenList(origin).indexOf(sourceId);
}

/** The list written at `origin` in its file (empty when it is not a list). */
function writtenList(origin: Origin): unknown[] {
  const value = origin.loaded.doc.getIn(origin.path, false) as unknown;
  const json =
    value && typeof value === "object" && "toJSON" in value
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  return Array.isArray(json) ? json : [];
}

function sameFactShape(a: Fact, b: Fact): boolean {
  return FACT_SHAPE_KEYS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

interface MergeContext {
  diagnostics: Diagnostic[];
  overrides: ResolvedOverride[];
}

const SIGNOFF_RANK: Record<string, number> = { required: 2, optional: 1 };
const ROLE_RANK: Record<string, number> = { clear: 3, consult: 2, inform: 1 };
const SEVERITY_RANK: Record<string, number> = { blocker: 3, major: 2, minor: 1 };

/** The checklist id an origin belongs to (the file's own `id:`). */
function checklistIdOf(origin: Origin): string {
  const value = origin.loaded.value as { id?: unknown } | undefined;
  return typeof value?.id === "string" ? value.id : origin.loaded.file;
}

/**
 * A later checklist weakening what an earlier one defines for the same
 * stakeholder or item (a changed `appliesWhen`, a sign-off made optional, a
 * weaker role or severity, evidence dropped) must say so with `overrides:`
 * and a reason: `checklists: [doj-significant-policy, ./relax.yaml]` with
 * `appliesWhen: "false"` on every office would otherwise turn 21 errors into
 * "no problems" in silence. Declared weakenings are kept for check and the report.
 */
function noteWeakening(
  merge: MergeContext,
  weakened: Array<{ field: string; was: Origin }>,
  declared: { reason: string } | undefined,
  origin: Origin,
  by: string,
  where: { stakeholder: string; item?: string },
): void {
  if (weakened.length === 0) return;
  const of = checklistIdOf(weakened[0]!.was);
  const what = where.item
    ? `item \`${where.stakeholder}/${where.item}\``
    : `stakeholder \`${where.stakeholder}\``;
  if (!declared) {
    for (const { field, was } of weakened) {
      merge.diagnostics.push(
        diagnosticAt(
          origin.loaded,
          [...origin.path, field],
          `weakens \`${field}\` of ${what} as ${checklistIdOf(was)} defines it (${path.basename(was.loaded.file)}:${locate(was.loaded, was.path).line}); if that is intended, say why with \`overrides: {reason: …}\``,
        ),
      );
    }
    return;
  }
  merge.overrides.push({
    ...where,
    fields: weakened.map((w) => w.field),
    reason: declared.reason,
    by,
    of,
    origin,
  });
}

function mergeStakeholder(
  stakeholders: Map<string, ResolvedStakeholder>,
  stakeholder: Stakeholder,
  origin: Origin,
  merge: MergeContext,
  by: string,
): void {
  let target = stakeholders.get(stakeholder.id);
  if (target && target.origin.loaded !== origin.loaded) {
    const weakened: Array<{ field: string; was: Origin }> = [];
    const was = (field: keyof Stakeholder) => target!.fieldOrigins[field] ?? target!.origin;
    if (stakeholder.appliesWhen !== undefined && stakeholder.appliesWhen !== target.appliesWhen) {
      weakened.push({ field: "appliesWhen", was: was("appliesWhen") });
    }
    if (
      stakeholder.signoff !== undefined &&
      (SIGNOFF_RANK[stakeholder.signoff] ?? 0) < (SIGNOFF_RANK[target.signoff] ?? 0)
    ) {
      weakened.push({ field: "signoff", was: was("signoff") });
    }
    const role = (stakeholder as { role?: string }).role;
    const earlierRole = (target as { role?: string }).role ?? "clear";
    if (role !== undefined && (ROLE_RANK[role] ?? 0) < (ROLE_RANK[earlierRole] ?? 0)) {
      weakened.push({ field: "role", was: was("role" as keyof Stakeholder) });
    }
    noteWeakening(merge, weakened, stakeholder.overrides, origin, by, {
      stakeholder: stakeholder.id,
    });
  }
  if (!target) {
    target = {
      id: stakeholder.id,
      name: "",
      dependsOn: [],
      signoff: "required",
      items: [],
      origin,
      fieldOrigins: {},
      dependsOnOrigins: new Map(),
    };
    stakeholders.set(stakeholder.id, target);
  }
  for (const key of [
    "name",
    "agency",
    "description",
    "appliesWhen",
    "signoff",
    // SPEC part two (section 10, 11)
    "role",
    "level",
    "confirmScopeOut",
    "silenceIsConcurrence",
    "suspense",
    "escalateTo",
  ] as const) {
    const value = stakeholder[key];
    if (value !== undefined) {
      (target as unknown as Record<string, unknown>)[key] = value;
      target.fieldOrigins[key] = { loaded: origin.loaded, path: [...origin.path, key] };
    }
  }
  // dependsOn is unioned: a checklist can add a dependency, never silently drop one.
  (stakeholder.dependsOn ?? []).forEach((dep, index) => {
    if (!target.dependsOn.includes(dep)) target.dependsOn.push(dep);
    if (!target.dependsOnOrigins.has(dep)) {
      target.dependsOnOrigins.set(dep, {
        loaded: origin.loaded,
        path: [...origin.path, "dependsOn", index],
      });
    }
  });
  (stakeholder.items ?? []).forEach((item, index) => {
    mergeItem(
      target,
      item,
      { loaded: origin.loaded, path: [...origin.path, "items", index] },
      merge,
      by,
    );
  });
}

function mergeItem(
  stakeholder: ResolvedStakeholder,
  item: Item,
  origin: Origin,
  merge: MergeContext,
  by: string,
): void {
  let target = stakeholder.items.find((i) => i.id === item.id);
  if (target && target.origin.loaded !== origin.loaded) {
    const weakened: Array<{ field: string; was: Origin }> = [];
    const was = (field: keyof Item) => target!.fieldOrigins[field] ?? target!.origin;
    if (item.appliesWhen !== undefined && item.appliesWhen !== target.appliesWhen) {
      weakened.push({ field: "appliesWhen", was: was("appliesWhen") });
    }
    if (
      item.severity !== undefined &&
      (SEVERITY_RANK[item.severity] ?? 0) < (SEVERITY_RANK[target.severity] ?? 0)
    ) {
      weakened.push({ field: "severity", was: was("severity") });
    }
    if (item.evidence !== undefined && target.evidence.some((e) => !item.evidence!.includes(e))) {
      weakened.push({ field: "evidence", was: was("evidence") });
    }
    noteWeakening(merge, weakened, item.overrides, origin, by, {
      stakeholder: stakeholder.id,
      item: item.id,
    });
  }
  if (!target) {
    target = {
      id: item.id,
      question: "",
      severity: "major",
      evidence: [],
      sources: [],
      stakeholder: stakeholder.id,
      origin,
      fieldOrigins: {},
    };
    stakeholder.items.push(target);
  }
  for (const key of [
    "question",
    "guidance",
    "severity",
    "appliesWhen",
    "due",
    "evidence",
    "capacity",
  ] as const) {
    const value = item[key];
    if (value !== undefined) {
      (target as unknown as Record<string, unknown>)[key] = value;
      target.fieldOrigins[key] = { loaded: origin.loaded, path: [...origin.path, key] };
    }
  }
  // sources are unioned, like dependsOn.
  for (const s of item.sources ?? []) if (!target.sources.includes(s)) target.sources.push(s);
  if (item.sources)
    target.fieldOrigins.sources = { loaded: origin.loaded, path: [...origin.path, "sources"] };
  // needs (inputs, SPEC section 11) are unioned too.
  if (item.needs) {
    target.needs = [...(target.needs ?? [])];
    for (const n of item.needs) if (!target.needs.includes(n)) target.needs.push(n);
    target.fieldOrigins.needs = { loaded: origin.loaded, path: [...origin.path, "needs"] };
  }
}

function duplicateIds(member: LoadedChecklist): Diagnostic[] {
  const { checklist, loaded } = member;
  const diagnostics: Diagnostic[] = [];
  const dup = (ids: string[], path: PathSegment[], what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (seen.has(id))
        diagnostics.push(
          diagnosticAt(loaded, [...path, index, "id"], `duplicate ${what} id \`${id}\``),
        );
      seen.add(id);
    });
  };
  dup(
    (checklist.sources ?? []).map((s) => s.id),
    ["sources"],
    "source",
  );
  dup(
    (checklist.stakeholders ?? []).map((s) => s.id),
    ["stakeholders"],
    "stakeholder",
  );
  (checklist.stakeholders ?? []).forEach((s, index) =>
    dup(
      (s.items ?? []).map((i) => i.id),
      ["stakeholders", index, "items"],
      `item (in \`${s.id}\`)`,
    ),
  );
  return diagnostics;
}

/** Every dependsOn cycle, named (`a → b → a`), at the entry that closes it. */
function dependencyCycles(
  list: ResolvedStakeholder[],
  byId: Map<string, ResolvedStakeholder>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  for (const start of list) {
    if (state.get(start.id)) continue;
    // Iterative DFS so long chains cannot overflow the stack.
    const stack: Array<{ id: string; next: number }> = [{ id: start.id, next: 0 }];
    state.set(start.id, "visiting");
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const node = byId.get(frame.id)!;
      if (frame.next >= node.dependsOn.length) {
        state.set(frame.id, "done");
        stack.pop();
        continue;
      }
      const dep = node.dependsOn[frame.next++]!;
      if (!byId.has(dep)) continue;
      const depState = state.get(dep);
      if (depState === "visiting") {
        const ids = stack.map((f) => f.id);
        const cycle = [...ids.slice(ids.indexOf(dep)), dep];
        const key = [...cycle].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          const origin = node.dependsOnOrigins.get(dep)!;
          diagnostics.push(
            diagnosticAt(origin.loaded, origin.path, `dependsOn cycle: ${cycle.join(" → ")}`),
          );
        }
      } else if (!depState) {
        state.set(dep, "visiting");
        stack.push({ id: dep, next: 0 });
      }
    }
  }
  return diagnostics;
}

function checkCel(
  cel: CelScope,
  expression: string | undefined,
  origin: Origin | undefined,
  expect: "bool" | "number",
  diagnostics: Diagnostic[],
): void {
  if (expression === undefined || !origin) return;
  const problem = cel.check(expression, expect);
  if (!problem) return;
  diagnostics.push({
    location: locateInScalar(origin.loaded, origin.path, problem.offset),
    message: `CEL: ${problem.message}`,
  });
}

/** Position of character `offset` of a scalar's value, for plain and quoted one-line scalars. */
export function locateInScalar(loaded: LoadedYaml, path: PathSegment[], offset: number): Location {
  const node = loaded.doc.getIn(path, true) as
    { range?: [number, number, number]; type?: string } | undefined;
  if (!node?.range) return locate(loaded, path);
  const base = locationOfNode(loaded, node as never);
  const raw = loaded.text.slice(node.range[0], node.range[1]);
  const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
  if ((node.type === "PLAIN" || quoted) && !raw.includes("\n")) {
    return { file: loaded.file, line: base.line, column: base.column + offset + (quoted ? 1 : 0) };
  }
  return { file: loaded.file, line: base.line, column: base.column };
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column,
  );
}
