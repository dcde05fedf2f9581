/**
 * The report as GitHub/GitLab-flavoured Markdown: tables, a Mermaid flowchart
 * of the coordination graph and a Mermaid gantt of the due dates. Fit for a
 * pull-request comment or $GITHUB_STEP_SUMMARY. Every user-supplied string is
 * escaped for its context: table cells keep their column count, Mermaid
 * labels use entity codes, and only http(s) URLs become links.
 */
import { RULES } from "../core/rules/meta.js";
import {
  markdownCell as cell,
  markdownInline as inline,
  mermaidLabel,
  mermaidPlain,
} from "./escape.js";
import {
  CAPACITY,
  conditionSentence,
  COMMENT_COLUMNS,
  DECISION,
  formatNumber,
  ITEM_STATUS,
  itemLabel,
  LEVEL,
  OVERDUE,
  plural,
  SEVERITY,
  SIGNOFF,
  withUnit,
} from "./labels.js";
import type { ReportExtras } from "./redlines.js";
import type { StateLabel } from "./labels.js";
import type {
  ClearanceRow,
  Report,
  ReportFinding,
  ReportItem,
  ReportLink,
  StakeholderDetail,
} from "./model.js";
import { formatFactValue } from "../core/evaluate/facts.js";
import {
  characters,
  COMMENT_BUDGET,
  fitSections,
  sizeOf,
  type Section,
} from "../formatters/budget.js";

const badge = (l: StateLabel) => `${l.emoji} ${l.text}`;

function table(header: string[], rows: string[][], align: Array<"l" | "r"> = []): string {
  const rule = header.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

/** `[text](href)` for an http(s) link; escaped plain text otherwise. */
function link(l: ReportLink): string {
  return l.href ? `[${cell(l.text)}](${l.href})` : cell(l.text);
}

export interface MarkdownOptions extends ReportExtras {
  /** Size budget in characters (UTF-8 bytes); default 65,536, a GitHub comment. */
  budget?: number;
}

/**
 * The report within its size budget (budget.ts): the title block, clearance
 * sheet, blocking gaps by office, capacity, the timeline chart, digests and
 * footer always; then, in this order while they fit, the coordination graph,
 * facts, each office's details (worst office first), the table of blocking
 * gaps, the timeline table, scope, sources and the warnings.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const budget = options.budget ?? COMMENT_BUDGET;
  const always = (full: string): Section => ({ full, short: full, priority: 0 });
  const optional = (full: string, priority: number, short = ""): Section => ({
    full,
    short,
    priority,
  });
  const worst = officesWorstFirst(report);
  const sections: Section[] = [
    always(titleBlock(report)),
    always(clearanceSheet(report)),
    optional(lifecycle(report), 20),
    optional(options.redlines?.markdown ?? "", 25),
    optional(gaps(report), 30, gapsShort(report)),
    optional(otherFindings(report), 60),
    optional(graph(report), 2),
    always(capacity(report)),
    optional(timeline(report, true), 40, timeline(report, false)),
    ...(report.stakeholders.length
      ? [
          always("## Stakeholders"),
          ...report.stakeholders.map((s) =>
            optional(stakeholder(s, report), 10 + worst.indexOf(s.stakeholder)),
          ),
        ]
      : []),
    optional(scope(report), 50),
    optional(sources(report), 55),
    optional(facts(report), 3),
    always(digests(report)),
  ].filter((section) => section.full !== "" || section.short !== "");
  // The footer closes the report, after the note on what was left out.
  const end = `\n${footer(report)}\n`;
  const fitted = fitSections(sections, budget - sizeOf(end), {
    closing: (shortened) =>
      shortened === 0
        ? ""
        : `_${plural(shortened, "section")} shortened or left out to keep this report under ${characters(budget)}. The HTML (\`preclear report --format html\`) and JSON reports hold everything._`,
    tooSmall: (size, limit) =>
      `> **Note:** even the summary of this report is ${characters(size)}, more than the budget of ${characters(limit)}; it is written whole.`,
  });
  return `${fitted.text}${end}`;
}

/** Offices by how much they block: blocking gaps, then open items, then order. */
function officesWorstFirst(report: Report): string[] {
  return [...report.clearanceSheet]
    .sort(
      (a, b) =>
        Number(b.decision.state === "non-concur") - Number(a.decision.state === "non-concur") ||
        b.blockingGaps - a.blockingGaps ||
        b.items.open - a.items.open ||
        a.order - b.order,
    )
    .map((row) => row.stakeholder);
}

function titleBlock(report: Report): string {
  const { draft, summary } = report;
  const status = summary.ready
    ? "✅ **Ready for issuance**: no blocking gaps"
    : `❌ **Not ready for issuance**: ${plural(summary.findings.error, "blocking gap")}`;
  const d = summary.decisions;
  const decided = `${d.concur + d.concurWithComments} of ${plural(summary.stakeholders.applicable, "office")} concur${d.nonConcur ? `, ${d.nonConcur} non-concur` : ""}${d.pending ? `, ${d.pending} without a decision` : ""}`;
  const lines = [
    `# Clearance report: ${inline(draft.title)}`,
    "",
    `> ${status} · ${inline(decided)} · ${plural(summary.items.open, "open item")}${summary.items.overdue ? ` (${summary.items.overdue} overdue)` : ""}`,
    "",
    `- **Draft:** ${inline(draft.id)} (${inline(draft.file)})`,
    `- **Issuer:** ${draft.issuer === null ? "—" : inline(draft.issuer)}`,
    `- **Issuance date:** ${draft.issuanceDate === null ? "not set" : inline(draft.issuanceDate)}`,
    `- **Report as of:** ${inline(report.asOf)}`,
    `- **Checklists:** ${report.digests.checklists.map((c) => inline(`${c.id}@${c.version}`)).join(", ")}`,
  ];
  return lines.join("\n");
}

function official(row: ClearanceRow): string {
  const parts: string[] = [];
  // The official who decided, unless the same person signed (then the signature says it all).
  const by = row.decision.by;
  if (by && !row.signoff.signatures.some((s) => s.name === by)) parts.push(cell(by));
  for (const s of row.signoff.signatures) {
    parts.push(`${cell(s.name)}${s.title ? `, ${cell(s.title)}` : ""} (signed ${cell(s.date)})`);
  }
  return parts.length ? parts.join("<br>") : "—";
}

function clearanceSheet(report: Report): string {
  if (report.clearanceSheet.length === 0) {
    return "## Clearance sheet\n\nNo stakeholder applies to this draft.";
  }
  const rows = report.clearanceSheet.map((row) => [
    String(row.order),
    `**${cell(row.name)}**<br>${cell(row.stakeholder)}${row.agency ? ` · ${cell(row.agency)}` : ""}`,
    badge(DECISION[row.decision.state]),
    official(row),
    row.decision.date === null ? "—" : cell(row.decision.date),
    `${badge(SIGNOFF[row.signoff.state])}${row.signoff.required || row.signoff.state === "not-required" ? "" : " (optional)"}`,
    `${row.items.done}/${row.items.applicable}${row.items.overdue ? ` (${OVERDUE.emoji} ${row.items.overdue} overdue)` : ""}`,
    String(row.blockingGaps),
  ]);
  return `## Clearance sheet\n\n${table(
    ["#", "Office", "Decision", "Official", "Date", "Sign-off", "Items done", "Blocking gaps"],
    rows,
    ["r", "l", "l", "l", "l", "l", "r", "r"],
  )}`;
}

function findingRows(findings: readonly ReportFinding[]): string[][] {
  return findings.map((f) => [
    `${LEVEL[f.level].emoji} [${cell(f.ruleId)}](${RULES[f.ruleId].helpUri})`,
    f.stakeholderName ? cell(f.stakeholderName) : f.stakeholder ? cell(f.stakeholder) : "—",
    f.item === null ? "—" : cell(f.item),
    cell(f.message),
    cell(`${f.location.file}:${f.location.line}:${f.location.column}`),
  ]);
}

const FINDING_HEADER = ["Rule", "Office", "Item", "Finding", "Where"];

function gaps(report: Report): string {
  const out = [`## Blocking gaps (${report.blockingGaps.length})`, ""];
  out.push(
    report.blockingGaps.length
      ? table(FINDING_HEADER, findingRows(report.blockingGaps))
      : "None: no error-level findings.",
  );
  return out.join("\n");
}

/** One line for the blocking gaps: how many per office, worst first. */
function gapsShort(report: Report): string {
  const per = report.clearanceSheet
    .filter((row) => row.blockingGaps > 0)
    .sort((a, b) => b.blockingGaps - a.blockingGaps || a.order - b.order)
    .map((row) => `${inline(row.stakeholder)} ${row.blockingGaps}`);
  return `## Blocking gaps (${report.blockingGaps.length})\n\n${per.length ? `By office: ${per.join(", ")}.` : "None: no error-level findings."}`;
}

function otherFindings(report: Report): string {
  if (report.otherFindings.length === 0) return "";
  return [
    "<details>",
    `<summary>Warnings and notes (${report.otherFindings.length})</summary>`,
    "",
    table(FINDING_HEADER, findingRows(report.otherFindings)),
    "",
    "</details>",
  ].join("\n");
}

const MERMAID_CLASSES = [
  "classDef concur fill:#e3f1e6,stroke:#1e6b34,color:#0f3019",
  "classDef concurWithComments fill:#eef4e0,stroke:#4d6b12,color:#26350a",
  "classDef nonConcur fill:#fbe4e2,stroke:#a1241a,color:#4d100b,stroke-width:3px",
  "classDef pending fill:#f1f1ee,stroke:#6b6b66,color:#2b2b28,stroke-dasharray:4 3",
];
const MERMAID_CLASS = {
  concur: "concur",
  "concur-with-comments": "concurWithComments",
  "non-concur": "nonConcur",
  pending: "pending",
  // SPEC part two: drawn like the decision they amount to.
  "decided-over-objection": "concurWithComments",
  "cleared-by-silence": "concur",
  "not-asked": "pending",
} as const;

/**
 * Mermaid's own limits: a diagram's text may not exceed 50,000 characters
 * (`maxTextSize`) nor have more than 500 edges (`maxEdges`); past them it
 * draws an error. We stay well inside both.
 */
export const MERMAID_MAX_TEXT = 45_000;
export const MERMAID_MAX_EDGES = 400;

function graph(report: Report): string {
  const { nodes, edges } = report.coordinationGraph;
  if (nodes.length === 0) return "";
  const key = new Map(nodes.map((n, index) => [n.stakeholder, `s${index + 1}`]));
  // Left to right, one short label per office (its number, id and decision):
  // the clearance sheet above gives the names.
  const lines = ["```mermaid", "flowchart LR"];
  for (const n of nodes) {
    const l = DECISION[n.decision];
    lines.push(
      `  ${key.get(n.stakeholder)}["${n.order}. ${mermaidLabel(n.stakeholder)} ${l.emoji}"]:::${MERMAID_CLASS[n.decision]}`,
    );
  }
  for (const e of edges) lines.push(`  ${key.get(e.from)} --> ${key.get(e.to)}`);
  lines.push(...MERMAID_CLASSES.map((c) => `  ${c}`), "```");
  const diagram = lines.join("\n");
  const legend = `Legend: ${(["concur", "concur-with-comments", "non-concur", "pending"] as const)
    .map((state) => `${DECISION[state].emoji} ${DECISION[state].text.toLowerCase()}`)
    .join(
      " · ",
    )}. Numbers are the clearance sheet's order; an arrow points from an office to one that decides after it.`;
  const fits = diagram.length <= MERMAID_MAX_TEXT && edges.length <= MERMAID_MAX_EDGES;
  return [
    "## Coordination graph",
    "",
    fits
      ? `${diagram}\n\n${legend}`
      : `The graph has ${plural(nodes.length, "office")} and ${plural(edges.length, "dependency", "dependencies")}, more than a Mermaid diagram can draw; the HTML report draws it, and the clearance sheet lists the order.`,
  ].join("\n");
}

function capacity(report: Report): string {
  if (report.capacity.length === 0) return "";
  const rows = report.capacity.map((c) => {
    const reads = c.reads.map((r) => `${r.fact} = ${formatFactValue(r.value ?? undefined)}`);
    return [
      cell(c.name),
      cell(c.item),
      `${cell(withUnit(c.demand, c.unit))}<br>${cell(`${c.expression}${reads.length ? ` with ${reads.join(", ")}` : ""}`)}`,
      cell(withUnit(c.capacity, c.unit)),
      c.shortfall === null
        ? "—"
        : c.shortfall > 0
          ? `**${cell(withUnit(c.shortfall, c.unit))}**`
          : "0",
      `${badge(CAPACITY[c.state])}${c.state === "waived" ? ` (${cell(ITEM_STATUS[c.status].text.toLowerCase())})` : ""}`,
    ];
  });
  return `## Capacity\n\nDemand is computed from the facts; capacity is what the stakeholder confirmed in the review.\n\n${table(
    ["Office", "Item", "Demand", "Confirmed capacity", "Shortfall", "State"],
    rows,
  )}`;
}

/** Past this many dated items, the gantt shows one bar per office instead of one per item. */
export const GANTT_ITEM_LIMIT = 60;

function timeline(report: Report, withTable: boolean): string {
  const { entries, issuanceDate, asOf } = report.timeline;
  if (entries.length === 0) return "";
  const gantt = ["```mermaid", "gantt", "  title Due dates against the issuance date"];
  gantt.push("  dateFormat YYYY-MM-DD", "  axisFormat %b %d", "  todayMarker off");
  gantt.push("  section Milestones");
  if (isDate(asOf)) gantt.push(`  Report date :milestone, asof, ${asOf}, 0d`);
  if (issuanceDate !== null && isDate(issuanceDate)) {
    gantt.push(`  Issuance :crit, milestone, issuance, ${issuanceDate}, 0d`);
  }
  const dated = report.stakeholders.map((s) => ({
    s,
    items: s.items.filter((i) => i.applies === true && i.dueDate !== null && isDate(i.dueDate)),
  }));
  const itemCount = dated.reduce((n, d) => n + d.items.length, 0);
  const perOffice = itemCount > GANTT_ITEM_LIMIT;
  let task = 0;
  if (perOffice) {
    gantt.push("  section Offices");
    for (const { s, items } of dated) {
      if (items.length === 0) continue;
      const dates = items.map((i) => i.dueDate!).sort();
      const open = items.filter((i) => !i.done).length;
      const late = items.filter((i) => i.overdue).length;
      const tags = late ? "crit" : open ? "active" : "done";
      const name = mermaidPlain(
        `${s.order}. ${s.stakeholder} (${open} open${late ? `, ${late} overdue` : ""})`,
      );
      const first = dates[0]!;
      const last = dates[dates.length - 1]!;
      gantt.push(
        first === last
          ? `  ${name} :${tags}, milestone, t${++task}, ${first}, 0d`
          : `  ${name} :${tags}, t${++task}, ${first}, ${last}`,
      );
    }
  } else {
    for (const { s, items } of dated) {
      if (items.length === 0) continue;
      gantt.push(`  section ${mermaidPlain(`${s.order}. ${s.stakeholder}`)}`);
      items.forEach((i, index) => {
        const state = i.done ? "done" : i.overdue ? "overdue" : "open";
        const tags = i.done
          ? "done, milestone"
          : i.overdue
            ? "crit, milestone"
            : "active, milestone";
        // A leading number keeps an item id such as `click` or `section` from reading as a keyword.
        const name = mermaidPlain(`${s.order}.${index + 1} ${i.id} (${state})`);
        gantt.push(`  ${name} :${tags}, t${++task}, ${i.dueDate}, 0d`);
      });
    }
  }
  gantt.push("```");
  const chart = gantt.join("\n");
  const rows = entries.map((e) => [
    cell(e.dueDate),
    cell(e.name),
    cell(e.item),
    SEVERITY[e.severity],
    `${badge(itemLabel(e))}${e.overdue ? ` · **${badge(OVERDUE)} by ${plural(e.daysOverdue ?? 0, "day")}**` : ""}`,
    `${e.daysBeforeIssuance} (${cell(e.due)})`,
  ]);
  return [
    "## Timeline",
    "",
    `Due dates count back from the issuance date (${issuanceDate === null ? "not set" : inline(issuanceDate)}); items not done by ${inline(asOf)} are overdue.${perOffice ? ` With ${plural(itemCount, "dated item")}, the chart shows one bar per office, from its first to its last due date (red: something overdue).` : ""}`,
    "",
    chart.length <= MERMAID_MAX_TEXT
      ? chart
      : `The chart would be ${characters(chart.length)}, more than Mermaid draws; see the HTML report.`,
    ...(withTable
      ? ["", table(["Due", "Office", "Item", "Severity", "Status", "Days before issuance"], rows)]
      : []),
  ].join("\n");
}

/** Only well-formed dates reach a Mermaid line, whatever the model holds. */
function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

function itemRow(i: ReportItem): string[] {
  const evidence: string[] = [];
  if (i.evidence.contact !== null) evidence.push(`Contact: ${cell(i.evidence.contact)}`);
  if (i.evidence.date !== null) evidence.push(`Date: ${cell(i.evidence.date)}`);
  if (i.evidence.document !== null) evidence.push(`Document: ${link(i.evidence.document)}`);
  if (i.evidence.capacity !== null) evidence.push(`Capacity: ${formatNumber(i.evidence.capacity)}`);
  if (i.evidence.missing.length)
    evidence.push(`**Missing:** ${cell(i.evidence.missing.join(", "))}`);
  const notes: string[] = [];
  if (i.notes !== null) notes.push(cell(i.notes.trim()));
  if (i.justification !== null) notes.push(`Justification: ${cell(i.justification.trim())}`);
  if (i.acceptedBy !== null) notes.push(`Accepted by: ${cell(i.acceptedBy)}`);
  if (i.rationale !== null) notes.push(`Rationale: ${cell(i.rationale.trim())}`);
  const status = [badge(itemLabel(i))];
  if (i.overdue) status.push(`**${badge(OVERDUE)}**`);
  const rules = [...new Set(i.findings.map((f) => f.ruleId))];
  if (rules.length) status.push(rules.map((r) => cell(r)).join(", "));
  return [
    `**${cell(i.id)}**<br>${cell(i.question)}`,
    SEVERITY[i.severity],
    status.join("<br>"),
    i.dueDate === null ? "—" : cell(i.dueDate),
    evidence.length ? evidence.join("<br>") : "—",
    notes.length ? notes.join("<br>") : "—",
    i.sources.length ? i.sources.map((s) => link({ text: s.id, href: s.href })).join("<br>") : "—",
  ];
}

function stakeholder(s: StakeholderDetail, report: Report): string {
  const l = DECISION[s.decision.state];
  const about = [
    `${inline(s.stakeholder)}${s.agency ? ` · ${inline(s.agency)}` : ""}`,
    s.dependsOn.length ? `after ${s.dependsOn.map(inline).join(", ")}` : "",
    inline(conditionSentence(s.condition, report.facts)),
  ].filter((x) => x !== "");
  const out = [`### ${s.order}. ${inline(s.name)}`, "", about.join(" · "), ""];
  const signer = s.signoff.signatures
    .map(
      (x) =>
        `${cell(x.name)}${x.title ? `, ${cell(x.title)}` : ""}, ${cell(x.date)}${x.keyId ? ` (key ${cell(x.keyId)})` : ""}`,
    )
    .join("<br>");
  out.push(
    table(
      ["Decision", "By", "Date", "Sign-off", "Signed by"],
      [
        [
          `${l.emoji} ${l.text}`,
          s.decision.by === null ? "—" : cell(s.decision.by),
          s.decision.date === null ? "—" : cell(s.decision.date),
          `${badge(SIGNOFF[s.signoff.state])}${s.signoff.required || s.signoff.state === "not-required" ? "" : " (optional)"}`,
          signer || "—",
        ],
      ],
    ),
  );
  if (s.decision.comments) {
    out.push("", `**Comments:** ${cell(s.decision.comments.trim())}`);
  }
  const applicable = s.items.filter((i) => i.applies === true);
  if (applicable.length) {
    out.push(
      "",
      table(
        ["Item", "Severity", "Status", "Due", "Evidence", "Notes", "Sources"],
        applicable.map(itemRow),
      ),
    );
  }
  const notApplicable = s.items.filter((i) => i.applies !== true);
  if (notApplicable.length) {
    out.push(
      "",
      `Not applicable to this draft: ${notApplicable.map((i) => `${inline(i.id)} (${inline(conditionSentence(i.condition, report.facts))})`).join("; ")}.`,
    );
  }
  return out.join("\n");
}

function scope(report: Report): string {
  const out: string[] = [];
  if (report.undecided.length) {
    out.push(
      `## Undecided: facts missing (${report.undecided.length})`,
      "",
      table(
        ["Office", "Condition", "Missing facts"],
        report.undecided.map((s) => [
          `${cell(s.name)} (${cell(s.stakeholder)})`,
          cell(s.condition.expression ?? "always"),
          cell(s.condition.missing.join(", ") || (s.condition.error ?? "—")),
        ]),
      ),
    );
  }
  if (report.ruledOut.length || report.ruledOutItems.length) {
    if (out.length) out.push("");
    out.push(
      `## Ruled out (${plural(report.ruledOut.length, "office")}, ${plural(report.ruledOutItems.length, "item")})`,
      "",
    );
    const rows = [
      ...report.ruledOut.map((s) => [
        `${cell(s.name)} (${cell(s.stakeholder)})`,
        "whole office",
        cell(conditionSentence(s.condition, report.facts)),
      ]),
      ...report.ruledOutItems.map((i) => [
        `${cell(i.name)} (${cell(i.stakeholder)})`,
        cell(i.item),
        cell(conditionSentence(i.condition, report.facts)),
      ]),
    ];
    out.push(table(["Office", "Item", "Why it does not apply"], rows));
  }
  return out.join("\n");
}

function sources(report: Report): string {
  if (report.sources.length === 0) return "";
  const lines = report.sources.map((s) => {
    const title = link({ text: s.title.trim(), href: s.href });
    const url = s.url !== null && s.href === null ? ` (not linked: ${cell(s.url)})` : "";
    return `- **${cell(s.id)}**: ${title}${url}`;
  });
  return `## Sources\n\n${lines.join("\n")}`;
}

function facts(report: Report): string {
  if (report.facts.length === 0) return "";
  return `## Facts\n\n${table(
    ["Fact", "Value", "Question", "Given in"],
    report.facts.map((f) => [
      cell(f.name),
      f.value === null
        ? "**no value**"
        : cell(`${formatFactValue(f.value)}${f.unit ? ` ${f.unit}` : ""}`),
      cell(f.question),
      f.from === null ? "—" : cell(f.from),
    ]),
  )}`;
}

function digests(report: Report): string {
  const { draft, checklists, review } = report.digests;
  const rows = [
    [`Draft text (${cell(draft.file)})`, cell(draft.contentDigest)],
    [`Draft front matter (${cell(draft.file)})`, cell(draft.metadataDigest)],
    ...checklists.map((c) => [
      `Checklist ${cell(`${c.id}@${c.version}`)} (${c.builtin ? "built-in" : cell(c.file ?? "")})`,
      cell(c.digest),
    ]),
    ...(review.exists
      ? review.files.map((f) => [`Review ${cell(f.file)}`, cell(f.digest)])
      : [[`Review ${cell(review.path)}`, "not found: judged as an empty review"]]),
  ];
  return `## Digests\n\nThe inputs this report was generated from.\n\n${table(["Input", "sha256"], rows)}`;
}

function footer(report: Report): string {
  const version = report.generator.version ? ` ${inline(report.generator.version)}` : "";
  return `---\n\n*Generated by preclear${version} as of ${inline(report.asOf)}.*`;
}

// ---------------------------------------------------------------------------
// SPEC part two: roles, tasking, escalation, conditions, comments, scope-out.
// Only when the report has a lifecycle part (a v1 report has none).

const ROLE_TEXT = { clear: "Clear", consult: "Consult", inform: "Inform" } as const;

function lifecycle(report: Report): string {
  const l = report.lifecycle;
  if (!l) return "";
  const out: string[] = [];
  if (l.offices.length) {
    const rows = l.offices.map((o) => {
      const t = o.tasking;
      const suspense = t?.suspense
        ? `${cell(t.suspense)}${t.suspenseComputed && t.businessDays !== null ? ` (${t.businessDays} business days)` : ""}${t.extendedTo ? `<br>extended to ${cell(t.extendedTo)}` : ""}${t.overdue ? ` ${OVERDUE.emoji} overdue` : ""}`
        : "—";
      const notice = o.notice
        ? `${cell(o.notice.date)}${o.notice.means ? ` (${cell(o.notice.means)})` : ""}`
        : o.role === "clear"
          ? "—"
          : "❌ none";
      const decided = `${badge(DECISION[o.decision.state])}${o.decision.summary !== DECISION[o.decision.state].text.toLowerCase() ? `<br>${cell(o.decision.summary)}` : ""}${o.decision.level ? `<br>at ${o.decision.level} level` : ""}`;
      return [
        String(o.order),
        `${cell(o.name)} (${cell(o.stakeholder)})`,
        ROLE_TEXT[o.role],
        o.level,
        notice,
        t ? `${cell(t.tasked)}${t.tasker ? ` by ${cell(t.tasker)}` : ""}` : "—",
        suspense,
        decided,
        o.comments.total ? `${o.comments.total} (${o.comments.unresolved} unresolved)` : "—",
      ];
    });
    out.push(
      "## Clearance lifecycle",
      "",
      table(
        ["#", "Office", "Role", "Level", "Notice", "Tasked", "Suspense", "Decision", "Comments"],
        rows,
        ["r"],
      ),
    );
    for (const o of l.offices) {
      const e = o.escalation;
      if (!e) continue;
      const by = e.decidedBy ? `${cell(e.decidedBy.name)} (${cell(e.decidedBy.title)})` : "—";
      const what =
        o.decision.state === "decided-over-objection"
          ? `**${cell(o.name)}: decided over objection** by ${by}${e.decided ? ` on ${cell(e.decided)}` : ""}.`
          : `**${cell(o.name)}**: non-concurrence elevated to ${cell(e.to)}${e.date ? ` on ${cell(e.date)}` : ""}: ${e.outcome}${e.valid ? "" : " (❌ not by an official in escalateTo)"}${e.decidedBy ? `, decided by ${by}` : ""}.`;
      out.push(
        "",
        `> ${what}${e.rationale ? ` Rationale: ${inline(e.rationale)}` : ""}${e.dissent ? ` Dissent: ${inline(e.dissent)}` : ""}`,
      );
    }
  }
  if (l.conditions.length) {
    const open = l.conditions.filter((c) => c.status === "open").length;
    out.push(
      "",
      `## Conditions of concurrence (${open} open)`,
      "",
      table(
        ["Office", "Condition", "What", "Owner", "Due", "Status"],
        l.conditions.map((c) => [
          cell(c.name),
          cell(c.id),
          cell(c.text),
          c.owner === null ? "—" : cell(c.owner),
          c.due === null ? "—" : `${cell(c.due)}${c.overdue ? ` ${OVERDUE.emoji}` : ""}`,
          c.status === "open" ? "⭕ Open" : "✅ Met",
        ]),
      ),
    );
  }
  if (l.comments.length) {
    const unresolved = l.comments.filter((c) => c.unresolved).length;
    out.push(
      "",
      `## Comment resolution (${unresolved} unresolved)`,
      "",
      table(
        [...COMMENT_COLUMNS],
        l.comments.map((c) => [
          cell(c.name),
          cell(c.id),
          c.type,
          c.location === null ? "—" : cell(c.location),
          cell(c.text),
          c.proposed === null ? "—" : cell(c.proposed),
          c.disposition,
          c.response === null ? "—" : cell(c.response),
          `${c.resolution}${c.unresolved ? " ⭕" : " ✅"}`,
        ]),
      ),
    );
  }
  if (l.scopeOuts.length) {
    out.push(
      "",
      "## Scope-out confirmations",
      "",
      table(
        ["Office", "Ruled out by", "Confirmed by", "Date", "Basis"],
        l.scopeOuts.map((s) => [
          `${cell(s.name)} (${cell(s.stakeholder)})`,
          cell(s.ruledOutBy),
          s.confirmation
            ? cell(s.confirmation.confirmedBy)
            : s.confirmRequired
              ? "❌ not confirmed"
              : "—",
          s.confirmation ? cell(s.confirmation.date) : "—",
          s.confirmation ? cell(s.confirmation.basis) : "—",
        ]),
      ),
    );
  }
  return out.join("\n").replace(/^\n+/, "");
}
