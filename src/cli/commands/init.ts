import {
  appendFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { isCalendarDate } from "../../core/evaluate/dates.js";
import { PreclearError } from "../../core/diagnostics.js";
import { scaffold } from "../../core/scaffold.js";
import type { Prompter } from "../../review/prompts.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

interface InitFlags {
  checklist?: string[];
  id?: string;
  title?: string;
  issuer?: string;
  issuanceDate?: string;
  ci?: "github" | "gitlab";
  force?: boolean;
}

export async function initCommand(
  dir: string | undefined,
  flags: InitFlags,
  globals: GlobalOptions,
  io: CliIO,
  prompter?: Prompter,
): Promise<number> {
  const target = path.resolve(io.cwd, dir ?? ".");
  const context = createContext(globals, { ...io, cwd: target });
  const checklists = flags.checklist?.length ? flags.checklist : ["doj-significant-policy"];
  const { resolved, diagnostics } = context.library.resolve(
    checklists.map((ref) => ({ ref, at: { file: "--checklist", line: 1, column: 1 } })),
    target,
  );
  if (!resolved) throw new PreclearError(diagnostics, 2);

  const interactive = !prompter && io.stdinIsTTY && Boolean(io.stdout.isTTY) && !io.env.CI;
  const ask =
    prompter ??
    (interactive
      ? await (await import("../../review/prompts.js")).inquirerPrompter((t) => io.stdout.write(t))
      : undefined);
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
  const id = flags.id ?? slug(title);
  if (!/^[a-z0-9][a-z0-9-]{0,127}$/.test(id))
    throw new UsageError(`--id must be lower-case letters, digits and dashes, got "${id}"`);

  const files = scaffold({
    id,
    title,
    ...(issuer ? { issuer } : {}),
    ...(issuanceDate ? { issuanceDate } : {}),
    checklists,
    resolved,
    ...(flags.ci ? { ci: flags.ci } : {}),
  });
  // A symbolic link (dangling or not) is never written through: it could lead anywhere.
  const links = files.filter((f) => isSymlink(path.join(target, f.path)));
  if (links.length > 0) {
    io.stderr.write(
      `preclear init: ${links.map((f) => f.path).join(", ")} ${links.length === 1 ? "is a symbolic link" : "are symbolic links"} in ${path.relative(io.cwd, target) || "."}; nothing written (remove ${links.length === 1 ? "it" : "them"} first)\n`,
    );
    return 1;
  }
  const existing = files.filter((f) => existsSync(path.join(target, f.path)));
  if (existing.length > 0 && !flags.force) {
    io.stderr.write(
      `preclear init: would overwrite ${existing.map((f) => f.path).join(", ")} in ${path.relative(io.cwd, target) || "."}; nothing written (use --force to overwrite)\n`,
    );
    return 1;
  }
  for (const file of files) {
    const full = path.join(target, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    // Created exclusively unless --force: nothing appears at the path between the check and the write.
    writeFileSync(full, file.content, { flag: flags.force ? "w" : "wx" });
    io.stdout.write(`created ${path.relative(io.cwd, full)}\n`);
  }
  ignorePrivateKeys(target, io);
  const draft = path.relative(io.cwd, path.join(target, `${id}.md`));
  io.stdout.write(
    `\nNext: answer the scoping facts in ${draft}, then run \`preclear review ${draft}\` and \`preclear check\`.\n`,
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

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return s || "policy-draft";
}
