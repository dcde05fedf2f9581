import path from "node:path";
import { evaluate, loadBundle } from "../../core/evaluate/evaluate.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

const COMMANDS = [
  "validate",
  "explain",
  "review",
  "check",
  "report",
  "signoff",
  "verify",
  "diff",
  "amend",
  "keygen",
  "init",
  "checklists",
  "schema",
  "completion",
  "help",
];
const GLOBAL_FLAGS = [
  "--help",
  "--version",
  "--no-color",
  "--color",
  "--as-of",
  "--config",
  "--allow-outside",
];
const FLAGS: Record<string, string[]> = {
  validate: ["--format"],
  explain: ["--format"],
  review: ["--stakeholder", "--only-open", "--actor"],
  check: ["--format", "--output", "--fail-on", "--max-warnings"],
  report: ["--format", "--output"],
  signoff: [
    "--stakeholder",
    "--name",
    "--title",
    "--decision",
    "--comments",
    "--key",
    "--force",
    "--actor",
  ],
  verify: ["--format"],
  diff: ["--stakeholder", "--from", "--format"],
  amend: ["--technical", "--reason", "--key", "--actor"],
  keygen: ["--id", "--output"],
  init: ["--checklist", "--id", "--title", "--issuer", "--issuance-date", "--ci", "--force"],
  checklists: ["list", "show"],
  schema: ["checklist", "draft", "review", "response", "report", "config", "trusted-keys"],
  completion: ["bash", "zsh"],
};
const VALUES: Record<string, string[]> = {
  "--format": ["stylish", "json", "sarif", "junit", "github", "markdown", "html", "text"],
  "--fail-on": ["error", "warning", "note"],
  "--decision": ["concur", "concur-with-comments", "non-concur"],
  "--ci": ["github", "gitlab"],
};

export async function completionCommand(shell: "bash" | "zsh", io: CliIO): Promise<number> {
  io.stdout.write(shell === "bash" ? bashScript() : zshScript());
  return 0;
}

/**
 * `preclear __complete <words…>`: the candidates for the last word. The shell
 * scripts call this, so completion knows checklist and stakeholder ids.
 */
export async function completeWords(
  words: string[],
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const current = words[words.length - 1] ?? "";
  const previous = words[words.length - 2] ?? "";
  const command = words.find((w) => COMMANDS.includes(w));
  let candidates: string[] = [];
  try {
    if (!command) candidates = current.startsWith("-") ? GLOBAL_FLAGS : COMMANDS;
    else if (previous === "--checklist" || (command === "checklists" && previous === "show")) {
      candidates = createContext(globals, io).library.ids();
    } else if (previous === "--stakeholder") {
      const draft = words.slice(words.indexOf(command) + 1).find((w) => /\.(md|ya?ml)$/i.test(w));
      if (draft) {
        const context = createContext(globals, io);
        const evaluation = evaluate(loadBundle(path.resolve(io.cwd, draft), context.library));
        candidates = evaluation.stakeholders
          .filter((s) => s.applies === true)
          .map((s) => s.stakeholder.id);
      }
    } else if (VALUES[previous]) candidates = VALUES[previous]!;
    else if (current.startsWith("-") || ["checklists", "schema", "completion"].includes(command)) {
      candidates = [...(FLAGS[command] ?? []), ...(current.startsWith("-") ? GLOBAL_FLAGS : [])];
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
