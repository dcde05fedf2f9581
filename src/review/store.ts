/**
 * The review on disk, as the interactive walk reads and writes it: one
 * `x.review.yaml`, or a directory `x.review/` of fragments merged by
 * stakeholder id.
 *
 * Every change is made under the review's lock, on a fresh read of the
 * file(s), so concurrent sessions never lose each other's answers; it is
 * applied to the yaml Document and spliced into the original text (see
 * rewrite.ts), so comments and formatting survive; and it is saved
 * atomically, together with its history entry, in ONE file — a change never
 * spans two fragments, so a crash cannot separate an answer from its history.
 */
import { mkdir, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { isMap, isSeq } from "yaml";
import { PreclearError } from "../core/diagnostics.js";
import { decodeUtf8, FileReadError, readFailure, readRegularFile } from "../core/load/files.js";
import { DEFAULT_LIMITS } from "../core/load/yaml.js";
import type { FactValue } from "../core/types/draft.js";
import type {
  Comment,
  Decision,
  Escalation,
  HistoryEntry,
  ItemResponse,
  Notice,
  Review,
  ScopeOut,
  Amendment,
  Signoff,
  StakeholderRecord,
  Tasking,
} from "../core/types/review.js";
import { defaultActor } from "./actor.js";
import { writeFileAtomic } from "./atomic.js";
import type { AtomicFs } from "./atomic.js";
import { ReviewFileError } from "./errors.js";
import {
  API_VERSION,
  describePosition,
  ensureMap,
  ensureSeq,
  errorAt,
  KIND,
  keyNode,
  newFragment,
  parseFragment,
} from "./fragment.js";
import type { Fragment } from "./fragment.js";
import { mergeReviewFragments } from "../core/load/review.js";
import { withLock } from "./lock.js";
import type { LockOptions } from "./lock.js";
import { rewriteYaml } from "./rewrite.js";

export interface ReviewStoreOptions {
  /** Id of the draft; a review for another draft is refused. */
  draftId: string;
  /** Start an empty review when the path does not exist (written on the first change). */
  create?: boolean;
  /** Who is answering, for the history (default: git user.name, else the OS user). */
  actor?: string;
  /** Clock for history timestamps. */
  now?: () => Date;
  lock?: LockOptions;
  /** Largest review or fragment file read (default: limits.maxFileBytes' default, 1 MiB). */
  maxBytes?: number;
  /** Replaces steps of the atomic write (tests simulate failures with it). */
  fs?: Partial<AtomicFs>;
}

/** A history entry as callers give it: `at` and `actor` default to the store's clock and actor. */
export type HistoryInput = Omit<HistoryEntry, "at" | "actor"> & { at?: string; actor?: string };

type HistoryDraft = Omit<HistoryEntry, "at" | "actor">;

/** Field names of an item response and a decision, checked against the schema in a test. */
export const ITEM_RESPONSE_FIELDS = Object.keys({
  status: true,
  contact: true,
  date: true,
  document: true,
  capacity: true,
  availableOn: true,
  notes: true,
  justification: true,
  acceptedBy: true,
  acceptedByLevel: true,
  rationale: true,
  provenance: true,
} satisfies Record<keyof ItemResponse, true>) as (keyof ItemResponse)[];

export const DECISION_FIELDS = Object.keys({
  status: true,
  comments: true,
  by: true,
  date: true,
  level: true,
  conditions: true,
  provenance: true,
} satisfies Record<keyof Decision, true>) as (keyof Decision)[];

const ID = /^[a-z][a-z0-9-]{0,63}$/;
const SHARED_FRAGMENT = "_review.yaml";

/**
 * Several changes to one stakeholder's record, written together (one file,
 * one history batch): what an imported response or a packet records.
 */
export interface StakeholderUpdate {
  /** Fields of item responses, by item id (as setItemResponse). */
  items?: Record<string, Partial<ItemResponse>>;
  /** Replaces the decision. */
  decision?: Decision;
  /** Merged by comment id: the fields given are set, others kept. */
  comments?: Comment[];
  notice?: Notice;
  tasking?: Tasking;
}

/** Added to every history entry of an update: how it came in, who answered, why. */
export interface HistoryContext {
  via?: string;
  respondent?: string;
  reason?: string;
}

interface Loaded {
  fragments: Fragment[];
  review: Review;
  /** The fragment holding each stakeholder. */
  stakeholderHome: Map<string, Fragment>;
  /** The fragment(s) holding each fact. */
  factHomes: Map<string, Fragment[]>;
}

interface Change {
  /** The one file this change is written to. */
  file(loaded: Loaded): string;
  /** Edit the fragment's Document; return the history entries the change deserves. */
  apply(fragment: Fragment, current: Review): HistoryDraft[];
}

export class ReviewStore {
  /** The review file or fragment directory, as given. */
  readonly path: string;
  /** True for a directory of fragments. */
  readonly directory: boolean;
  private readonly options: ReviewStoreOptions;
  private actorName: string | undefined;
  private loaded: Loaded;
  /**
   * Each file's bytes as last parsed, and the fragment parsed from them: a
   * re-read whose bytes are identical reuses the fragment instead of parsing
   * again (the same bytes parse to the same thing; nothing edits a cached one).
   */
  private readonly parsed = new Map<string, { bytes: Buffer; fragment: Fragment }>();
  /** Changes made through one store are applied in call order. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    reviewPath: string,
    directory: boolean,
    options: ReviewStoreOptions,
    loaded: Loaded,
  ) {
    this.path = reviewPath;
    this.directory = directory;
    this.options = options;
    this.actorName = options.actor;
    this.loaded = loaded;
  }

  /**
   * Open a review. A path that does not exist is an error, unless `create`
   * is set: then it is a file if it ends in .yaml/.yml/.json, else a
   * directory of fragments, and nothing is written until the first change.
   */
  static async open(reviewPath: string, options: ReviewStoreOptions): Promise<ReviewStore> {
    let directory: boolean;
    try {
      directory = (await stat(reviewPath)).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw readError(reviewPath, error);
      if (!options.create) {
        throw new ReviewFileError(
          reviewPath,
          1,
          1,
          "review not found; check the path, or start one with `preclear review`",
        );
      }
      directory = !/\.(ya?ml|json)$/i.test(reviewPath);
    }
    const store = new ReviewStore(reviewPath, directory, options, emptyLoaded(options.draftId));
    store.loaded = await store.read();
    return store;
  }

  /** Who the history says made the changes (looked up on first use). */
  get actor(): string {
    this.actorName ??= defaultActor();
    return this.actorName;
  }

  /** The files the review consists of now (none before the first write of a new review). */
  get files(): string[] {
    return this.loaded.fragments.filter((f) => f.source !== null).map((f) => f.file);
  }

  /** The review as plain data, merged across fragments (history sorted by time). */
  snapshot(): Review {
    return structuredClone(this.loaded.review);
  }

  /** Re-read the review from disk (another session may have answered meanwhile). */
  async reload(): Promise<Review> {
    await this.enqueue(async () => {
      this.loaded = await this.read();
    });
    return this.snapshot();
  }

  /**
   * Set fields of a stakeholder's response to an item; a field given as
   * `undefined` is removed. A status change is recorded in the history.
   */
  async setItemResponse(
    stakeholder: string,
    item: string,
    fields: Partial<ItemResponse>,
  ): Promise<void> {
    checkId("stakeholder", stakeholder);
    checkId("item", item);
    for (const field of Object.keys(fields)) {
      if (!(ITEM_RESPONSE_FIELDS as string[]).includes(field)) {
        throw new TypeError(`unknown item response field \`${field}\``);
      }
    }
    return this.change({
      file: (loaded) => this.stakeholderFile(loaded, stakeholder),
      apply: (fragment, current) => {
        const before = current.stakeholders?.[stakeholder]?.items?.[item];
        const status = "status" in fields ? fields.status : before?.status;
        if (status === undefined) {
          throw new TypeError(`a response to ${stakeholder}/${item} needs a status`);
        }
        const changed = Object.entries(fields).some(
          ([key, value]) => !isDeepStrictEqual(value, before?.[key as keyof ItemResponse]),
        );
        if (!changed) return [];
        setFields(fragment, ["stakeholders", stakeholder, "items", item], fields, before);
        if (status === before?.status) return [];
        return [{ stakeholder, item, from: before?.status ?? null, to: status }];
      },
    });
  }

  /** Record (or, with `undefined`, remove) a stakeholder's decision. */
  async setDecision(stakeholder: string, decision: Decision | undefined): Promise<void> {
    checkId("stakeholder", stakeholder);
    return this.change({
      file: (loaded) => this.stakeholderFile(loaded, stakeholder),
      apply: (fragment, current) => {
        const before = current.stakeholders?.[stakeholder]?.decision;
        if (isDeepStrictEqual(stripUndefined(decision), before)) return [];
        if (decision === undefined) {
          const record = fragment.doc.getIn(["stakeholders", stakeholder], true);
          if (isMap(record)) record.delete("decision");
        } else {
          const fields: Partial<Decision> = {};
          for (const key of DECISION_FIELDS)
            (fields as Record<string, unknown>)[key] = decision[key];
          setFields(fragment, ["stakeholders", stakeholder, "decision"], fields, before);
        }
        if (decision?.status === before?.status) return [];
        return [
          {
            stakeholder,
            item: "decision",
            from: before?.status ?? null,
            to: decision?.status ?? null,
          },
        ];
      },
    });
  }

  /** Record (or, with `undefined`, remove) the notice given to a consult or inform office. */
  async setNotice(stakeholder: string, notice: Notice | undefined): Promise<void> {
    return this.setRecordPart(stakeholder, "notice", notice, (n) => n?.date ?? null);
  }

  /** Record (or remove) when the office was tasked, its suspense and any extension. */
  async setTasking(stakeholder: string, tasking: Tasking | undefined): Promise<void> {
    return this.setRecordPart(stakeholder, "tasking", tasking, (t) =>
      t ? `tasked ${t.tasked}${t.extendedTo ? `, extended to ${t.extendedTo}` : ""}` : null,
    );
  }

  /** Record (or remove) the elevation of a non-concurrence and its outcome. */
  async setEscalation(stakeholder: string, escalation: Escalation | undefined): Promise<void> {
    return this.setRecordPart(stakeholder, "escalation", escalation, (e) =>
      e ? (e.outcome ?? "pending") : null,
    );
  }

  /** Record (or remove) the confirmation that a ruled-out office is not affected. */
  async setScopeOut(stakeholder: string, scopeOut: ScopeOut | undefined): Promise<void> {
    return this.setRecordPart(stakeholder, "scopeOut", scopeOut, (x) =>
      x ? `confirmed by ${x.confirmedBy}` : null,
    );
  }

  /**
   * Add a comment the office sent. Its id is `comment.id` when given (it must
   * be new), else the next free `c1`, `c2`, …; the id is returned.
   */
  async addComment(
    stakeholder: string,
    comment: Omit<Comment, "id"> & { id?: string },
  ): Promise<string> {
    checkId("stakeholder", stakeholder);
    if (comment.id !== undefined) checkId("comment", comment.id);
    let id = "";
    await this.change({
      file: (loaded) => this.stakeholderFile(loaded, stakeholder),
      apply: (fragment, current) => {
        const existing = (current.stakeholders?.[stakeholder]?.comments ?? []).map((c) => c.id);
        if (comment.id !== undefined && existing.includes(comment.id))
          throw new TypeError(`comment \`${comment.id}\` already exists for ${stakeholder}`);
        id = comment.id ?? nextId("c", existing);
        const full = stripUndefined({ ...comment, id }) as Comment;
        const { id: _, ...rest } = full;
        ensureSeq(fragment, ["stakeholders", stakeholder, "comments"]).add(
          fragment.doc.createNode({ id, ...rest }),
        );
        return [{ stakeholder, item: `comment:${id}`, from: null, to: full.type }];
      },
    });
    return id;
  }

  /**
   * Change fields of a recorded comment (the adjudication: disposition,
   * response, resolution); a field given as `undefined` is removed.
   */
  async updateComment(
    stakeholder: string,
    id: string,
    fields: Partial<Omit<Comment, "id">>,
  ): Promise<void> {
    checkId("stakeholder", stakeholder);
    return this.change({
      file: (loaded) => this.stakeholderFile(loaded, stakeholder),
      apply: (fragment, current) => {
        const comments = current.stakeholders?.[stakeholder]?.comments ?? [];
        const index = comments.findIndex((c) => c.id === id);
        if (index === -1) throw new TypeError(`${stakeholder} has no comment \`${id}\``);
        const before = comments[index]!;
        const changed = Object.entries(fields).some(
          ([key, value]) => !isDeepStrictEqual(value, before[key as keyof Comment]),
        );
        if (!changed) return [];
        const seq = fragment.doc.getIn(["stakeholders", stakeholder, "comments"], true);
        const node = isSeq(seq) ? seq.items[index] : undefined;
        if (!isMap(node)) throw new TypeError(`${stakeholder} comment \`${id}\` is not a mapping`);
        for (const [key, value] of Object.entries(fields)) {
          if (value === undefined) node.delete(key);
          else if (!isDeepStrictEqual(value, before[key as keyof Comment]))
            node.set(key, fragment.doc.createNode(value));
        }
        const from = before.disposition ?? "pending";
        const to = fields.disposition ?? from;
        return to === from ? [] : [{ stakeholder, item: `comment:${id}`, from, to }];
      },
    });
  }

  /** Set (or remove) one part of a stakeholder's record; a history entry says what it became. */
  private setRecordPart<K extends "notice" | "tasking" | "escalation" | "scopeOut">(
    stakeholder: string,
    key: K,
    value: StakeholderRecord[K] | undefined,
    summary: (value: StakeholderRecord[K] | undefined) => string | null,
  ): Promise<void> {
    checkId("stakeholder", stakeholder);
    return this.change({
      file: (loaded) => this.stakeholderFile(loaded, stakeholder),
      apply: (fragment, current) => {
        const before = current.stakeholders?.[stakeholder]?.[key];
        const clean = value === undefined ? undefined : stripUndefined(value as object);
        if (isDeepStrictEqual(clean, before)) return [];
        if (clean === undefined) {
          const record = fragment.doc.getIn(["stakeholders", stakeholder], true);
          if (isMap(record)) record.delete(key);
        } else {
          const fields: Record<string, unknown> = {};
          for (const k of new Set([...Object.keys(before ?? {}), ...Object.keys(clean)]))
            fields[k] = (clean as Record<string, unknown>)[k];
          setFields(fragment, ["stakeholders", stakeholder, key], fields, before);
        }
        const from = summary(before as StakeholderRecord[K] | undefined);
        const to = summary(clean as StakeholderRecord[K] | undefined);
        return from === to ? [] : [{ stakeholder, item: key, from, to }];
      },
    });
  }

  /** Record (or, with `undefined`, remove) the answer to a scoping fact. */
  async setFact(name: string, value: FactValue | undefined): Promise<void> {
    if (typeof name !== "string" || name === "") throw new TypeError("a fact needs a name");
    return this.change({
      file: (loaded) => this.factFile(loaded, name),
      apply: (fragment, current) => {
        const before = current.facts?.[name];
        if (isDeepStrictEqual(value, before)) return [];
        if (value === undefined) {
          const facts = fragment.doc.get("facts", true);
          if (isMap(facts)) facts.delete(name);
        } else {
          ensureMap(fragment, ["facts"]).set(name, fragment.doc.createNode(value));
        }
        return [{ item: `fact:${name}`, from: historyValue(before), to: historyValue(value) }];
      },
    });
  }

  /**
   * Append a sign-off. Its history entry carries `reason` when given (e.g.
   * why a sign-off was forced over open findings).
   */
  async addSignoff(
    stakeholder: string,
    signoff: Signoff,
    options: { reason?: string } & Omit<HistoryContext, "reason"> = {},
  ): Promise<void> {
    checkId("stakeholder", stakeholder);
    return this.change({
      file: (loaded) => this.stakeholderFile(loaded, stakeholder),
      apply: (fragment) => {
        ensureSeq(fragment, ["stakeholders", stakeholder, "signoffs"]).add(
          fragment.doc.createNode(stripUndefined(signoff)),
        );
        const entry: HistoryDraft = { stakeholder, item: "signoff", from: null, to: signoff.name };
        if (options.reason !== undefined) entry.reason = options.reason;
        if (options.via !== undefined) entry.via = options.via;
        if (options.respondent !== undefined) entry.respondent = options.respondent;
        return [entry];
      },
    });
  }

  /**
   * Apply several changes to one stakeholder's record in one write, with
   * one history entry per item, decision, comment, notice or tasking that
   * changed, each carrying `context`. Returns those entries: none means the
   * record already said all of it, and nothing was written.
   */
  async updateStakeholder(
    stakeholder: string,
    update: StakeholderUpdate,
    context: HistoryContext = {},
  ): Promise<HistoryDraft[]> {
    checkId("stakeholder", stakeholder);
    for (const [item, fields] of Object.entries(update.items ?? {})) {
      checkId("item", item);
      for (const field of Object.keys(fields)) {
        if (!(ITEM_RESPONSE_FIELDS as string[]).includes(field)) {
          throw new TypeError(`unknown item response field \`${field}\``);
        }
      }
    }
    for (const comment of update.comments ?? []) checkId("comment", comment.id);
    let entries: HistoryDraft[] = [];
    await this.changed({
      file: (loaded) => this.stakeholderFile(loaded, stakeholder),
      apply: (fragment, current) => {
        entries = applyUpdate(fragment, current.stakeholders?.[stakeholder], stakeholder, update);
        return entries.map((entry) => ({ ...entry, ...stripUndefined(context) }));
      },
    });
    return entries.map((entry) => ({ ...entry, ...stripUndefined(context) }));
  }

  /** Append a technical amendment of the policy text (SPEC section 13) to the review. */
  async addAmendment(amendment: Amendment): Promise<void> {
    return this.change({
      file: (loaded) => this.factFile(loaded),
      apply: (fragment) => {
        ensureSeq(fragment, ["amendments"]).add(fragment.doc.createNode(stripUndefined(amendment)));
        return [
          {
            item: `amendment:${amendment.kind}`,
            from: amendment.from,
            to: amendment.to,
            reason: amendment.reason,
          },
        ];
      },
    });
  }

  /** Append a history entry of the caller's own. */
  async appendHistory(entry: HistoryInput): Promise<void> {
    const { stakeholder } = entry;
    if (stakeholder !== undefined) checkId("stakeholder", stakeholder);
    return this.change({
      file: (loaded) =>
        stakeholder ? this.stakeholderFile(loaded, stakeholder) : this.factFile(loaded),
      apply: () => [entry],
    });
  }

  // ── routing: which file a change goes to ───────────────────────────────

  /** A stakeholder's changes go to the fragment that holds it, else to `<id>.yaml`. */
  private stakeholderFile(loaded: Loaded, stakeholder: string): string {
    if (!this.directory) return this.path;
    return (
      loaded.stakeholderHome.get(stakeholder)?.file ?? path.join(this.path, `${stakeholder}.yaml`)
    );
  }

  /**
   * Review-wide changes (facts, history without a stakeholder) go to the
   * fragment holding the fact, else the first fragment with `facts`, else
   * `_review.yaml`.
   */
  private factFile(loaded: Loaded, fact?: string): string {
    if (!this.directory) return this.path;
    if (fact !== undefined) {
      const homes = loaded.factHomes.get(fact) ?? [];
      if (homes.length > 1) {
        const [first, second] = homes as [Fragment, Fragment];
        throw errorAt(
          second,
          keyNode(second.doc, ["facts", fact]),
          `fact \`${fact}\` is also answered in ${describePosition(first, keyNode(first.doc, ["facts", fact]))}; keep it in one fragment before changing it`,
        );
      }
      if (homes[0]) return homes[0].file;
    }
    const withFacts = loaded.fragments.find((f) => isMap(f.doc.get("facts", true)));
    return withFacts?.file ?? path.join(this.path, SHARED_FRAGMENT);
  }

  // ── reading and writing ────────────────────────────────────────────────

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private change(change: Change): Promise<void> {
    return this.changed(change).then(() => undefined);
  }

  /** Apply a change; true when something was written. */
  private changed(change: Change): Promise<boolean> {
    return this.enqueue(async () => {
      const resource = await this.lockResource();
      return withLock(resource, () => this.applyLocked(change), this.options.lock);
    });
  }

  private async applyLocked(change: Change): Promise<boolean> {
    // Re-read under the lock: another session may have saved since we last looked.
    const loaded = await this.read();
    this.loaded = loaded;
    const file = change.file(loaded);
    const fragment =
      loaded.fragments.find((f) => f.file === file) ?? newFragment(file, this.options.draftId);
    const edited: Fragment = { ...fragment, doc: fragment.doc.clone() };
    const history = change.apply(edited, loaded.review);
    if (history.length === 0 && isDeepStrictEqual(edited.doc.toJS(), fragment.doc.toJS()))
      return false;
    const at = history.length > 0 ? isoSeconds((this.options.now ?? (() => new Date()))()) : "";
    for (const entry of history) {
      const full = { at, actor: this.actor, ...entry };
      ensureSeq(edited, ["history"]).add(edited.doc.createNode(orderHistory(full)));
    }
    const { text } = rewriteYaml(
      fragment.source,
      fragment.source === null ? null : fragment.doc,
      edited.doc,
    );
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFileAtomic(file, fragment.bom ? `\ufeff${text}` : text, { fs: this.options.fs });
    this.loaded = await this.read();
    return true;
  }

  /** The path the lock is taken on: the real location, so a symlink and its target share one lock. */
  private async lockResource(): Promise<string> {
    const absolute = path.resolve(this.path);
    await mkdir(path.dirname(absolute), { recursive: true });
    try {
      return await realpath(absolute);
    } catch {
      return path.join(await realpath(path.dirname(absolute)), path.basename(absolute));
    }
  }

  private async read(): Promise<Loaded> {
    const files = this.directory ? await this.fragmentFiles() : [this.path];
    const fragments: Fragment[] = [];
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = readRegularFile(file, this.options.maxBytes ?? DEFAULT_LIMITS.maxBytes);
      } catch (error) {
        if (!(error instanceof FileReadError)) throw error;
        if (error.code === "ENOENT") continue;
        throw new ReviewFileError(file, 1, 1, readFailure(error, "review"));
      }
      const cached = this.parsed.get(file);
      if (cached && cached.bytes.equals(bytes)) {
        fragments.push(cached.fragment);
        continue;
      }
      const fragment = parseFragment(file, decodeReview(file, bytes), this.options.draftId);
      this.parsed.set(file, { bytes, fragment });
      fragments.push(fragment);
    }
    return merge(this.path, this.directory, fragments, this.options.draftId);
  }

  private async fragmentFiles(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw readError(this.path, error);
    }
    // Dotfiles are excluded: they include our own temporary files.
    return names
      .filter((name) => /\.ya?ml$/i.test(name) && !name.startsWith("."))
      .sort()
      .map((name) => path.join(this.path, name));
  }
}

// ── helpers ──────────────────────────────────────────────────────────────

function emptyLoaded(draftId: string): Loaded {
  return {
    fragments: [],
    review: { apiVersion: API_VERSION, kind: KIND, draft: draftId },
    stakeholderHome: new Map(),
    factHomes: new Map(),
  };
}

/**
 * Merge fragments with the core's merge (src/core/load/review.ts): a
 * stakeholder in two fragments, or a fact answered differently in two, is an
 * error naming both. What is left here is where each answer lives, so an
 * edit goes to the file that holds it.
 */
function merge(
  reviewPath: string,
  directory: boolean,
  fragments: Fragment[],
  draftId: string,
): Loaded {
  const loaded = emptyLoaded(draftId);
  loaded.fragments = fragments;
  let merged;
  try {
    merged = mergeReviewFragments(
      reviewPath,
      directory,
      fragments.flatMap((f) => (f.parsed ? [f.parsed] : [])),
    );
  } catch (error) {
    if (error instanceof PreclearError) throw ReviewFileError.from(error);
    throw error;
  }
  const home = (file: string): Fragment => fragments.find((f) => f.file === file)!;
  for (const fragment of fragments) {
    for (const name of Object.keys(fragment.parsed?.review.facts ?? {})) {
      loaded.factHomes.set(name, [...(loaded.factHomes.get(name) ?? []), fragment]);
    }
  }
  for (const [id, { fragment }] of merged.stakeholders) {
    loaded.stakeholderHome.set(id, home(fragment.file));
  }
  if (merged.facts.size > 0) {
    loaded.review.facts = Object.fromEntries([...merged.facts].map(([k, v]) => [k, v.value]));
  }
  if (merged.stakeholders.size > 0) {
    loaded.review.stakeholders = Object.fromEntries(
      [...merged.stakeholders].map(([id, { record }]) => [
        id,
        dropNulls(record) as StakeholderRecord,
      ]),
    );
  }
  if (merged.history.length > 0) loaded.review.history = merged.history;
  return loaded;
}

/**
 * Write `fields` into the mapping at `path` (created if missing), skipping
 * values that are already there so their original quoting is kept.
 */
function setFields(
  fragment: Fragment,
  at: string[],
  fields: object,
  before: object | undefined,
): void {
  const map = ensureMap(fragment, at);
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      map.delete(key);
    } else if (!isDeepStrictEqual(value, (before as Record<string, unknown> | undefined)?.[key])) {
      map.set(key, fragment.doc.createNode(value));
    }
  }
}

/** Edit a stakeholder's record in `fragment`; the history entries of what changed. */
function applyUpdate(
  fragment: Fragment,
  before: StakeholderRecord | undefined,
  stakeholder: string,
  update: StakeholderUpdate,
): HistoryDraft[] {
  const entries: HistoryDraft[] = [];
  const at = ["stakeholders", stakeholder];
  for (const [item, fields] of Object.entries(update.items ?? {})) {
    const previous = before?.items?.[item];
    const status = "status" in fields ? fields.status : previous?.status;
    if (status === undefined) {
      throw new TypeError(`a response to ${stakeholder}/${item} needs a status`);
    }
    const changed = Object.entries(fields).some(
      ([key, value]) => !isDeepStrictEqual(value, previous?.[key as keyof ItemResponse]),
    );
    if (!changed) continue;
    setFields(fragment, [...at, "items", item], fields, previous);
    entries.push({ stakeholder, item, from: previous?.status ?? null, to: status });
  }
  if (update.decision !== undefined) {
    const previous = before?.decision;
    const decision = stripUndefined(update.decision)!;
    if (!isDeepStrictEqual(decision, previous)) {
      const fields: Partial<Decision> = {};
      for (const key of DECISION_FIELDS) (fields as Record<string, unknown>)[key] = decision[key];
      setFields(fragment, [...at, "decision"], fields, previous);
      entries.push({
        stakeholder,
        item: "decision",
        from: previous?.status ?? null,
        to: decision.status,
      });
    }
  }
  for (const comment of update.comments ?? []) {
    const seq = ensureSeq(fragment, [...at, "comments"]);
    const previous = before?.comments?.find((c) => c.id === comment.id);
    const wanted = stripUndefined(comment)!;
    if (
      previous &&
      Object.entries(wanted).every(([k, v]) => isDeepStrictEqual(v, previous[k as keyof Comment]))
    ) {
      continue;
    }
    const node = seq.items.find((n) => isMap(n) && n.get("id") === comment.id);
    if (isMap(node)) {
      for (const [key, value] of Object.entries(wanted)) {
        if (!isDeepStrictEqual(value, previous?.[key as keyof Comment])) {
          node.set(key, fragment.doc.createNode(value));
        }
      }
    } else {
      seq.add(fragment.doc.createNode(wanted));
    }
    entries.push({
      stakeholder,
      item: `comment:${comment.id}`,
      from: previous ? previous.type : null,
      to: comment.type,
    });
  }
  for (const key of ["notice", "tasking"] as const) {
    const value = stripUndefined(update[key] as object | undefined);
    if (value === undefined || isDeepStrictEqual(value, before?.[key])) continue;
    setFields(fragment, [...at, key], value, before?.[key]);
    const record = fragment.doc.getIn([...at, key], true);
    if (isMap(record)) {
      for (const pair of [...record.items]) {
        const name = String((pair.key as { value?: unknown })?.value ?? pair.key);
        if (!(name in value)) record.delete(name);
      }
    }
    const date = key === "notice" ? (value as Notice).date : (value as Tasking).tasked;
    entries.push({ stakeholder, item: key, from: null, to: date });
  }
  return entries;
}

const HISTORY_ORDER = ["at", "actor", "stakeholder", "item", "from", "to", "reason"];

/** Keys in the schema's order, whatever order the caller gave them in; undefined dropped. */
function orderHistory(entry: HistoryEntry): Record<string, unknown> {
  const source = entry as unknown as Record<string, unknown>;
  const keys = [...HISTORY_ORDER, ...Object.keys(source).filter((k) => !HISTORY_ORDER.includes(k))];
  const ordered: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) ordered[key] = source[key];
  return ordered;
}

function historyValue(value: FactValue | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `2018-03-20T14:02:11Z`: second precision, as people write it. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function stripUndefined<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function dropNulls(record: object): object {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
}

/** `c1`, `c2`, …: the first `<prefix><n>` not in `taken`. */
function nextId(prefix: string, taken: string[]): string {
  let n = taken.length + 1;
  for (let k = 1; k <= taken.length + 1; k++) {
    if (!taken.includes(`${prefix}${k}`)) {
      n = k;
      break;
    }
  }
  return `${prefix}${n}`;
}

function checkId(what: string, id: string): void {
  if (typeof id !== "string" || !ID.test(id)) {
    throw new TypeError(
      `invalid ${what} id \`${String(id)}\`: use lower-case letters, digits and dashes`,
    );
  }
}

/** Invalid UTF-8 is refused, not decoded to U+FFFD: saving would lose those bytes. */
function decodeReview(file: string, bytes: Buffer): string {
  try {
    return decodeUtf8(file, bytes);
  } catch (error) {
    if (!(error instanceof PreclearError)) throw error;
    const { location, message } = error.diagnostics[0]!;
    throw new ReviewFileError(file, location.line, location.column, message);
  }
}

function readError(file: string, error: unknown): ReviewFileError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ReviewFileError(file, 1, 1, `cannot read review: ${code ?? String(error)}`);
}
