import { jsonText } from "../../core/terminal.js";
import path from "node:path";
import { Chalk } from "chalk";
import { formatDiagnostic } from "../../core/diagnostics.js";
import { displayPath } from "../../core/load/paths.js";
import { validateFile } from "../../core/validate.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export async function validateCommand(
  files: string[],
  options: { format: "stylish" | "json" },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  // A file named twice (`validate a.yaml ./a.yaml`) is validated once.
  const unique = [...new Map(files.map((f) => [path.resolve(io.cwd, f), f])).keys()];
  const results = unique.map((file) => {
    const result = validateFile(file, context.library, {
      allowOutside: context.allowOutside,
    });
    const shown = displayPath(result.file, io.cwd);
    return {
      ...result,
      file: shown,
      diagnostics: result.diagnostics.map((d) => ({
        ...d,
        location: { ...d.location, file: displayPath(d.location.file, io.cwd) },
      })),
      warnings: (result.warnings ?? []).map((d) => ({
        ...d,
        location: { ...d.location, file: displayPath(d.location.file, io.cwd) },
      })),
    };
  });
  const invalid = results.filter((r) => r.diagnostics.length > 0).length;
  if (options.format === "json") {
    io.stdout.write(
      `${jsonText(
        {
          valid: invalid === 0,
          files: results.map((r) => ({
            file: r.file,
            kind: r.kind,
            valid: r.diagnostics.length === 0,
            errors: r.diagnostics,
            ...(r.warnings.length ? { warnings: r.warnings } : {}),
          })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const chalk = new Chalk({ level: context.color ? 1 : 0 });
    // A checklist's problem is found again by every draft (or checklist) that
    // uses it, and again when the checklist itself is named: print it once.
    const printed = new Set<string>();
    for (const r of results) {
      if (r.diagnostics.length === 0)
        io.stdout.write(`${chalk.green("✔")} ${r.file} ${chalk.dim(`(${r.kind})`)}\n`);
      for (const d of r.diagnostics) {
        const line = formatDiagnostic(d);
        if (printed.has(line)) continue;
        printed.add(line);
        io.stdout.write(`${chalk.red("✖")} ${line}\n`);
      }
      for (const d of r.warnings)
        io.stdout.write(`${chalk.yellow("⚠")} ${formatDiagnostic(d)} ${chalk.dim("(warning)")}\n`);
    }
    const total = printed.size;
    io.stdout.write(
      invalid === 0
        ? `${chalk.green(`${results.length} file${results.length === 1 ? "" : "s"} valid`)}\n`
        : `${chalk.red(`${invalid} of ${results.length} file${results.length === 1 ? "" : "s"} invalid (${total} problem${total === 1 ? "" : "s"})`)}\n`,
    );
  }
  return invalid > 0 ? 1 : 0;
}
