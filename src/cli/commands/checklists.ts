import { jsonText, terminalLine, terminalLines } from "../../core/terminal.js";
import { stringify } from "yaml";
import { PreclearError } from "../../core/diagnostics.js";
import { displayPath } from "../../core/load/paths.js";
import { createContext } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export async function listChecklists(
  options: { format: "text" | "json" },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const rows = context.library.list().map((entry) => {
    const { checklist } = context.library.load(entry.file, entry.builtin);
    return {
      id: checklist.id,
      version: checklist.version,
      title: checklist.title,
      extends: checklist.extends ?? [],
      builtin: entry.builtin,
      file: entry.builtin ? `(built-in) ${entry.id}` : displayPath(entry.file, io.cwd),
    };
  });
  if (options.format === "json") {
    io.stdout.write(`${jsonText(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length), 2);
  for (const r of rows) {
    io.stdout.write(
      `${r.id.padEnd(width)}  ${terminalLine(r.version).padEnd(7)}  ${terminalLine(r.title)}${r.builtin ? "" : `  (${terminalLine(r.file)})`}\n`,
    );
  }
  return 0;
}

export async function showChecklist(
  id: string,
  options: { format: "text" | "yaml" | "json" },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const { resolved, diagnostics } = context.library.resolve(
    [{ ref: id, at: { file: "<command line>", line: 1, column: 1 } }],
    io.cwd,
  );
  if (!resolved) throw new PreclearError(diagnostics, "unevaluable");
  const top = resolved.members[resolved.members.length - 1]!.checklist;
  const plain = {
    apiVersion: "preclear/v1",
    kind: "Checklist",
    id: top.id,
    title: top.title,
    version: top.version,
    ...(top.description ? { description: top.description } : {}),
    resolvedFrom: resolved.members.map((m) => `${m.checklist.id}@${m.checklist.version}`),
    sources: [...resolved.sources.values()].map(({ origin: _origin, ...s }) => s),
    facts: Object.fromEntries([...resolved.facts].map(([name, f]) => [name, f.fact])),
    stakeholders: resolved.stakeholders.map(
      ({ origin: _o, fieldOrigins: _f, dependsOnOrigins: _d, items, ...s }) => ({
        ...s,
        items: items.map(({ origin: _io, fieldOrigins: _if, stakeholder: _s, ...i }) => i),
      }),
    ),
  };
  if (options.format === "json") io.stdout.write(`${jsonText(plain, null, 2)}\n`);
  else if (options.format === "yaml") io.stdout.write(stringify(plain, { lineWidth: 100 }));
  else {
    const shown = terminalLines(plain);
    io.stdout.write(
      `${shown.title}\n${shown.id} ${shown.version} (resolved from ${shown.resolvedFrom.join(", ")})\n\n`,
    );
    for (const s of shown.stakeholders) {
      io.stdout.write(
        `${s.name} [${s.id}]${s.appliesWhen ? ` when ${s.appliesWhen}` : ""}${s.dependsOn.length ? ` after ${s.dependsOn.join(", ")}` : ""}\n`,
      );
      for (const i of s.items)
        io.stdout.write(`  - ${i.id} (${i.severity}${i.due ? `, ${i.due}` : ""}): ${i.question}\n`);
    }
  }
  return 0;
}
