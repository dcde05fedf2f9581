import type { Command } from "commander";
import path from "node:path";
import { evaluate, loadBundle } from "../../core/evaluate/evaluate.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export async function completionCommand(shell: "bash" | "zsh", io: CliIO): Promise<number> {
  io.stdout.write(shell === "bash" ? bashScript() : zshScript());
  return 0;
}

/** Long flags of a command (with --help), as `--help` lists them. */
function flagsOf(command: Command): string[] {
  const flags = command.options.flatMap((o) => (o.long && !o.hidden ? [o.long] : []));
  return [...flags, "--help"];
}

/**
 * `preclear __complete <words…>`: the candidates for the last word. The shell
 * scripts call this, so completion knows checklist and stakeholder ids.
 * Commands, flags and choices come from `program` itself (src/cli/define/),
 * so completion never lists them a second time.
 */
export async function completeWords(
  words: string[],
  program: Command,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const current = words[words.length - 1] ?? "";
  const previous = words[words.length - 2] ?? "";
  const visible = program.commands.filter(
    (c) => !(c as unknown as { _hidden?: boolean })._hidden && c.name() !== "__complete",
  );
  const names = [...visible.map((c) => c.name()), "help"];
  const sub = visible.find((c) => words.slice(0, -1).includes(c.name()));
  let candidates: string[] = [];
  try {
    if (!sub) {
      candidates = current.startsWith("-") ? flagsOf(program) : names;
    } else if (previous === "--checklist" || (sub.name() === "checklists" && previous === "show")) {
      candidates = createContext(globals, io).library.ids();
    } else if (previous === "--stakeholder") {
      const draft = words
        .slice(words.indexOf(sub.name()) + 1)
        .find((w) => /\.(md|ya?ml)$/i.test(w));
      if (draft) {
        const context = createContext(globals, io);
        const evaluation = evaluate(loadBundle(path.resolve(io.cwd, draft), context.library));
        candidates = evaluation.stakeholders
          .filter((s) => s.applies === true)
          .map((s) => s.stakeholder.id);
      }
    } else {
      const option = sub.options.find((o) => o.long === previous || o.short === previous);
      if (option?.required || option?.optional) {
        // A flag's value: its choices (for check --format, the format names).
        candidates = option.argChoices ?? [];
      } else if (current.startsWith("-")) {
        candidates = [...new Set([...flagsOf(sub), ...flagsOf(program)])];
      } else if (sub.commands.length > 0) {
        candidates = sub.commands.map((c) => c.name());
      } else {
        candidates = sub.registeredArguments[0]?.argChoices ?? [];
      }
    }
  } catch {
    candidates = []; // completion must never print an error into the prompt line
  }
  for (const c of candidates) if (c.startsWith(current)) io.stdout.write(`${c}\n`);
  return 0;
}

function bashScript(): string {
  return `# preclear bash completion: source <(preclear completion bash)
_preclear() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  local IFS=$'\\n'
  local candidates
  candidates=$(preclear __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  if [ -n "$candidates" ]; then
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _preclear preclear
`;
}

function zshScript(): string {
  return `#compdef preclear
# preclear zsh completion: source <(preclear completion zsh)
_preclear() {
  local -a candidates
  candidates=("\${(@f)$(preclear __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  if (( \${#candidates[@]} )) && [[ -n "\${candidates[1]}" ]]; then
    compadd -- "\${candidates[@]}"
  else
    _files
  fi
}
compdef _preclear preclear
`;
}
