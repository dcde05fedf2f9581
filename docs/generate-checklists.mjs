#!/usr/bin/env node
// Writes docs/checklists.md from the built-in checklists themselves, so a
// liaison can read what will be asked of their office without running
// anything, and the page can never drift from the YAML. `--check` (run by the
// tests) fails when the committed page is stale: run `npm run docs:checklists`.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { parse } from "yaml";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, "checklists");
const target = path.join(root, "docs", "checklists.md");

/** Reading order: the base, the DOJ layers, then the recommendation-specific checklists. */
const ORDER = [
  "base-policy",
  "doj-significant-policy",
  "doj-components",
  "usao-districts",
  "border-prosecution",
  "usms-orr-communication",
  "interagency-agreement",
];

function load() {
  const byId = new Map();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const checklist = parse(readFileSync(path.join(dir, file), "utf8"));
    byId.set(checklist.id, { file, checklist });
  }
  const rank = (id) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  return [...byId.values()].sort(
    (a, b) =>
      rank(a.checklist.id) - rank(b.checklist.id) || (a.checklist.id < b.checklist.id ? -1 : 1),
  );
}

/** One line of text. */
function line(text) {
  return String(text ?? "")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

/** Markdown table cell: one line, pipes escaped. */
function cell(text) {
  return line(text).replace(/\|/g, "\\|");
}

/** Inline code; in a table cell, pipes must be escaped even inside code. */
function code(text, inTable = false) {
  const s = inTable ? cell(text) : line(text);
  const fence = s.includes("`") ? "``" : "`";
  return `${fence}${s}${fence}`;
}

function sourceLine(source) {
  const parts = [`**${source.id}**`, `(${source.kind ?? "no kind"})`, line(source.title)];
  if (source.pinpoint) parts.push(`— pinpoint: ${line(source.pinpoint)}`);
  if (source.url) parts.push(`<${source.url}>`);
  return `- ${parts.join(" ")}`;
}

function stakeholderHeader(s, checklistEscalate) {
  const lines = [];
  const facts = [
    `role **${s.role ?? "clear"}**`,
    `level **${s.level ?? "staff"}**`,
    s.agency ? `agency ${s.agency}` : undefined,
    `sign-off ${s.signoff ?? "required"}`,
    s.suspense ? `suspense ${s.suspense.businessDays} business days` : undefined,
    s.confirmScopeOut ? "scope-out must be confirmed" : undefined,
    s.silenceIsConcurrence ? "silence is concurrence" : undefined,
  ].filter(Boolean);
  lines.push(facts.join(" · "));
  lines.push("");
  lines.push(`- Applies when: ${s.appliesWhen ? code(s.appliesWhen) : "always"}`);
  if (s.dependsOn?.length)
    lines.push(`- Decides after: ${s.dependsOn.map((d) => `\`${d}\``).join(", ")}`);
  const escalate =
    s.escalateTo ?? ((s.role ?? "clear") === "clear" ? checklistEscalate : undefined);
  if (escalate?.length) lines.push(`- Objections decided by: ${escalate.join(", ")}`);
  if (s.description) lines.push(`- ${line(s.description)}`);
  return lines;
}

function itemLines(item) {
  const lines = [];
  const meta = [
    item.severity ?? "major",
    item.due ? `due ${item.due} before issuance` : undefined,
    item.evidence?.length ? `evidence: ${item.evidence.join(", ")}` : undefined,
  ].filter(Boolean);
  if (item.question) lines.push(`- **${item.id}** (${meta.join("; ")}) — ${line(item.question)}`);
  else lines.push(`- **${item.id}** (the inherited item, with):`);
  if (item.appliesWhen) lines.push(`  - Applies when: ${code(item.appliesWhen)}`);
  if (item.capacity) {
    const by = item.capacity.availableBy === "effective" ? ", by the effective date" : "";
    lines.push(
      `  - Capacity: demand ${code(item.capacity.demand)}${item.capacity.unit ? ` ${line(item.capacity.unit)}` : ""}${by}`,
    );
  }
  if (item.needs?.length) lines.push(`  - Needs: ${item.needs.map((n) => `\`${n}\``).join(", ")}`);
  if (item.sources?.length) lines.push(`  - Sources: ${item.sources.join(", ")}`);
  return lines;
}

function renderStakeholder(s, checklist) {
  const out = [];
  if (s.name) {
    out.push(`#### ${line(s.name)} (\`${s.id}\`)`, "");
    out.push(...stakeholderHeader(s, checklist.escalateTo));
  } else {
    out.push(`#### Added to \`${s.id}\``, "");
    const changed = ["dependsOn", "role", "level", "appliesWhen"].filter((k) => s[k] !== undefined);
    if (s.dependsOn?.length)
      out.push(`- Also decides after: ${s.dependsOn.map((d) => `\`${d}\``).join(", ")}`);
    if (changed.length === 0 && !s.dependsOn) out.push("Items only:");
  }
  out.push("");
  for (const item of s.items ?? []) out.push(...itemLines(item));
  out.push("");
  return out;
}

function renderDistricts(checklist) {
  const out = [];
  const offices = checklist.stakeholders;
  out.push(
    `${offices.length} offices, one per U.S. Attorney (the ${checklist.facts.districts.help.match(/: ([a-z, ]+)\./)?.[1].split(", ").length ?? "?"} district codes of \`districts\`; Guam and the Northern Mariana Islands share one office).`,
    "",
  );
  const first = offices[0];
  out.push(
    `Every office has the same items, asked in its own name; shown here for \`${first.id}\`:`,
    "",
  );
  out.push(...stakeholderHeader(first, checklist.escalateTo).slice(0, 1), "");
  for (const item of first.items ?? []) out.push(...itemLines(item));
  out.push("", "| office | stakeholder id | applies when |", "|---|---|---|");
  for (const s of offices)
    out.push(`| ${cell(s.name)} | \`${s.id}\` | ${code(s.appliesWhen, true)} |`);
  out.push("");
  return out;
}

/** The page, formatted as `prettier --check .` expects it. */
export async function render() {
  const text = renderRaw();
  const config = (await resolveConfig(target)) ?? {};
  return format(text, { ...config, filepath: target });
}

function renderRaw() {
  const all = load();
  const out = [
    "# Built-in checklists",
    "",
    "Generated from `checklists/*.yaml` by `docs/generate-checklists.mjs` (`npm run docs:checklists`);",
    "do not edit by hand. Every stakeholder, its role and level, when it applies, and every item",
    "asked of it, with its sources — so a liaison can see what will be asked of their office.",
    "",
    "- **clear**: must decide concur / concur with comments / non-concur, and sign off when required.",
    "- **consult**: must be given notice and a chance to comment; no decision is asked.",
    "- **inform**: notice only.",
    "- **level**: *principal* means the head of the office or a deputy must decide or be notified.",
    "- **scope-out must be confirmed**: when the facts rule the office out, someone must confirm it.",
    "- **due**: how long before the issuance date the item must be done.",
    "",
    "| checklist | version | extends | title |",
    "|---|---|---|---|",
  ];
  for (const { checklist } of all) {
    out.push(
      `| [\`${checklist.id}\`](#${checklist.id}) | ${checklist.version} | ${(checklist.extends ?? []).map((e) => `\`${e}\``).join(", ")} | ${cell(checklist.title)} |`,
    );
  }
  out.push("");

  // Index of offices: where each is defined and added to.
  const index = new Map();
  for (const { checklist } of all) {
    for (const s of checklist.stakeholders) {
      if (checklist.id === "usao-districts") continue;
      const entry = index.get(s.id) ?? {
        name: undefined,
        role: undefined,
        level: undefined,
        in: [],
      };
      entry.name ??= s.name;
      entry.role ??= s.role;
      entry.level ??= s.level;
      entry.in.push(`${checklist.id} (${(s.items ?? []).length})`);
      index.set(s.id, entry);
    }
  }
  out.push(
    "## Offices",
    "",
    "Items per checklist in parentheses. The U.S. Attorneys' Offices are listed under [`usao-districts`](#usao-districts).",
    "",
  );
  out.push("| stakeholder | name | role | level | items in |", "|---|---|---|---|---|");
  for (const [id, e] of [...index].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(
      `| \`${id}\` | ${cell(e.name)} | ${e.role ?? "clear"} | ${e.level ?? "staff"} | ${e.in.join(", ")} |`,
    );
  }
  out.push("");

  for (const { file, checklist } of all) {
    out.push(`## ${checklist.id}`, "");
    out.push(
      `**${line(checklist.title)}** — \`checklists/${file}\`, version ${checklist.version}${checklist.extends?.length ? `, extends ${checklist.extends.map((e) => `\`${e}\``).join(", ")}` : ""}.`,
      "",
    );
    if (checklist.description) out.push(checklist.description.trim(), "");
    if (checklist.escalateTo?.length)
      out.push(
        `Objections to its clearing offices are decided by: ${checklist.escalateTo.join(", ")}.`,
        "",
      );
    const facts = Object.entries(checklist.facts ?? {});
    if (facts.length) {
      out.push("### Facts", "", "| fact | type | question |", "|---|---|---|");
      for (const [name, fact] of facts) {
        const type = fact.type === "enum" ? `enum: ${fact.options.join(", ")}` : fact.type;
        out.push(
          `| \`${name}\` | ${cell(type)}${fact.unit ? ` (${cell(fact.unit)})` : ""} | ${cell(fact.question)} |`,
        );
      }
      out.push("");
    }
    if (checklist.stakeholders.length) {
      out.push("### Stakeholders", "");
      if (checklist.id === "usao-districts") out.push(...renderDistricts(checklist));
      else for (const s of checklist.stakeholders) out.push(...renderStakeholder(s, checklist));
    }
    if (checklist.sources?.length) {
      out.push("### Sources", "");
      for (const source of checklist.sources) out.push(sourceLine(source));
      out.push("");
    }
  }
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}

if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== (await render())) {
    console.error("docs/checklists.md is stale: run npm run docs:checklists");
    process.exit(1);
  }
} else if (path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) {
  writeFileSync(target, await render());
}
