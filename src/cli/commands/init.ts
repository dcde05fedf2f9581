import {
  appendFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { Chalk } from "chalk";
import { isCalendarDate } from "../../core/evaluate/dates.js";
import { PreclearError } from "../../core/diagnostics.js";
import { scaffold } from "../../core/scaffold.js";
import type { FactValue } from "../../core/types/draft.js";
import { printable } from "../../formatters/text.js";
import type { Prompter } from "../../review/prompts.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

interface InitFlags {
  checklist?: string[];
  id?: string;
  draft?: string;
  title?: string;
  issuer?: string;
  issuanceDate?: string;
  ci?: "github" | "gitlab";
  force?: boolean;
}

const ID = /^[a-z0-9][a-z0-9-]{0,127}$/;
const DEFAULT_CHECKLIST = "doj-significant-policy";
/** Ids made from a title stop at a word boundary by this length. */
const SLUG_LENGTH = 48;
/** Files of the project, not of one draft: an existing one is kept as it is. */
const PROJECT_FILES = new Set([
  "preclear.config.yaml",
  ".github/workflows/preclear.yml",
  ".gitlab-ci.yml",
]);

/**
 * `preclear init`: on a terminal, a checklist menu, the title, the id and file
 * names (shown, changeable) and the scoping facts with the same typed prompts
 * as `review`; without one, flags. In a directory that already has a
 * preclear.config.yaml it adds a draft and leaves the project's files alone.
 */
export async function initCommand(
  dir: string | undefined,
  flags: InitFlags,
  globals: GlobalOptions,
  io: CliIO,
  prompter?: Prompter,
): Promise<number> {
  const target = path.resolve(io.cwd, dir ?? ".");
  const context = createContext(globals, { ...io, cwd: target });
  const interactive = !prompter && io.stdinIsTTY && Boolean(io.stdout.isTTY) && !io.env.CI;
  const ask =
    prompter ??
    (interactive
      ? await (await import("../../review/prompts.js")).inquirerPrompter((t) => io.stdout.write(t))
      : undefined);
  const chalk = new Chalk({ level: context.color ? 1 : 0 });

  let checklists = flags.checklist?.length ? flags.checklist : undefined;
  if (!checklists && ask) {
    const entries = context.library.list();
    checklists = await ask.checkbox({
      message: "Checklists this policy is cleared against (space to select, Enter to accept)",
      choices: entries.map((entry) => {
        const { checklist } = context.library.load(entry.file, entry.builtin);
        return {
          value: entry.id,
          name: `${entry.id} — ${checklist.title}`,
          checked: entry.id === DEFAULT_CHECKLIST,
        };
      }),
      required: true,
    });
  }
  if (!checklists?.length) checklists = [DEFAULT_CHECKLIST];
  const { resolved, diagnostics } = context.library.resolve(
    checklists.map((ref) => ({ ref, at: { file: "--checklist", line: 1, column: 1 } })),
    target,
  );
  if (!resolved) throw new PreclearError(diagnostics, "unevaluable");

  let { title, issuer, issuanceDate } = flags;
  if (ask && !title) title = await ask.input({ message: "Title of the policy", required: true });
  if (ask && !issuer)
    issuer = (await ask.input({ message: "Issuing office (optional)" })) || undefined;
  if (ask && !issuanceDate) {
    issuanceDate =
      (await ask.input({
        message: "Planned issuance date, YYYY-MM-DD (optional)",
        validate: (v) =>
          v.trim() === "" || isCalendarDate(v.trim()) || "enter a date as YYYY-MM-DD",
      })) || undefined;
  }
  title ??= "Untitled policy";
  if (issuanceDate !== undefined && !isCalendarDate(issuanceDate)) {
    throw new UsageError(
      `--issuance-date must be a calendar date (YYYY-MM-DD), got "${issuanceDate}"`,
    );
  }
  const fromTitle = slug(title);
  let id = flags.id ?? flags.draft ?? fromTitle.id;
  if (ask && !flags.id && !flags.draft) {
    id = (
      await ask.input({
        message: `Draft id — the files will be ${id}.md and ${id}.review.yaml; Enter to accept or type another`,
        default: id,
        validate: (v) =>
          ID.test(v.trim()) ||
          "lower-case letters, digits and dashes (at most 128), e.g. border-referrals",
      })
    ).trim();
  } else if (!flags.id && !flags.draft && fromTitle.shortened) {
    io.stdout.write(
      `draft id ${id} (shortened from the title at a word boundary; choose another with --id)\n`,
    );
  }
  if (!ID.test(id))
    throw new UsageError(`--id must be lower-case letters, digits and dashes, got "${id}"`);
  const name = flags.draft ?? id;
  if (!ID.test(name))
    throw new UsageError(`--draft must be lower-case letters, digits and dashes, got "${name}"`);

  const facts: Record<string, FactValue> = {};
  if (ask && resolved.facts.size > 0) {
    const now = await ask.select({
      message: `The checklists ask ${resolved.facts.size} scoping question${resolved.facts.size === 1 ? "" : "s"}; they decide which offices are affected`,
      choices: [
        { value: "now", name: "answer them now" },
        { value: "later", name: "leave them for `preclear review`, which asks the open ones" },
      ],
      default: "now",
    });
    if (now === "now") {
      const { askFact } = await import("../../review/fact-prompt.js");
      for (const { name: factName, fact } of resolved.facts.values()) {
        const value = await askFact(ask, fact, chalk);
        if (value !== undefined) facts[factName] = value;
      }
    }
  }

  const files = scaffold({
    id,
    name,
    title,
    ...(issuer ? { issuer } : {}),
    ...(issuanceDate ? { issuanceDate } : {}),
    checklists,
    resolved,
    facts,
    ...(flags.ci ? { ci: flags.ci } : {}),
  });
  const where = path.relative(io.cwd, target) || ".";
  const kept = flags.force
    ? []
    : files.filter((f) => PROJECT_FILES.has(f.path) && existsSync(path.join(target, f.path)));
  const writing = files.filter((f) => !kept.includes(f));
  // A symbolic link (dangling or not) is never written through: it could lead anywhere.
  const links = writing.filter((f) => isSymlink(path.join(target, f.path)));
  if (links.length > 0) {
    io.stderr.write(
      `preclear init: ${links.map((f) => f.path).join(", ")} ${links.length === 1 ? "is a symbolic link" : "are symbolic links"} in ${where}; nothing written (remove ${links.length === 1 ? "it" : "them"} first)\n`,
    );
    return 1;
  }
  const existing = writing.filter((f) => existsSync(path.join(target, f.path)));
  if (existing.length > 0 && !flags.force) {
    io.stderr.write(
      `preclear init: would overwrite ${existing.map((f) => f.path).join(", ")} in ${where}; nothing written (choose another name with --draft, or use --force to overwrite)\n`,
    );
    return 1;
  }
  for (const file of writing) {
    const full = path.join(target, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    // Created exclusively unless --force: nothing appears at the path between the check and the write.
    writeFileSync(full, file.content, { flag: flags.force ? "w" : "wx" });
    io.stdout.write(`created ${printable(path.relative(io.cwd, full))}\n`);
  }
  for (const file of kept)
    io.stdout.write(
      `kept ${printable(path.relative(io.cwd, path.join(target, file.path)))} (this project's; not changed)\n`,
    );
  ignorePrivateKeys(target, io);
  const draft = path.relative(io.cwd, path.join(target, `${name}.md`));
  const open = resolved.facts.size - Object.keys(facts).length;
  io.stdout.write(
    `\nNext: ${open > 0 ? `answer the ${open} open scoping question${open === 1 ? "" : "s"} in ${draft} or ` : ""}run \`preclear review ${draft}\`, then \`preclear check\`.\n`,
  );
  return 0;
}

/**
 * `.gitignore` covers `*.key`: created, or the line appended to an existing
 * one that lacks it, so a private key dropped in the project is not committed.
 */
function ignorePrivateKeys(target: string, io: CliIO): void {
  const file = path.join(target, ".gitignore");
  if (isSymlink(file)) return;
  const existing = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (existing !== undefined && /^\*\.key\s*$/m.test(existing)) return;
  const line = "# private signing keys (preclear keygen): never commit them\n*.key\n";
  if (existing === undefined) writeFileSync(file, line, { flag: "wx" });
  else appendFileSync(file, `${existing.endsWith("\n") || existing === "" ? "" : "\n"}${line}`);
  io.stdout.write(
    `${existing === undefined ? "created" : "updated"} ${path.relative(io.cwd, file)}\n`,
  );
}

/** An id from a title, stopped at a word boundary; says whether it was shortened. */
function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function slug(title: string): { id: string; shortened: boolean } {
  const full = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full === "") return { id: "policy-draft", shortened: false };
  if (full.length <= SLUG_LENGTH) return { id: full, shortened: false };
  const cut = full.slice(0, SLUG_LENGTH + 1);
  const boundary = cut.lastIndexOf("-");
  const id = (boundary > 0 ? cut.slice(0, boundary) : full.slice(0, SLUG_LENGTH)).replace(
    /-+$/,
    "",
  );
  return { id, shortened: true };
}
