/**
 * The report as one self-contained HTML file: inline CSS, inline SVG (the
 * coordination graph laid out by rank, the timeline), no scripts, no external
 * requests, a Content-Security-Policy that forbids both, and print CSS so a
 * browser's print-to-PDF gives a signable document: the title block and the
 * clearance sheet first, signature lines, a page per stakeholder.
 */
import { RULES } from "../core/rules/meta.js";
import { formatFactValue } from "../core/evaluate/facts.js";
import { cleanText, escapeCssString, escapeHtml as h, escapeHtmlLines, idToken } from "./escape.js";
import {
  CAPACITY,
  conditionSentence,
  conditionText,
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
import type { Shape, StateLabel, Tone } from "./labels.js";
import type {
  CapacityRow,
  ClearanceRow,
  Report,
  ReportFinding,
  ReportItem,
  ReportLink,
  StakeholderDetail,
} from "./model.js";
import { daysBetween } from "./model.js";
import { REPORT_CSS } from "./stylesheet.js";

/** Scripts, objects, frames, fonts, fetches: none. Styles inline only; images only data: URIs. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderHtml(report: Report): string {
  const title = `Clearance report: ${report.draft.title}`;
  const body = [
    // Page 1 of the print: who decides, and every office's row.
    '<div class="first-page">',
    `<div class="first-head">${titleBlock(report)}${approvalBlock(report)}</div>`,
    clearanceSheet(report),
    "</div>",
    gaps(report),
    graphSection(report),
    capacitySection(report),
    timelineSection(report),
    stakeholdersSection(report),
    policyAppendix(report),
    appendix(report),
    footer(report),
  ]
    .filter((part) => part !== "")
    .join("\n");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="preclear${report.generator.version ? ` ${h(report.generator.version)}` : ""}">`,
    `<title>${h(oneLine(title))}</title>`,
    `<style>${stylesheet(report)}</style>`,
    "</head>",
    "<body>",
    '<main class="document">',
    body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, " ").trim();
}

/** Cut to `max` characters (whole code points), with an ellipsis. */
function truncate(text: string, max: number): string {
  const chars = [...oneLine(text)];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

// ---------------------------------------------------------------------------
// Badges: a shape and a label, coloured by tone.

function icon(shape: Shape, size = 12): string {
  const body: Record<Shape, string> = {
    check:
      '<path d="M2 6.5 5 9.5 10.5 2.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
    circle: '<circle cx="6" cy="6" r="4.5" fill="currentColor"/>',
    ring: '<circle cx="6" cy="6" r="4" fill="none" stroke="currentColor" stroke-width="1.8"/>',
    diamond: '<path d="M6 1 11 6 6 11 1 6Z" fill="currentColor"/>',
    triangle: '<path d="M6 1.2 11.2 10.5H.8Z" fill="currentColor"/>',
    cross:
      '<path d="M2.5 2.5 9.5 9.5M9.5 2.5 2.5 9.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>',
    dash: '<path d="M2 6H10" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>',
    square: '<rect x="2" y="2" width="8" height="8" fill="currentColor"/>',
  };
  return `<svg class="icon" width="${size}" height="${size}" viewBox="0 0 12 12" aria-hidden="true">${body[shape]}</svg>`;
}

function badge(l: StateLabel, extra = ""): string {
  return `<span class="badge tone-${l.tone}">${icon(l.shape)}<span>${h(l.text)}${extra}</span></span>`;
}

function link(l: ReportLink): string {
  return l.href
    ? `<a href="${h(l.href)}" rel="noopener noreferrer">${h(l.text)}</a>`
    : `<span class="plain-ref">${h(l.text)}</span>`;
}

function dash(text: string | null): string {
  return text === null || text.trim() === "" ? '<span class="none">—</span>' : h(text);
}

// ---------------------------------------------------------------------------
// Title block and clearance sheet: the first page.

function titleBlock(report: Report): string {
  const { draft, summary } = report;
  const d = summary.decisions;
  const status = summary.ready
    ? badge({ text: "Ready for issuance", emoji: "", tone: "good", shape: "check" })
    : badge({ text: "Not ready for issuance", emoji: "", tone: "bad", shape: "cross" });
  const facts = [
    summary.ready ? "no blocking gaps" : plural(summary.findings.error, "blocking gap"),
    `${d.concur + d.concurWithComments} of ${plural(summary.stakeholders.applicable, "office")} concur`,
    d.nonConcur ? `${d.nonConcur} non-concur` : "",
    d.pending ? `${d.pending} without a decision` : "",
    `${plural(summary.items.open, "open item")}${summary.items.overdue ? ` (${summary.items.overdue} overdue)` : ""}`,
  ].filter((x) => x !== "");
  const meta: Array<[string, string]> = [
    ["Draft", `${h(draft.id)} <span class="file">${h(draft.file)}</span>`],
    ["Issuer (action office)", dash(draft.issuer)],
    ["Planned issuance date", draft.issuanceDate === null ? "not set" : h(draft.issuanceDate)],
    ["Report date (as of)", h(report.asOf)],
    ["Checklists", report.digests.checklists.map((c) => h(`${c.id}@${c.version}`)).join(", ")],
  ];
  return [
    '<header class="title-block">',
    '<p class="kicker">Pre-issuance clearance record</p>',
    `<h1>${h(oneLine(draft.title))}</h1>`,
    '<table class="meta"><tbody>',
    ...meta.map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td>${v}</td></tr>`),
    "</tbody></table>",
    `<p class="status-line ${summary.ready ? "ready" : "blocked"}">${status} <span>${h(facts.join(" · "))}</span></p>`,
    "</header>",
  ].join("\n");
}

/**
 * The approving official's block: filled in by hand on the printed record
 * (name, title, decision, date, signature), beside the title block on page 1.
 */
function approvalBlock(report: Report): string {
  const { summary, draft } = report;
  const blocking = summary.findings.error;
  const line = (label: string) => `<th scope="row">${h(label)}</th><td></td>`;
  return [
    '<section class="approval" aria-labelledby="h-approval">',
    '<h2 id="h-approval">Approving official</h2>',
    '<table class="approval-box"><tbody>',
    `<tr>${line("Name")}${line("Title")}</tr>`,
    '<tr><th scope="row">Decision</th><td class="choices" colspan="3"><span class="box"></span>Approve<span class="box"></span>Approve with changes<span class="box"></span>Disapprove</td></tr>',
    `<tr>${line("Date")}${line("Signature")}</tr>`,
    "</tbody></table>",
    `<p class="small muted">${draft.issuer === null ? "" : `For ${h(oneLine(draft.issuer))}. `}${
      blocking === 0
        ? "The clearance sheet shows no blocking gap."
        : `Not ready: ${h(plural(blocking, "blocking gap"))} remain (listed after this page).`
    }</p>`,
    "</section>",
  ].join("\n");
}

/** The policy text as the report's appendix: Markdown headings, lists and paragraphs, as text. */
function policyAppendix(report: Report): string {
  const { file } = report.draft;
  const text = report.draft.text ?? null;
  const out = [
    '<section class="section policy-text" aria-labelledby="h-policy">',
    '<h2 id="h-policy">Appendix: policy text</h2>',
    `<p class="lede">The text this record clears, from <span class="mono">${h(file)}</span> (content digest <span class="mono digest">${h(report.digests.draft.contentDigest)}</span>).</p>`,
  ];
  if (text === null || text.trim() === "") {
    out.push(
      `<p class="policy-missing">The policy text is not held in the draft as text; see the document the draft names.</p>`,
    );
  } else {
    out.push(`<div class="policy">${policyBlocks(text)}</div>`);
  }
  out.push("</section>");
  return out.join("\n");
}

/** Markdown emphasis and quote markers are not shown: the words are what is cleared. */
function plainMarkdown(line: string): string {
  return line.replace(/^\s*>\s?/, "").replace(/(\*\*|__)(.+?)\1/g, "$2");
}

function policyBlocks(text: string): string {
  return text
    .split("\n")
    .map(plainMarkdown)
    .join("\n")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) => {
      const heading = /^#{1,6}\s+(.*)$/s.exec(block);
      if (heading && !block.includes("\n")) return `<h4>${h(heading[1]!)}</h4>`;
      const lines = block.split("\n");
      if (lines.every((l) => /^\s*([-*+]|\d+[.)])\s+/.test(l))) {
        const ordered = /^\s*\d/.test(lines[0]!);
        const items = lines.map((l) => `<li>${h(l.replace(/^\s*([-*+]|\d+[.)])\s+/, ""))}</li>`);
        return ordered ? `<ol>${items.join("")}</ol>` : `<ul>${items.join("")}</ul>`;
      }
      return `<p>${h(lines.map((l) => l.trim()).join(" "))}</p>`;
    })
    .join("\n");
}

function officials(row: ClearanceRow): string {
  const parts: string[] = [];
  // The official who decided, unless the same person signed (then the signature says it all).
  const by = row.decision.by;
  if (by && !row.signoff.signatures.some((s) => s.name === by)) parts.push(h(by));
  for (const s of row.signoff.signatures) {
    parts.push(
      `<span class="signer">${h(s.name)}${s.title ? `, ${h(s.title)}` : ""} <span class="muted">(signed ${h(s.date)})</span></span>`,
    );
  }
  return parts.length ? parts.join("<br>") : '<span class="none">—</span>';
}

function clearanceSheet(report: Report): string {
  const rows = report.clearanceSheet.map(
    (row) =>
      `<tr class="decision-${row.decision.state}">` +
      `<td class="num">${row.order}</td>` +
      `<td class="office"><a href="#s-${idToken(row.stakeholder)}" class="office-name">${h(row.name)}</a><span class="muted">${h(row.stakeholder)}${row.agency ? ` · ${h(row.agency)}` : ""}</span></td>` +
      `<td>${badge(DECISION[row.decision.state])}</td>` +
      `<td>${officials(row)}</td>` +
      `<td class="date">${dash(row.decision.date)}</td>` +
      `<td>${badge(SIGNOFF[row.signoff.state])}${row.signoff.required || row.signoff.state === "not-required" ? "" : '<br><span class="muted">optional</span>'}</td>` +
      `<td class="num">${row.items.done}/${row.items.applicable}${row.items.overdue ? ` <span class="overdue-count">${row.items.overdue} overdue</span>` : ""}</td>` +
      '<td class="signature" aria-label="signature"><span class="sig-line"></span></td>' +
      "</tr>",
  );
  return [
    '<section class="clearance-sheet" aria-labelledby="h-sheet">',
    '<h2 id="h-sheet">Clearance sheet</h2>',
    '<p class="lede">One row per office whose equities the draft affects, in coordination order. Each office records its decision; the official signs on the line.</p>',
    report.clearanceSheet.length === 0
      ? "<p>No stakeholder applies to this draft.</p>"
      : [
          '<table class="sheet">',
          '<colgroup><col class="c-num"><col class="c-office"><col class="c-decision"><col class="c-official"><col class="c-date"><col class="c-signoff"><col class="c-items"><col class="c-signature"></colgroup>',
          "<thead><tr>" +
            '<th scope="col" class="num">#</th><th scope="col">Office</th><th scope="col">Decision</th>' +
            '<th scope="col">Official</th><th scope="col">Date</th><th scope="col">Sign-off</th>' +
            '<th scope="col" class="num">Items done</th><th scope="col" class="signature">Signature</th>' +
            "</tr></thead>",
          "<tbody>",
          ...rows,
          "</tbody>",
          "</table>",
        ].join("\n"),
    "</section>",
  ].join("\n");
}

// ---------------------------------------------------------------------------
// Findings.

function findingTable(findings: readonly ReportFinding[], documented: ReadonlySet<string>): string {
  const rows = findings.map(
    (f) =>
      `<tr><td>${badge(LEVEL[f.level])}<br><a href="${h(RULES[f.ruleId].helpUri)}" rel="noopener noreferrer" class="rule">${h(f.ruleId)}</a></td>` +
      `<td>${f.stakeholder ? officeLink(f.stakeholder, f.stakeholderName ?? f.stakeholder, documented) : '<span class="none">—</span>'}</td>` +
      `<td>${dash(f.item)}</td>` +
      `<td>${escapeHtmlLines(f.message)}</td>` +
      `<td class="where">${h(`${f.location.file}:${f.location.line}:${f.location.column}`)}</td></tr>`,
  );
  return [
    '<table class="findings">',
    '<thead><tr><th scope="col">Rule</th><th scope="col">Office</th><th scope="col">Item</th><th scope="col">Finding</th><th scope="col">Where to fix</th></tr></thead>',
    "<tbody>",
    ...rows,
    "</tbody></table>",
  ].join("\n");
}

/** A link to an office's page when the report has one (ruled-out and unknown offices have none). */
function officeLink(id: string, text: string, documented: ReadonlySet<string>): string {
  return documented.has(id) ? `<a href="#s-${idToken(id)}">${h(text)}</a>` : h(text);
}

function documentedOffices(report: Report): Set<string> {
  return new Set(report.stakeholders.map((s) => s.stakeholder));
}

function gaps(report: Report): string {
  const documented = documentedOffices(report);
  const out = [
    '<section class="section gaps" aria-labelledby="h-gaps">',
    `<h2 id="h-gaps">Blocking gaps (${report.blockingGaps.length})</h2>`,
  ];
  out.push(
    report.blockingGaps.length
      ? findingTable(report.blockingGaps, documented)
      : '<p class="lede">None: no error-level findings.</p>',
  );
  if (report.otherFindings.length) {
    out.push(
      `<h3>Warnings and notes (${report.otherFindings.length})</h3>`,
      findingTable(report.otherFindings, documented),
    );
  }
  out.push("</section>");
  return out.join("\n");
}

// ---------------------------------------------------------------------------
// The coordination graph: ranks top to bottom, laid out here (no library).

const NODE_W = 172;
const GAP_X = 16;
const GAP_Y = 46;
const MARGIN = 12;
const LINE_H = 14;
const PAD = 8;
const CHARS_PER_LINE = 25;
const MAX_NAME_LINES = 4;

/** Greedy word wrap to `width` characters, at most `max` lines (the last one cut). */
export function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of oneLine(text).split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if ([...candidate].length <= width) line = candidate;
    else {
      if (line) lines.push(line);
      line = [...word].length > width ? truncate(word, width) : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  // Greedy wrapping means the next word did not fit: the cut adds an ellipsis.
  kept[max - 1] = truncate(`${kept[max - 1]} ${lines[max]}`, width);
  return kept;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: Array<{ id: string; x: number; y: number; w: number; h: number; lines: string[] }>;
}

/**
 * Left-to-right order within each rank: a node sits under the mean offset of
 * the offices it depends on (from each rank's centre line), which keeps
 * edges short and uncrossed; ties and roots keep coordination order.
 * Layout only: it is not part of the report's data.
 */
export function orderWithinRanks(report: Report): Map<string, number> {
  const { nodes, edges, ranks } = report.coordinationGraph;
  const deps = new Map<string, string[]>();
  for (const e of edges) deps.set(e.to, [...(deps.get(e.to) ?? []), e.from]);
  const rankOf = new Map(nodes.map((node) => [node.stakeholder, node.rank]));
  const size = new Map<number, number>();
  for (const node of nodes) size.set(node.rank, (size.get(node.rank) ?? 0) + 1);
  const position = new Map<string, number>();
  const relative = (id: string) => position.get(id)! - ((size.get(rankOf.get(id)!) ?? 1) - 1) / 2;
  for (let r = 0; r < ranks; r++) {
    const row = nodes
      .filter((node) => node.rank === r)
      .map((node, index) => {
        const placed = (deps.get(node.stakeholder) ?? []).filter((dep) => position.has(dep));
        const centre = placed.length
          ? placed.reduce((sum, dep) => sum + relative(dep), 0) / placed.length
          : Number.POSITIVE_INFINITY;
        return { id: node.stakeholder, centre, index };
      });
    if (r > 0)
      row.sort((a, b) => (a.centre === b.centre ? a.index - b.index : a.centre - b.centre));
    row.forEach((node, i) => position.set(node.id, i));
  }
  return position;
}

/** Pixel positions for the model's ranks: each rank a centred row. */
export function layoutGraph(report: Report): GraphLayout {
  const { nodes, ranks } = report.coordinationGraph;
  const position = orderWithinRanks(report);
  const byRank = Array.from({ length: ranks }, (_, r) =>
    nodes
      .filter((n) => n.rank === r)
      .sort((a, b) => position.get(a.stakeholder)! - position.get(b.stakeholder)!),
  );
  const widest = Math.max(1, ...byRank.map((row) => row.length));
  const width = widest * (NODE_W + GAP_X) - GAP_X + 2 * MARGIN;
  const placed: GraphLayout["nodes"] = [];
  let y = MARGIN;
  for (const row of byRank) {
    const wrapped = row.map((n) => wrap(n.name, CHARS_PER_LINE, MAX_NAME_LINES));
    const height = PAD * 2 + LINE_H * Math.max(1, ...wrapped.map((l) => l.length)) + 22;
    const rowWidth = row.length * (NODE_W + GAP_X) - GAP_X;
    let x = (width - rowWidth) / 2;
    row.forEach((n, i) => {
      placed.push({ id: n.stakeholder, x, y, w: NODE_W, h: height, lines: wrapped[i]! });
      x += NODE_W + GAP_X;
    });
    y += height + GAP_Y;
  }
  return { width, height: Math.max(y - GAP_Y + MARGIN, 2 * MARGIN), nodes: placed };
}

const TONE_FILL: Record<Tone, [string, string]> = {
  good: ["#e3f1e6", "#1e6b34"],
  fair: ["#eef4e0", "#4d6b12"],
  warn: ["#fdf1d8", "#8a5a00"],
  bad: ["#fbe4e2", "#a1241a"],
  neutral: ["#f1f1ee", "#5f5f59"],
  info: ["#e4ecf7", "#1f4e8a"],
};

function graphSvg(report: Report): string {
  const layout = layoutGraph(report);
  const at = new Map(layout.nodes.map((n) => [n.id, n]));
  const edges = report.coordinationGraph.edges.map((e) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const x1 = a.x + a.w / 2;
    const y1 = a.y + a.h;
    const x2 = b.x + b.w / 2;
    const y2 = b.y - 3;
    const bend = Math.min(GAP_Y * 0.8, (y2 - y1) / 2);
    return `<path class="edge" d="M${n(x1)} ${n(y1)}C${n(x1)} ${n(y1 + bend)} ${n(x2)} ${n(y2 - bend)} ${n(x2)} ${n(y2)}" marker-end="url(#arrow)"/>`;
  });
  const nodes = report.coordinationGraph.nodes.map((node) => {
    const box = at.get(node.stakeholder)!;
    const l = DECISION[node.decision];
    const [fill, stroke] = TONE_FILL[l.tone];
    const dashed = node.decision === "pending" ? ' stroke-dasharray="5 3"' : "";
    const heavy = node.decision === "non-concur" ? 2.5 : 1.2;
    const text = box.lines
      .map(
        (line, i) =>
          `<tspan x="${n(box.x + PAD + 20)}" y="${n(box.y + PAD + 11 + i * LINE_H)}">${h(line)}</tspan>`,
      )
      .join("");
    const statusY = box.y + box.h - PAD - 4;
    return [
      `<g class="node"><title>${h(`${node.order}. ${oneLine(node.name)}: ${l.text}`)}</title>`,
      `<rect x="${n(box.x)}" y="${n(box.y)}" width="${box.w}" height="${box.h}" rx="5" fill="${fill}" stroke="${stroke}" stroke-width="${heavy}"${dashed}/>`,
      `<text class="order" x="${n(box.x + PAD)}" y="${n(box.y + PAD + 11)}">${node.order}</text>`,
      `<text class="name" x="${n(box.x + PAD + 20)}" y="${n(box.y + PAD + 11)}">${text}</text>`,
      `<g transform="translate(${n(box.x + PAD + 20)} ${n(statusY - 10)})" color="${stroke}">${icon(l.shape, 12).replace('class="icon" ', "")}</g>`,
      `<text class="status" x="${n(box.x + PAD + 37)}" y="${n(statusY)}" fill="${stroke}">${h(l.text)}</text>`,
      "</g>",
    ].join("");
  });
  return [
    `<svg class="graph" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" width="${n(layout.width)}" height="${n(layout.height)}" role="img" aria-labelledby="h-graph">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 10 5 0 10Z" fill="#4a4a45"/></marker></defs>',
    ...edges,
    ...nodes,
    "</svg>",
  ].join("\n");
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function graphSection(report: Report): string {
  if (report.coordinationGraph.nodes.length === 0) return "";
  const legend = (Object.keys(DECISION) as Array<keyof typeof DECISION>)
    .map((k) => badge(DECISION[k]))
    .join(" ");
  return [
    '<section class="section graph-section" aria-labelledby="h-graph">',
    '<h2 id="h-graph">Coordination graph</h2>',
    `<p class="lede">Each office decides after those it depends on: arrows run from the earlier office to the later one, and each row is one step further down the chain (${plural(report.coordinationGraph.ranks, "rank")}). Numbers are the coordination order.</p>`,
    `<div class="graph-wrap">${graphSvg(report)}</div>`,
    `<p class="legend">${legend}</p>`,
    "</section>",
  ].join("\n");
}

// ---------------------------------------------------------------------------
// Capacity.

function capacityBar(c: CapacityRow): string {
  if (c.demand === null || c.demand <= 0 || c.state === "waived") return "";
  const confirmed = Math.max(0, Math.min(c.capacity ?? 0, c.demand * 1.5));
  const scale = 120 / Math.max(c.demand, confirmed);
  const demandW = c.demand * scale;
  const capW = confirmed * scale;
  const short = confirmed < c.demand;
  return (
    `<svg class="bar" width="124" height="14" viewBox="0 0 124 14" aria-hidden="true">` +
    `<rect x="1" y="2" width="${n(demandW)}" height="10" fill="#fff" stroke="#4a4a45" stroke-width="1"/>` +
    `<rect x="1" y="4" width="${n(capW)}" height="6" fill="${short ? "#a1241a" : "#1e6b34"}"/>` +
    "</svg>"
  );
}

function capacitySection(report: Report): string {
  if (report.capacity.length === 0) return "";
  const rows = report.capacity.map((c) => {
    const reads = c.reads.map((r) => `${r.fact} = ${formatFactValue(r.value ?? undefined)}`);
    const short = c.state === "shortfall" || c.state === "unconfirmed";
    return (
      `<tr class="${short ? "short" : ""}">` +
      `<td><a href="#s-${idToken(c.stakeholder)}">${h(c.name)}</a></td>` +
      `<td><strong>${h(c.item)}</strong><br><span class="muted">${h(c.question)}</span></td>` +
      `<td class="num">${h(withUnit(c.demand, c.unit))}<br><code>${h(c.expression)}</code>${reads.length ? `<br><span class="muted">${h(reads.join(", "))}</span>` : ""}</td>` +
      `<td class="num">${h(withUnit(c.capacity, c.unit))}</td>` +
      `<td class="num">${c.shortfall === null ? '<span class="none">—</span>' : c.shortfall > 0 ? `<strong class="shortfall">${h(withUnit(c.shortfall, c.unit))}</strong>` : "0"}</td>` +
      `<td>${badge(CAPACITY[c.state])}${capacityBar(c)}</td>` +
      "</tr>"
    );
  });
  return [
    '<section class="section capacity" aria-labelledby="h-capacity">',
    '<h2 id="h-capacity">Capacity</h2>',
    '<p class="lede">Demand is computed from the facts; capacity is what the office confirmed. The bar shows confirmed capacity (filled) against demand (outline).</p>',
    '<table class="capacity-table">',
    '<thead><tr><th scope="col">Office</th><th scope="col">Item</th><th scope="col" class="num">Demand</th><th scope="col" class="num">Confirmed</th><th scope="col" class="num">Shortfall</th><th scope="col">State</th></tr></thead>',
    "<tbody>",
    ...rows,
    "</tbody></table>",
    "</section>",
  ].join("\n");
}

// ---------------------------------------------------------------------------
// Timeline: one row per office, its due dates as marks, issuance and as-of lines.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function addDays(date: string, days: number): string {
  const t =
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) +
    days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function isDate(text: string | null): text is string {
  return text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text);
}

function timelineSvg(report: Report): string {
  const { entries, issuanceDate, asOf } = report.timeline;
  const dated = entries.filter((e) => isDate(e.dueDate));
  const marks = [...dated.map((e) => e.dueDate), ...(isDate(asOf) ? [asOf] : [])];
  if (isDate(issuanceDate)) marks.push(issuanceDate);
  if (dated.length === 0 || marks.length === 0) return "";
  const sortedDates = [...marks].sort();
  const start = addDays(sortedDates[0]!, -3);
  const end = addDays(sortedDates[sortedDates.length - 1]!, 3);
  const span = Math.max(1, daysBetween(start, end));
  const LABEL_W = 300;
  const CHART_W = 640;
  const ROW_H = 20;
  const TOP = 44;
  const x = (date: string) => LABEL_W + (daysBetween(start, date) / span) * CHART_W;
  const rows = report.stakeholders.filter((s) =>
    dated.some((e) => e.stakeholder === s.stakeholder),
  );
  const height = TOP + rows.length * ROW_H + 24;
  const out: string[] = [
    `<svg class="timeline" viewBox="0 0 ${LABEL_W + CHART_W + 20} ${height}" width="${LABEL_W + CHART_W + 20}" height="${height}" role="img" aria-labelledby="h-timeline">`,
  ];
  // Weekly grid.
  for (let d = start, i = 0; d <= end && i < 400; d = addDays(d, 7), i++) {
    const gx = n(x(d));
    out.push(`<line class="grid" x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${height - 8}"/>`);
    out.push(
      `<text class="tick" x="${gx}" y="${TOP - 10}">${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(8, 10)}</text>`,
    );
  }
  rows.forEach((s, r) => {
    const y = TOP + r * ROW_H + ROW_H / 2;
    if (r % 2 === 0)
      out.push(
        `<rect class="band" x="0" y="${n(y - ROW_H / 2)}" width="${LABEL_W + CHART_W + 20}" height="${ROW_H}"/>`,
      );
    out.push(
      `<text class="row-label" x="4" y="${n(y + 4)}"><title>${h(oneLine(s.name))}</title>${h(truncate(`${s.order}. ${s.name}`, 46))}</text>`,
    );
    const groups = new Map<string, number>();
    for (const e of dated.filter((x) => x.stakeholder === s.stakeholder)) {
      const kind = e.done ? "done" : e.overdue ? "overdue" : "open";
      const key = `${e.dueDate}|${kind}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const order = { overdue: 0, open: 1, done: 2 } as const;
    const sorted = [...groups].sort(([a], [b]) => {
      const [da, ka] = a.split("|") as [string, keyof typeof order];
      const [db, kb] = b.split("|") as [string, keyof typeof order];
      return da < db ? -1 : da > db ? 1 : order[ka] - order[kb];
    });
    let previous = "";
    let offset = 0;
    for (const [key, count] of sorted) {
      const [date, kind] = key.split("|") as [string, "done" | "overdue" | "open"];
      offset = date === previous ? offset + 1 : 0;
      previous = date;
      const mx = x(date);
      const my = y + (offset === 0 ? 0 : offset % 2 === 1 ? -5 : 5);
      const l =
        kind === "done"
          ? ITEM_STATUS.satisfied
          : kind === "overdue"
            ? OVERDUE
            : ITEM_STATUS["in-progress"];
      const [, stroke] = TONE_FILL[l.tone];
      out.push(
        `<g transform="translate(${n(mx - 6)} ${n(my - 6)})" color="${stroke}"><title>${h(`${date}: ${plural(count, "item")} ${kind}`)}</title>${icon(kind === "done" ? "circle" : kind === "overdue" ? "triangle" : "diamond").replace('class="icon" ', "")}</g>`,
      );
      if (count > 1)
        out.push(
          `<text class="count" x="${n(mx + 7)}" y="${n(my + 4)}" fill="${stroke}">${count}</text>`,
        );
    }
  });
  // Labels sit left of their line (the lines are at the right end of the chart).
  const marker = (date: string, label: string, cls: string, y: number) => {
    const mx = x(date);
    return `<line class="${cls}" x1="${n(mx)}" y1="${TOP - 4}" x2="${n(mx)}" y2="${height - 16}"/><text class="marker-label" x="${n(mx - 4)}" y="${y}">${h(label)}</text>`;
  };
  const sameDay = isDate(issuanceDate) && asOf === issuanceDate;
  if (isDate(asOf) && !sameDay) out.push(marker(asOf, `Report date ${asOf}`, "asof", height - 4));
  if (isDate(issuanceDate)) {
    const label = sameDay ? `Issuance and report date ${issuanceDate}` : `Issuance ${issuanceDate}`;
    const y = isDate(asOf) && !sameDay ? TOP - 22 : height - 4;
    out.push(marker(issuanceDate, label, "issuance", y));
  }
  out.push("</svg>");
  return out.join("\n");
}

function timelineSection(report: Report): string {
  const { entries, issuanceDate, asOf } = report.timeline;
  if (entries.length === 0) return "";
  const legend = [
    badge({ ...ITEM_STATUS.satisfied, shape: "circle", text: "Done" }),
    badge({ ...ITEM_STATUS["in-progress"], shape: "diamond", text: "Not done, not yet due" }),
    badge(OVERDUE),
    '<span class="legend-line issuance-key"></span> Issuance',
    '<span class="legend-line asof-key"></span> Report date',
  ].join(" ");
  const rows = entries.map(
    (e) =>
      `<tr class="${e.overdue ? "overdue" : ""}"><td class="date">${h(e.dueDate)}</td>` +
      `<td><a href="#s-${idToken(e.stakeholder)}">${h(e.name)}</a></td>` +
      `<td>${h(e.item)}</td><td>${h(SEVERITY[e.severity])}</td>` +
      `<td>${badge(itemLabel(e))}${e.overdue ? ` ${badge(OVERDUE, ` by ${h(plural(e.daysOverdue ?? 0, "day"))}`)}` : ""}</td>` +
      `<td class="num">${e.daysBeforeIssuance} <span class="muted">(${h(e.due)})</span></td></tr>`,
  );
  return [
    '<section class="section timeline-section" aria-labelledby="h-timeline">',
    '<h2 id="h-timeline">Timeline</h2>',
    `<p class="lede">Due dates count back from the issuance date (${issuanceDate === null ? "not set" : h(issuanceDate)}). Items not done by the report date (${h(asOf)}) are overdue.</p>`,
    `<div class="timeline-wrap">${timelineSvg(report)}</div>`,
    `<p class="legend">${legend}</p>`,
    '<table class="timeline-table">',
    '<thead><tr><th scope="col">Due</th><th scope="col">Office</th><th scope="col">Item</th><th scope="col">Severity</th><th scope="col">Status</th><th scope="col" class="num">Days before issuance</th></tr></thead>',
    "<tbody>",
    ...rows,
    "</tbody></table>",
    "</section>",
  ].join("\n");
}

// ---------------------------------------------------------------------------
// One page per stakeholder.

function itemBlock(i: ReportItem, report: Report): string {
  const evidence: Array<[string, string]> = [];
  if (i.evidence.contact !== null) evidence.push(["Contact", h(i.evidence.contact)]);
  if (i.evidence.date !== null) evidence.push(["Date", h(i.evidence.date)]);
  if (i.evidence.document !== null) evidence.push(["Document", link(i.evidence.document)]);
  if (i.evidence.capacity !== null)
    evidence.push(["Confirmed capacity", h(formatNumber(i.evidence.capacity))]);
  if (i.evidence.missing.length)
    evidence.push([
      "Missing evidence",
      `<strong class="missing">${h(i.evidence.missing.join(", "))}</strong>`,
    ]);
  if (i.justification !== null) evidence.push(["Justification", escapeHtmlLines(i.justification)]);
  if (i.acceptedBy !== null) evidence.push(["Risk accepted by", h(i.acceptedBy)]);
  if (i.rationale !== null) evidence.push(["Rationale", escapeHtmlLines(i.rationale)]);
  if (i.notes !== null) evidence.push(["Notes", escapeHtmlLines(i.notes)]);
  const rules = [...new Set(i.findings.map((f) => f.ruleId))];
  const head = [
    badge(itemLabel(i)),
    `<strong class="item-id">${h(i.id)}</strong>`,
    `<span class="severity sev-${i.severity}">${h(SEVERITY[i.severity])}</span>`,
    i.dueDate ? `<span class="due">due ${h(i.dueDate)}</span>` : "",
    i.overdue ? badge(OVERDUE) : "",
    rules.length ? `<span class="rules">${rules.map((r) => h(r)).join(", ")}</span>` : "",
  ].filter((x) => x !== "");
  return [
    `<div class="item status-${i.belowDemand ? "below-demand" : i.status}${i.overdue ? " is-overdue" : ""}">`,
    `<div class="item-head">${head.join(" ")}</div>`,
    `<p class="question">${h(oneLine(i.question))}</p>`,
    i.condition.expression !== null
      ? `<p class="muted small" title="${h(i.condition.expression)}">${h(conditionSentence(i.condition, report.facts))}</p>`
      : "",
    evidence.length
      ? `<dl class="evidence">${evidence.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join("")}</dl>`
      : "",
    i.sources.length
      ? `<p class="sources">Sources: ${i.sources.map((s) => `<a href="#src-${idToken(s.id)}" title="${h(oneLine(s.title))}">${h(s.id)}</a>`).join(", ")}</p>`
      : "",
    "</div>",
  ]
    .filter((x) => x !== "")
    .join("\n");
}

function stakeholderArticle(
  s: StakeholderDetail,
  documented: ReadonlySet<string>,
  report: Report,
): string {
  const applicable = s.items.filter((i) => i.applies === true);
  const other = s.items.filter((i) => i.applies !== true);
  const signers = s.signoff.signatures
    .map(
      (x) =>
        `${h(x.name)}${x.title ? `, ${h(x.title)}` : ""}, ${h(x.date)}${x.keyId ? ` <span class="muted">(key ${h(x.keyId)})</span>` : ""}`,
    )
    .join("<br>");
  const about = [
    `<span class="mono">${h(s.stakeholder)}</span>`,
    s.agency ? h(s.agency) : "",
    s.dependsOn.length
      ? `after ${s.dependsOn.map((d) => officeLink(d, d, documented)).join(", ")}`
      : "",
  ].filter((x) => x !== "");
  return [
    `<article class="stakeholder" id="s-${idToken(s.stakeholder)}" aria-labelledby="h-s-${idToken(s.stakeholder)}">`,
    `<h3 id="h-s-${idToken(s.stakeholder)}"><span class="order">${s.order}</span> ${h(oneLine(s.name))}</h3>`,
    `<p class="about">${about.join(" · ")}</p>`,
    `<p class="muted small"${s.condition.expression === null ? "" : ` title="${h(s.condition.expression)}"`}>${h(conditionSentence(s.condition, report.facts))}</p>`,
    '<table class="decision-box"><tbody>',
    `<tr><th scope="row">Decision</th><td>${badge(DECISION[s.decision.state])}</td><th scope="row">By</th><td>${dash(s.decision.by)}</td><th scope="row">Date</th><td>${dash(s.decision.date)}</td></tr>`,
    `<tr><th scope="row">Sign-off</th><td>${badge(SIGNOFF[s.signoff.state])}${s.signoff.required || s.signoff.state === "not-required" ? "" : '<span class="muted"> optional</span>'}</td><th scope="row">Signed by</th><td colspan="3">${signers || '<span class="none">—</span>'}</td></tr>`,
    s.decision.comments
      ? `<tr><th scope="row">Comments</th><td colspan="5" class="comments">${escapeHtmlLines(s.decision.comments)}</td></tr>`
      : "",
    "</tbody></table>",
    applicable.length
      ? `<div class="items">${applicable.map((i) => itemBlock(i, report)).join("\n")}</div>`
      : "",
    other.length
      ? `<p class="not-applicable">Not applicable to this draft: ${other.map((i) => `<strong>${h(i.id)}</strong> (${h(conditionSentence(i.condition, report.facts))})`).join("; ")}.</p>`
      : "",
    "</article>",
  ]
    .filter((x) => x !== "")
    .join("\n");
}

function stakeholdersSection(report: Report): string {
  if (report.stakeholders.length === 0) return "";
  const documented = documentedOffices(report);
  return [
    '<section class="section stakeholders" aria-labelledby="h-stakeholders">',
    '<h2 id="h-stakeholders">Stakeholders</h2>',
    ...report.stakeholders.map((s) => stakeholderArticle(s, documented, report)),
    "</section>",
  ].join("\n");
}

// ---------------------------------------------------------------------------
// Appendix: scope, facts, digests.

function appendix(report: Report): string {
  const out = [
    '<section class="section appendix" aria-labelledby="h-appendix">',
    '<h2 id="h-appendix">Scope, facts and digests</h2>',
  ];
  if (report.undecided.length) {
    out.push(
      `<h3>Undecided: facts missing (${report.undecided.length})</h3>`,
      '<table><thead><tr><th scope="col">Office</th><th scope="col">Condition</th><th scope="col">Missing facts</th></tr></thead><tbody>',
      ...report.undecided.map(
        (s) =>
          `<tr><td>${h(s.name)} <span class="muted">${h(s.stakeholder)}</span></td><td><code>${h(s.condition.expression ?? "always")}</code></td><td>${h(s.condition.missing.join(", ") || (s.condition.error ?? "—"))}</td></tr>`,
      ),
      "</tbody></table>",
    );
  }
  out.push(
    `<h3>Ruled out (${plural(report.ruledOut.length, "office")}, ${plural(report.ruledOutItems.length, "item")})</h3>`,
  );
  if (report.ruledOut.length || report.ruledOutItems.length) {
    out.push(
      '<table><thead><tr><th scope="col">Office</th><th scope="col">Item</th><th scope="col">Why it does not apply</th></tr></thead><tbody>',
      ...report.ruledOut.map(
        (s) =>
          `<tr><td>${h(s.name)} <span class="muted">${h(s.stakeholder)}</span></td><td>whole office</td><td>${h(conditionSentence(s.condition, report.facts))}<br><code>${h(conditionText(s.condition))}</code></td></tr>`,
      ),
      ...report.ruledOutItems.map(
        (i) =>
          `<tr><td>${h(i.name)} <span class="muted">${h(i.stakeholder)}</span></td><td>${h(i.item)}</td><td>${h(conditionSentence(i.condition, report.facts))}<br><code>${h(conditionText(i.condition))}</code></td></tr>`,
      ),
      "</tbody></table>",
    );
  } else {
    out.push("<p>Every office and item the checklists name applies to this draft.</p>");
  }
  if (report.sources.length) {
    out.push(
      "<h3>Sources</h3>",
      '<dl class="source-list">',
      ...report.sources.map(
        (s) =>
          `<dt id="src-${idToken(s.id)}" class="mono">${h(s.id)}</dt><dd>${h(oneLine(s.title))}${s.href ? `<br><a href="${h(s.href)}" rel="noopener noreferrer" class="url">${h(s.href)}</a>` : s.url !== null ? `<br><span class="plain-ref">${h(s.url)}</span> <span class="muted">(not linked: not an http(s) address)</span>` : ""}</dd>`,
      ),
      "</dl>",
    );
  }
  if (report.facts.length) {
    out.push(
      "<h3>Facts</h3>",
      '<table class="facts"><thead><tr><th scope="col">Fact</th><th scope="col">Value</th><th scope="col">Question</th><th scope="col">Given in</th></tr></thead><tbody>',
      ...report.facts.map(
        (f) =>
          `<tr><td class="mono">${h(f.name)}</td><td>${f.value === null ? '<strong class="missing">no value</strong>' : h(`${formatFactValue(f.value)}${f.unit ? ` ${f.unit}` : ""}`)}</td><td>${h(f.question)}</td><td>${dash(f.from)}</td></tr>`,
      ),
      "</tbody></table>",
    );
  }
  const { draft, checklists, review } = report.digests;
  const rows: Array<[string, string]> = [
    [`Draft text (${draft.file})`, draft.contentDigest],
    [`Draft front matter (${draft.file})`, draft.metadataDigest],
    ...checklists.map((c): [string, string] => [
      `Checklist ${c.id}@${c.version} (${c.builtin ? "built-in" : (c.file ?? "")})`,
      c.digest,
    ]),
    ...(review.exists
      ? review.files.map((f): [string, string] => [`Review ${f.file}`, f.digest])
      : [[`Review ${review.path}`, "not found: judged as an empty review"] as [string, string]]),
  ];
  out.push(
    "<h3>Digests</h3>",
    '<p class="lede">The inputs this report was generated from.</p>',
    '<table class="digests"><thead><tr><th scope="col">Input</th><th scope="col">sha256</th></tr></thead><tbody>',
    ...rows.map(([k, v]) => `<tr><td>${h(k)}</td><td class="mono digest">${h(v)}</td></tr>`),
    "</tbody></table>",
    "</section>",
  );
  return out.join("\n");
}

function footer(report: Report): string {
  const version = report.generator.version ? ` ${h(report.generator.version)}` : "";
  return `<footer class="colophon">Generated by preclear${version} as of ${h(report.asOf)} from the inputs listed under Digests. Draft ${h(report.draft.id)}.</footer>`;
}

// ---------------------------------------------------------------------------

function stylesheet(report: Report): string {
  const running = escapeCssString(`Clearance record: ${report.draft.id} (as of ${report.asOf})`);
  return `${REPORT_CSS}
@page{@bottom-left{content:"${running}";font:8pt "Liberation Serif",serif;color:#5f5f59}@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt "Liberation Serif",serif;color:#5f5f59}}
`;
}
