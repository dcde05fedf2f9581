/**
 * The report as one self-contained HTML file: the stylesheet inline (from
 * report.css), inline SVG (the coordination graph laid out by rank, the
 * timeline), no scripts, no external requests, a Content-Security-Policy that
 * forbids both, and print CSS so a browser's print-to-PDF gives a signable
 * document: on a landscape first page the title block, the approving
 * official's block and the clearance sheet; the policy text as an appendix.
 *
 * Markup is built with the auto-escaping `markup` template (html-template.ts):
 * every interpolated value is escaped unless it is markup built the same way.
 */
import { RULES } from "../core/rules/meta.js";
import { formatFactValue } from "../core/evaluate/facts.js";
import { cleanText, escapeCssString, idToken } from "./escape.js";
import { join, lines as brLines, markup, raw, SafeHtml } from "./html-template.js";
import type { HtmlValue } from "./html-template.js";
import {
  CAPACITY,
  conditionSentence,
  conditionText,
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
import { REDLINE_CSS } from "../formatters/redline.js";
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

const NL = raw("\n");

/** Parts one per line, empty ones left out. */
function stack(...parts: HtmlValue[]): SafeHtml {
  return join(parts.filter(present), NL);
}

function present(value: HtmlValue): boolean {
  if (value instanceof SafeHtml) return value.markup !== "";
  return value !== "" && value !== null && value !== undefined && value !== false;
}

const EMPTY = raw("");

/** Parts side by side, nothing between. */
function cat(...parts: HtmlValue[]): SafeHtml {
  return join(parts, "");
}

export function renderHtml(report: Report, extras: ReportExtras = {}): string {
  const title = `Clearance report: ${report.draft.title}`;
  const body = stack(
    // Page 1 of the print: who decides, and every office's row.
    markup`<div class="first-page">`,
    markup`<div class="first-head">${titleBlock(report)}${approvalBlock(report)}</div>`,
    clearanceSheet(report),
    markup`</div>`,
    lifecycleSection(report),
    gaps(report),
    graphSection(report),
    capacitySection(report),
    timelineSection(report),
    stakeholdersSection(report),
    extras.redlines?.html ? raw(extras.redlines.html) : EMPTY,
    policyAppendix(report),
    appendix(report),
    footer(report),
  );
  const version = report.generator.version;
  return `${stack(
    markup`<!DOCTYPE html>`,
    markup`<html lang="en">`,
    markup`<head>`,
    markup`<meta charset="utf-8">`,
    markup`<meta http-equiv="Content-Security-Policy" content="${raw(CONTENT_SECURITY_POLICY)}">`,
    markup`<meta name="referrer" content="no-referrer">`,
    markup`<meta name="viewport" content="width=device-width, initial-scale=1">`,
    markup`<meta name="generator" content="preclear${version ? ` ${version}` : ""}">`,
    markup`<title>${oneLine(title)}</title>`,
    markup`<style>${raw(stylesheet(report))}${extras.redlines?.html ? raw(REDLINE_CSS) : ""}</style>`,
    markup`</head>`,
    markup`<body>`,
    markup`<main class="document">`,
    body,
    markup`</main>`,
    markup`</body>`,
    markup`</html>`,
  )}\n`;
}

function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, " ").trim();
}

/** Cut to \`max\` characters (whole code points), with an ellipsis. */
function truncate(text: string, max: number): string {
  const chars = [...oneLine(text)];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

// ---------------------------------------------------------------------------
// Badges: a shape and a label, coloured by tone.

const ICON: Record<Shape, SafeHtml> = {
  check: raw(
    '<path d="M2 6.5 5 9.5 10.5 2.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
  ),
  circle: raw('<circle cx="6" cy="6" r="4.5" fill="currentColor"/>'),
  ring: raw('<circle cx="6" cy="6" r="4" fill="none" stroke="currentColor" stroke-width="1.8"/>'),
  diamond: raw('<path d="M6 1 11 6 6 11 1 6Z" fill="currentColor"/>'),
  triangle: raw('<path d="M6 1.2 11.2 10.5H.8Z" fill="currentColor"/>'),
  cross: raw(
    '<path d="M2.5 2.5 9.5 9.5M9.5 2.5 2.5 9.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>',
  ),
  dash: raw(
    '<path d="M2 6H10" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>',
  ),
  square: raw('<rect x="2" y="2" width="8" height="8" fill="currentColor"/>'),
};

function icon(shape: Shape, size = 12, withClass = true): SafeHtml {
  return withClass
    ? markup`<svg class="icon" width="${size}" height="${size}" viewBox="0 0 12 12" aria-hidden="true">${ICON[shape]}</svg>`
    : markup`<svg width="${size}" height="${size}" viewBox="0 0 12 12" aria-hidden="true">${ICON[shape]}</svg>`;
}

function badge(l: StateLabel, extra: HtmlValue = ""): SafeHtml {
  return markup`<span class="badge tone-${l.tone}">${icon(l.shape)}<span>${l.text}${extra}</span></span>`;
}

function link(l: ReportLink): SafeHtml {
  return l.href
    ? markup`<a href="${l.href}" rel="noopener noreferrer">${l.text}</a>`
    : markup`<span class="plain-ref">${l.text}</span>`;
}

const NONE = raw('<span class="none">—</span>');

function dash(text: string | null): HtmlValue {
  return text === null || text.trim() === "" ? NONE : text;
}

// ---------------------------------------------------------------------------
// Title block, approving official and clearance sheet: the first page.

function titleBlock(report: Report): SafeHtml {
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
  const meta: Array<[string, HtmlValue]> = [
    ["Draft", markup`${draft.id} <span class="file">${draft.file}</span>`],
    ["Issuer (action office)", dash(draft.issuer)],
    ["Planned issuance date", draft.issuanceDate === null ? "not set" : draft.issuanceDate],
    ["Report date (as of)", report.asOf],
    ["Checklists", report.digests.checklists.map((c) => `${c.id}@${c.version}`).join(", ")],
  ];
  return stack(
    markup`<header class="title-block">`,
    markup`<p class="kicker">Pre-issuance clearance record</p>`,
    markup`<h1>${oneLine(draft.title)}</h1>`,
    markup`<table class="meta"><tbody>`,
    ...meta.map(([k, v]) => markup`<tr><th scope="row">${k}</th><td>${v}</td></tr>`),
    markup`</tbody></table>`,
    markup`<p class="status-line ${summary.ready ? "ready" : "blocked"}">${status} <span>${facts.join(" · ")}</span></p>`,
    markup`</header>`,
  );
}

/**
 * The approving official's block: filled in by hand on the printed record
 * (name, title, decision, date, signature), beside the title block on page 1.
 */
function approvalBlock(report: Report): SafeHtml {
  const { summary, draft } = report;
  const blocking = summary.findings.error;
  const line = (label: string) => markup`<th scope="row">${label}</th><td></td>`;
  const issuer = draft.issuer === null ? "" : `For ${oneLine(draft.issuer)}. `;
  const verdict =
    blocking === 0
      ? "The clearance sheet shows no blocking gap."
      : `Not ready: ${plural(blocking, "blocking gap")} remain (listed after this page).`;
  return stack(
    markup`<section class="approval" aria-labelledby="h-approval">`,
    markup`<h2 id="h-approval">Approving official</h2>`,
    markup`<table class="approval-box"><tbody>`,
    markup`<tr>${line("Name")}${line("Title")}</tr>`,
    markup`<tr><th scope="row">Decision</th><td class="choices" colspan="3"><span class="box"></span>Approve<span class="box"></span>Approve with changes<span class="box"></span>Disapprove</td></tr>`,
    markup`<tr>${line("Date")}${line("Signature")}</tr>`,
    markup`</tbody></table>`,
    markup`<p class="small muted">${issuer}${verdict}</p>`,
    markup`</section>`,
  );
}

function officials(row: ClearanceRow): SafeHtml {
  const parts: SafeHtml[] = [];
  // The official who decided, unless the same person signed (then the signature says it all).
  const by = row.decision.by;
  if (by && !row.signoff.signatures.some((s) => s.name === by)) parts.push(markup`${by}`);
  for (const s of row.signoff.signatures) {
    parts.push(
      markup`<span class="signer">${s.name}${s.title ? `, ${s.title}` : ""} <span class="muted">(signed ${s.date})</span></span>`,
    );
  }
  return parts.length ? join(parts, markup`<br>`) : NONE;
}

const OPTIONAL = raw('<br><span class="muted">optional</span>');

function clearanceSheet(report: Report): SafeHtml {
  const rows = report.clearanceSheet.map((row) =>
    cat(
      markup`<tr class="decision-${row.decision.state}">`,
      markup`<td class="num">${row.order}</td>`,
      markup`<td class="office"><a href="#s-${idToken(row.stakeholder)}" class="office-name">${row.name}</a><span class="muted">${row.stakeholder}${row.agency ? ` · ${row.agency}` : ""}</span></td>`,
      markup`<td>${badge(DECISION[row.decision.state])}</td>`,
      markup`<td>${officials(row)}</td>`,
      markup`<td class="date">${dash(row.decision.date)}</td>`,
      markup`<td>${badge(SIGNOFF[row.signoff.state])}${row.signoff.required || row.signoff.state === "not-required" ? "" : OPTIONAL}</td>`,
      markup`<td class="num">${row.items.done}/${row.items.applicable}${row.items.overdue ? markup` <span class="overdue-count">${row.items.overdue} overdue</span>` : ""}</td>`,
      markup`<td class="signature" aria-label="signature"><span class="sig-line"></span></td>`,
      markup`</tr>`,
    ),
  );
  return stack(
    markup`<section class="clearance-sheet" aria-labelledby="h-sheet">`,
    markup`<h2 id="h-sheet">Clearance sheet</h2>`,
    markup`<p class="lede">One row per office whose equities the draft affects, in coordination order. Each office records its decision; the official signs on the line.</p>`,
    report.clearanceSheet.length === 0
      ? markup`<p>No stakeholder applies to this draft.</p>`
      : stack(
          markup`<table class="sheet">`,
          markup`<colgroup><col class="c-num"><col class="c-office"><col class="c-decision"><col class="c-official"><col class="c-date"><col class="c-signoff"><col class="c-items"><col class="c-signature"></colgroup>`,
          raw(
            "<thead><tr>" +
              '<th scope="col" class="num">#</th><th scope="col">Office</th><th scope="col">Decision</th>' +
              '<th scope="col">Official</th><th scope="col">Date</th><th scope="col">Sign-off</th>' +
              '<th scope="col" class="num">Items done</th><th scope="col" class="signature">Signature</th>' +
              "</tr></thead>",
          ),
          markup`<tbody>`,
          ...rows,
          markup`</tbody>`,
          markup`</table>`,
        ),
    markup`</section>`,
  );
}

// ---------------------------------------------------------------------------
// Findings.

function findingTable(
  findings: readonly ReportFinding[],
  documented: ReadonlySet<string>,
): SafeHtml {
  const rows = findings.map((f) =>
    cat(
      markup`<tr><td>${badge(LEVEL[f.level])}<br><a href="${RULES[f.ruleId].helpUri}" rel="noopener noreferrer" class="rule">${f.ruleId}</a></td>`,
      markup`<td>${f.stakeholder ? officeLink(f.stakeholder, f.stakeholderName ?? f.stakeholder, documented) : NONE}</td>`,
      markup`<td>${dash(f.item)}</td>`,
      markup`<td>${brLines(f.message)}</td>`,
      markup`<td class="where">${`${f.location.file}:${f.location.line}:${f.location.column}`}</td></tr>`,
    ),
  );
  return stack(
    markup`<table class="findings">`,
    markup`<thead><tr><th scope="col">Rule</th><th scope="col">Office</th><th scope="col">Item</th><th scope="col">Finding</th><th scope="col">Where to fix</th></tr></thead>`,
    markup`<tbody>`,
    ...rows,
    markup`</tbody></table>`,
  );
}

/** A link to an office's page when the report has one (ruled-out and unknown offices have none). */
function officeLink(id: string, text: string, documented: ReadonlySet<string>): SafeHtml {
  return documented.has(id) ? markup`<a href="#s-${idToken(id)}">${text}</a>` : markup`${text}`;
}

function documentedOffices(report: Report): Set<string> {
  return new Set(report.stakeholders.map((s) => s.stakeholder));
}

function gaps(report: Report): SafeHtml {
  const documented = documentedOffices(report);
  return stack(
    markup`<section class="section gaps" aria-labelledby="h-gaps">`,
    markup`<h2 id="h-gaps">Blocking gaps (${report.blockingGaps.length})</h2>`,
    report.blockingGaps.length
      ? findingTable(report.blockingGaps, documented)
      : markup`<p class="lede">None: no error-level findings.</p>`,
    report.otherFindings.length
      ? stack(
          markup`<h3>Warnings and notes (${report.otherFindings.length})</h3>`,
          findingTable(report.otherFindings, documented),
        )
      : EMPTY,
    markup`</section>`,
  );
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

function graphSvg(report: Report): SafeHtml {
  const layout = layoutGraph(report);
  const at = new Map(layout.nodes.map((node) => [node.id, node]));
  const edges = report.coordinationGraph.edges.map((e) => {
    const a = at.get(e.from)!;
    const b = at.get(e.to)!;
    const x1 = a.x + a.w / 2;
    const y1 = a.y + a.h;
    const x2 = b.x + b.w / 2;
    const y2 = b.y - 3;
    const bend = Math.min(GAP_Y * 0.8, (y2 - y1) / 2);
    return markup`<path class="edge" d="M${n(x1)} ${n(y1)}C${n(x1)} ${n(y1 + bend)} ${n(x2)} ${n(y2 - bend)} ${n(x2)} ${n(y2)}" marker-end="url(#arrow)"/>`;
  });
  const nodes = report.coordinationGraph.nodes.map((node) => {
    const box = at.get(node.stakeholder)!;
    const l = DECISION[node.decision];
    const [fill, stroke] = TONE_FILL[l.tone];
    const dashed = node.decision === "pending" ? raw(' stroke-dasharray="5 3"') : "";
    const heavy = node.decision === "non-concur" ? 2.5 : 1.2;
    const text = box.lines.map(
      (line, i) =>
        markup`<tspan x="${n(box.x + PAD + 20)}" y="${n(box.y + PAD + 11 + i * LINE_H)}">${line}</tspan>`,
    );
    const statusY = box.y + box.h - PAD - 4;
    return join(
      [
        markup`<g class="node"><title>${`${node.order}. ${oneLine(node.name)}: ${l.text}`}</title>`,
        markup`<rect x="${n(box.x)}" y="${n(box.y)}" width="${box.w}" height="${box.h}" rx="5" fill="${fill}" stroke="${stroke}" stroke-width="${heavy}"${dashed}/>`,
        markup`<text class="order" x="${n(box.x + PAD)}" y="${n(box.y + PAD + 11)}">${node.order}</text>`,
        markup`<text class="name" x="${n(box.x + PAD + 20)}" y="${n(box.y + PAD + 11)}">${text}</text>`,
        markup`<g transform="translate(${n(box.x + PAD + 20)} ${n(statusY - 10)})" color="${stroke}">${icon(l.shape, 12, false)}</g>`,
        markup`<text class="status" x="${n(box.x + PAD + 37)}" y="${n(statusY)}" fill="${stroke}">${l.text}</text>`,
        markup`</g>`,
      ],
      "",
    );
  });
  return stack(
    markup`<svg class="graph" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" width="${n(layout.width)}" height="${n(layout.height)}" role="img" aria-labelledby="h-graph">`,
    markup`<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 10 5 0 10Z" fill="#4a4a45"/></marker></defs>`,
    ...edges,
    ...nodes,
    markup`</svg>`,
  );
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function graphSection(report: Report): SafeHtml {
  if (report.coordinationGraph.nodes.length === 0) return EMPTY;
  // The four v1 states always; a part-two state (over objection, silence…) when shown.
  const shown = new Set(report.coordinationGraph.nodes.map((node) => node.decision));
  const legend = join(
    (Object.keys(DECISION) as Array<keyof typeof DECISION>)
      .filter((k, index) => index < 4 || shown.has(k))
      .map((k) => badge(DECISION[k])),
    " ",
  );
  return stack(
    markup`<section class="section graph-section" aria-labelledby="h-graph">`,
    markup`<h2 id="h-graph">Coordination graph</h2>`,
    markup`<p class="lede">Each office decides after those it depends on: arrows run from the earlier office to the later one, and each row is one step further down the chain (${plural(report.coordinationGraph.ranks, "rank")}). Numbers are the coordination order.</p>`,
    markup`<div class="graph-wrap">${graphSvg(report)}</div>`,
    markup`<p class="legend">${legend}</p>`,
    markup`</section>`,
  );
}

// ---------------------------------------------------------------------------
// Capacity.

function capacityBar(c: CapacityRow): SafeHtml {
  if (c.demand === null || c.demand <= 0 || c.state === "waived") return EMPTY;
  const confirmed = Math.max(0, Math.min(c.capacity ?? 0, c.demand * 1.5));
  const scale = 120 / Math.max(c.demand, confirmed);
  const demandW = c.demand * scale;
  const capW = confirmed * scale;
  const short = confirmed < c.demand;
  return markup`<svg class="bar" width="124" height="14" viewBox="0 0 124 14" aria-hidden="true"><rect x="1" y="2" width="${n(demandW)}" height="10" fill="#fff" stroke="#4a4a45" stroke-width="1"/><rect x="1" y="4" width="${n(capW)}" height="6" fill="${short ? "#a1241a" : "#1e6b34"}"/></svg>`;
}

function capacitySection(report: Report): SafeHtml {
  if (report.capacity.length === 0) return EMPTY;
  const rows = report.capacity.map((c) => {
    const reads = c.reads.map((r) => `${r.fact} = ${formatFactValue(r.value ?? undefined)}`);
    const short = c.state === "shortfall" || c.state === "unconfirmed";
    const shortfall =
      c.shortfall === null
        ? NONE
        : c.shortfall > 0
          ? markup`<strong class="shortfall">${withUnit(c.shortfall, c.unit)}</strong>`
          : "0";
    return cat(
      markup`<tr class="${short ? "short" : ""}">`,
      markup`<td><a href="#s-${idToken(c.stakeholder)}">${c.name}</a></td>`,
      markup`<td><strong>${c.item}</strong><br><span class="muted">${c.question}</span></td>`,
      markup`<td class="num">${withUnit(c.demand, c.unit)}<br><code>${c.expression}</code>${reads.length ? markup`<br><span class="muted">${reads.join(", ")}</span>` : ""}</td>`,
      markup`<td class="num">${withUnit(c.capacity, c.unit)}</td>`,
      markup`<td class="num">${shortfall}</td>`,
      markup`<td>${badge(CAPACITY[c.state])}${capacityBar(c)}</td>`,
      markup`</tr>`,
    );
  });
  return stack(
    markup`<section class="section capacity" aria-labelledby="h-capacity">`,
    markup`<h2 id="h-capacity">Capacity</h2>`,
    markup`<p class="lede">Demand is computed from the facts; capacity is what the office confirmed. The bar shows confirmed capacity (filled) against demand (outline).</p>`,
    markup`<table class="capacity-table">`,
    markup`<thead><tr><th scope="col">Office</th><th scope="col">Item</th><th scope="col" class="num">Demand</th><th scope="col" class="num">Confirmed</th><th scope="col" class="num">Shortfall</th><th scope="col">State</th></tr></thead>`,
    markup`<tbody>`,
    ...rows,
    markup`</tbody></table>`,
    markup`</section>`,
  );
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

/** Grid lines of the timeline, at most: 640 px hold about this many labels. */
const MAX_TICKS = 12;

function timelineSvg(report: Report): SafeHtml {
  const { entries, issuanceDate, asOf } = report.timeline;
  const dated = entries.filter((e) => isDate(e.dueDate));
  const marks = [...dated.map((e) => e.dueDate), ...(isDate(asOf) ? [asOf] : [])];
  if (isDate(issuanceDate)) marks.push(issuanceDate);
  if (dated.length === 0 || marks.length === 0) return EMPTY;
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
  const out: SafeHtml[] = [
    markup`<svg class="timeline" viewBox="0 0 ${LABEL_W + CHART_W + 20} ${height}" width="${LABEL_W + CHART_W + 20}" height="${height}" role="img" aria-labelledby="h-timeline">`,
  ];
  // A grid of whole weeks, at most MAX_TICKS lines: weekly over a few months,
  // every few weeks over longer spans (a tick every 1.6 px says nothing).
  const step = 7 * Math.max(1, Math.ceil(span / 7 / MAX_TICKS));
  const long = span > 366;
  for (let d = start; d <= end; d = addDays(d, step)) {
    const gx = n(x(d));
    const month = MONTHS[Number(d.slice(5, 7)) - 1];
    out.push(markup`<line class="grid" x1="${gx}" y1="${TOP - 6}" x2="${gx}" y2="${height - 8}"/>`);
    out.push(
      markup`<text class="tick" x="${gx}" y="${TOP - 10}">${month} ${long ? d.slice(0, 4) : d.slice(8, 10)}</text>`,
    );
  }
  rows.forEach((s, r) => {
    const y = TOP + r * ROW_H + ROW_H / 2;
    if (r % 2 === 0)
      out.push(
        markup`<rect class="band" x="0" y="${n(y - ROW_H / 2)}" width="${LABEL_W + CHART_W + 20}" height="${ROW_H}"/>`,
      );
    out.push(
      markup`<text class="row-label" x="4" y="${n(y + 4)}"><title>${oneLine(s.name)}</title>${truncate(`${s.order}. ${s.name}`, 46)}</text>`,
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
      const shape = kind === "done" ? "circle" : kind === "overdue" ? "triangle" : "diamond";
      out.push(
        markup`<g transform="translate(${n(mx - 6)} ${n(my - 6)})" color="${stroke}"><title>${`${date}: ${plural(count, "item")} ${kind}`}</title>${icon(shape, 12, false)}</g>`,
      );
      if (count > 1)
        out.push(
          markup`<text class="count" x="${n(mx + 7)}" y="${n(my + 4)}" fill="${stroke}">${count}</text>`,
        );
    }
  });
  // Labels sit left of their line (the lines are at the right end of the chart).
  const marker = (date: string, label: string, cls: string, y: number) => {
    const mx = x(date);
    return markup`<line class="${cls}" x1="${n(mx)}" y1="${TOP - 4}" x2="${n(mx)}" y2="${height - 16}"/><text class="marker-label" x="${n(mx - 4)}" y="${y}">${label}</text>`;
  };
  const sameDay = isDate(issuanceDate) && asOf === issuanceDate;
  if (isDate(asOf) && !sameDay) out.push(marker(asOf, `Report date ${asOf}`, "asof", height - 4));
  if (isDate(issuanceDate)) {
    const label = sameDay ? `Issuance and report date ${issuanceDate}` : `Issuance ${issuanceDate}`;
    const y = isDate(asOf) && !sameDay ? TOP - 22 : height - 4;
    out.push(marker(issuanceDate, label, "issuance", y));
  }
  out.push(markup`</svg>`);
  return stack(...out);
}

function timelineSection(report: Report): SafeHtml {
  const { entries, issuanceDate, asOf } = report.timeline;
  if (entries.length === 0) return EMPTY;
  const legend = join(
    [
      badge({ ...ITEM_STATUS.satisfied, shape: "circle", text: "Done" }),
      badge({ ...ITEM_STATUS["in-progress"], shape: "diamond", text: "Not done, not yet due" }),
      badge(OVERDUE),
      markup`<span class="legend-line issuance-key"></span> Issuance`,
      markup`<span class="legend-line asof-key"></span> Report date`,
    ],
    " ",
  );
  const rows = entries.map((e) =>
    cat(
      markup`<tr class="${e.overdue ? "overdue" : ""}"><td class="date">${e.dueDate}</td>`,
      markup`<td><a href="#s-${idToken(e.stakeholder)}">${e.name}</a></td>`,
      markup`<td>${e.item}</td><td>${SEVERITY[e.severity]}</td>`,
      markup`<td>${badge(itemLabel(e))}${e.overdue ? markup` ${badge(OVERDUE, ` by ${plural(e.daysOverdue ?? 0, "day")}`)}` : ""}</td>`,
      markup`<td class="num">${e.daysBeforeIssuance} <span class="muted">(${e.due})</span></td></tr>`,
    ),
  );
  return stack(
    markup`<section class="section timeline-section" aria-labelledby="h-timeline">`,
    markup`<h2 id="h-timeline">Timeline</h2>`,
    markup`<p class="lede">Due dates count back from the issuance date (${issuanceDate === null ? "not set" : issuanceDate}). Items not done by the report date (${asOf}) are overdue.</p>`,
    markup`<div class="timeline-wrap">${timelineSvg(report)}</div>`,
    markup`<p class="legend">${legend}</p>`,
    markup`<table class="timeline-table">`,
    markup`<thead><tr><th scope="col">Due</th><th scope="col">Office</th><th scope="col">Item</th><th scope="col">Severity</th><th scope="col">Status</th><th scope="col" class="num">Days before issuance</th></tr></thead>`,
    markup`<tbody>`,
    ...rows,
    markup`</tbody></table>`,
    markup`</section>`,
  );
}

// ---------------------------------------------------------------------------
// The offices, one after another (no forced page each: no half-empty pages).

function itemBlock(i: ReportItem, report: Report): SafeHtml {
  const evidence: Array<[string, HtmlValue]> = [];
  if (i.evidence.contact !== null) evidence.push(["Contact", i.evidence.contact]);
  if (i.evidence.date !== null) evidence.push(["Date", i.evidence.date]);
  if (i.evidence.document !== null) evidence.push(["Document", link(i.evidence.document)]);
  if (i.evidence.capacity !== null)
    evidence.push(["Confirmed capacity", formatNumber(i.evidence.capacity)]);
  if (i.evidence.missing.length)
    evidence.push([
      "Missing evidence",
      markup`<strong class="missing">${i.evidence.missing.join(", ")}</strong>`,
    ]);
  if (i.justification !== null) evidence.push(["Justification", brLines(i.justification)]);
  if (i.acceptedBy !== null) evidence.push(["Risk accepted by", i.acceptedBy]);
  if (i.rationale !== null) evidence.push(["Rationale", brLines(i.rationale)]);
  if (i.notes !== null) evidence.push(["Notes", brLines(i.notes)]);
  const rules = [...new Set(i.findings.map((f) => f.ruleId))];
  const head = join(
    [
      badge(itemLabel(i)),
      markup`<strong class="item-id">${i.id}</strong>`,
      markup`<span class="severity sev-${i.severity}">${SEVERITY[i.severity]}</span>`,
      i.dueDate ? markup`<span class="due">due ${i.dueDate}</span>` : "",
      i.overdue ? badge(OVERDUE) : "",
      rules.length ? markup`<span class="rules">${rules.join(", ")}</span>` : "",
    ].filter(present),
    " ",
  );
  return stack(
    markup`<div class="item status-${i.belowDemand ? "below-demand" : i.status}${i.overdue ? " is-overdue" : ""}">`,
    markup`<div class="item-head">${head}</div>`,
    markup`<p class="question">${oneLine(i.question)}</p>`,
    i.condition.expression !== null
      ? markup`<p class="muted small" title="${i.condition.expression}">${conditionSentence(i.condition, report.facts)}</p>`
      : EMPTY,
    evidence.length
      ? markup`<dl class="evidence">${evidence.map(([k, v]) => markup`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`
      : EMPTY,
    i.sources.length
      ? markup`<p class="sources">Sources: ${join(
          i.sources.map(
            (s) => markup`<a href="#src-${idToken(s.id)}" title="${oneLine(s.title)}">${s.id}</a>`,
          ),
          ", ",
        )}</p>`
      : EMPTY,
    markup`</div>`,
  );
}

function stakeholderArticle(
  s: StakeholderDetail,
  documented: ReadonlySet<string>,
  report: Report,
): SafeHtml {
  const applicable = s.items.filter((i) => i.applies === true);
  const other = s.items.filter((i) => i.applies !== true);
  const signers = join(
    s.signoff.signatures.map(
      (x) =>
        markup`${x.name}${x.title ? `, ${x.title}` : ""}, ${x.date}${x.keyId ? markup` <span class="muted">(key ${x.keyId})</span>` : ""}`,
    ),
    markup`<br>`,
  );
  const about = join(
    [
      markup`<span class="mono">${s.stakeholder}</span>`,
      s.agency ?? "",
      s.dependsOn.length
        ? markup`after ${join(
            s.dependsOn.map((d) => officeLink(d, d, documented)),
            ", ",
          )}`
        : "",
    ].filter(present),
    " · ",
  );
  const id = idToken(s.stakeholder);
  const condition = s.condition.expression;
  const sentence = conditionSentence(s.condition, report.facts);
  return stack(
    markup`<article class="stakeholder" id="s-${id}" aria-labelledby="h-s-${id}">`,
    markup`<h3 id="h-s-${id}"><span class="order">${s.order}</span> ${oneLine(s.name)}</h3>`,
    markup`<p class="about">${about}</p>`,
    condition === null
      ? markup`<p class="muted small">${sentence}</p>`
      : markup`<p class="muted small" title="${condition}">${sentence}</p>`,
    markup`<table class="decision-box"><tbody>`,
    markup`<tr><th scope="row">Decision</th><td>${badge(DECISION[s.decision.state])}</td><th scope="row">By</th><td>${dash(s.decision.by)}</td><th scope="row">Date</th><td>${dash(s.decision.date)}</td></tr>`,
    markup`<tr><th scope="row">Sign-off</th><td>${badge(SIGNOFF[s.signoff.state])}${s.signoff.required || s.signoff.state === "not-required" ? "" : markup`<span class="muted"> optional</span>`}</td><th scope="row">Signed by</th><td colspan="3">${signers.markup === "" ? NONE : signers}</td></tr>`,
    s.decision.comments
      ? markup`<tr><th scope="row">Comments</th><td colspan="5" class="comments">${brLines(s.decision.comments)}</td></tr>`
      : EMPTY,
    markup`</tbody></table>`,
    applicable.length
      ? markup`<div class="items">${join(
          applicable.map((i) => itemBlock(i, report)),
          NL,
        )}</div>`
      : EMPTY,
    other.length
      ? markup`<p class="not-applicable">Not applicable to this draft: ${join(
          other.map(
            (i) =>
              markup`<strong>${i.id}</strong> (${conditionSentence(i.condition, report.facts)})`,
          ),
          "; ",
        )}.</p>`
      : EMPTY,
    markup`</article>`,
  );
}

function stakeholdersSection(report: Report): SafeHtml {
  if (report.stakeholders.length === 0) return EMPTY;
  const documented = documentedOffices(report);
  return stack(
    markup`<section class="section stakeholders" aria-labelledby="h-stakeholders">`,
    markup`<h2 id="h-stakeholders">Stakeholders</h2>`,
    ...report.stakeholders.map((s) => stakeholderArticle(s, documented, report)),
    markup`</section>`,
  );
}

// ---------------------------------------------------------------------------
// Appendices: the policy text; scope, facts and digests.

/** The policy text as the report's appendix: Markdown headings, lists and paragraphs, as text. */
function policyAppendix(report: Report): SafeHtml {
  const { file } = report.draft;
  const text = report.draft.text ?? null;
  return stack(
    markup`<section class="section policy-text" aria-labelledby="h-policy">`,
    markup`<h2 id="h-policy">Appendix: policy text</h2>`,
    markup`<p class="lede">The text this record clears, from <span class="mono">${file}</span> (content digest <span class="mono digest">${report.digests.draft.contentDigest}</span>).</p>`,
    text === null || text.trim() === ""
      ? markup`<p class="policy-missing">The policy text is not held in the draft as text; see the document the draft names.</p>`
      : markup`<div class="policy">${policyBlocks(text)}</div>`,
    markup`</section>`,
  );
}

/** Markdown emphasis and quote markers are not shown: the words are what is cleared. */
function plainMarkdown(line: string): string {
  return line.replace(/^\s*>\s?/, "").replace(/(\*\*|__)(.+?)\1/g, "$2");
}

function policyBlocks(text: string): SafeHtml {
  const blocks = text
    .split("\n")
    .map(plainMarkdown)
    .join("\n")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) => {
      const heading = /^#{1,6}\s+(.*)$/s.exec(block);
      if (heading && !block.includes("\n")) return markup`<h4>${heading[1]!}</h4>`;
      const rows = block.split("\n");
      if (rows.every((l) => /^\s*([-*+]|\d+[.)])\s+/.test(l))) {
        const items = rows.map((l) => markup`<li>${l.replace(/^\s*([-*+]|\d+[.)])\s+/, "")}</li>`);
        return /^\s*\d/.test(rows[0]!) ? markup`<ol>${items}</ol>` : markup`<ul>${items}</ul>`;
      }
      return markup`<p>${rows.map((l) => l.trim()).join(" ")}</p>`;
    });
  return join(blocks, NL);
}

function appendix(report: Report): SafeHtml {
  const out: HtmlValue[] = [
    markup`<section class="section appendix" aria-labelledby="h-appendix">`,
    markup`<h2 id="h-appendix">Scope, facts and digests</h2>`,
  ];
  if (report.undecided.length) {
    out.push(
      markup`<h3>Undecided: facts missing (${report.undecided.length})</h3>`,
      markup`<table><thead><tr><th scope="col">Office</th><th scope="col">Condition</th><th scope="col">Missing facts</th></tr></thead><tbody>`,
      ...report.undecided.map(
        (s) =>
          markup`<tr><td>${s.name} <span class="muted">${s.stakeholder}</span></td><td><code>${s.condition.expression ?? "always"}</code></td><td>${s.condition.missing.join(", ") || (s.condition.error ?? "—")}</td></tr>`,
      ),
      markup`</tbody></table>`,
    );
  }
  out.push(
    markup`<h3>Ruled out (${plural(report.ruledOut.length, "office")}, ${plural(report.ruledOutItems.length, "item")})</h3>`,
  );
  if (report.ruledOut.length || report.ruledOutItems.length) {
    out.push(
      markup`<table><thead><tr><th scope="col">Office</th><th scope="col">Item</th><th scope="col">Why it does not apply</th></tr></thead><tbody>`,
      ...report.ruledOut.map(
        (s) =>
          markup`<tr><td>${s.name} <span class="muted">${s.stakeholder}</span></td><td>whole office</td><td>${conditionSentence(s.condition, report.facts)}<br><code>${conditionText(s.condition)}</code></td></tr>`,
      ),
      ...report.ruledOutItems.map(
        (i) =>
          markup`<tr><td>${i.name} <span class="muted">${i.stakeholder}</span></td><td>${i.item}</td><td>${conditionSentence(i.condition, report.facts)}<br><code>${conditionText(i.condition)}</code></td></tr>`,
      ),
      markup`</tbody></table>`,
    );
  } else {
    out.push(markup`<p>Every office and item the checklists name applies to this draft.</p>`);
  }
  if (report.sources.length) {
    out.push(
      markup`<h3>Sources</h3>`,
      markup`<dl class="source-list">`,
      ...report.sources.map(
        (s) =>
          markup`<dt id="src-${idToken(s.id)}" class="mono">${s.id}</dt><dd>${oneLine(s.title)}${
            s.href
              ? markup`<br><a href="${s.href}" rel="noopener noreferrer" class="url">${s.href}</a>`
              : s.url !== null
                ? markup`<br><span class="plain-ref">${s.url}</span> <span class="muted">(not linked: not an http(s) address)</span>`
                : ""
          }</dd>`,
      ),
      markup`</dl>`,
    );
  }
  if (report.facts.length) {
    out.push(
      markup`<h3>Facts</h3>`,
      markup`<table class="facts"><thead><tr><th scope="col">Fact</th><th scope="col">Value</th><th scope="col">Question</th><th scope="col">Given in</th></tr></thead><tbody>`,
      ...report.facts.map(
        (f) =>
          markup`<tr><td class="mono">${f.name}</td><td>${f.value === null ? markup`<strong class="missing">no value</strong>` : `${formatFactValue(f.value)}${f.unit ? ` ${f.unit}` : ""}`}</td><td>${f.question}</td><td>${dash(f.from)}</td></tr>`,
      ),
      markup`</tbody></table>`,
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
    markup`<h3>Digests</h3>`,
    markup`<p class="lede">The inputs this report was generated from.</p>`,
    markup`<table class="digests"><thead><tr><th scope="col">Input</th><th scope="col">sha256</th></tr></thead><tbody>`,
    ...rows.map(([k, v]) => markup`<tr><td>${k}</td><td class="mono digest">${v}</td></tr>`),
    markup`</tbody></table>`,
    markup`</section>`,
  );
  return stack(...out);
}

function footer(report: Report): SafeHtml {
  const version = report.generator.version ? ` ${report.generator.version}` : "";
  return markup`<footer class="colophon">Generated by preclear${version} as of ${report.asOf} from the inputs listed under Digests. Draft ${report.draft.id}.</footer>`;
}

// ---------------------------------------------------------------------------

/** report.css, then the page footer, which names the draft (escaped for a CSS string). */
function stylesheet(report: Report): string {
  const running = escapeCssString(`Clearance record: ${report.draft.id} (as of ${report.asOf})`);
  return `${REPORT_CSS}
@page{@bottom-left{content:"${running}";font:8pt "Liberation Serif",serif;color:#5f5f59}@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt "Liberation Serif",serif;color:#5f5f59}}
`;
}

// ---------------------------------------------------------------------------
// SPEC part two: roles, tasking, escalation, conditions, comments, scope-out.
// Only when the report has a lifecycle part (a v1 report has none); styled by
// the existing table and badge rules.

const ROLE_TEXT = { clear: "Clear", consult: "Consult", inform: "Inform" } as const;

function htmlTable(header: string[], rows: HtmlValue[][], className: string): SafeHtml {
  return stack(
    markup`<table class="${className}">`,
    markup`<thead><tr>${header.map((c) => markup`<th scope="col">${c}</th>`)}</tr></thead>`,
    markup`<tbody>`,
    ...rows.map((cells) => markup`<tr>${cells.map((c) => markup`<td>${c}</td>`)}</tr>`),
    markup`</tbody></table>`,
  );
}

function lifecycleSection(report: Report): SafeHtml {
  const l = report.lifecycle;
  if (!l) return EMPTY;
  const out: HtmlValue[] = [
    markup`<section class="section lifecycle" aria-labelledby="h-lifecycle">`,
    markup`<h2 id="h-lifecycle">Clearance lifecycle</h2>`,
    markup`<p class="lede">Each office's role and the level that must decide, when it was given notice or tasked, its suspense in business days, and how its decision came about.</p>`,
  ];
  out.push(
    htmlTable(
      ["#", "Office", "Role", "Level", "Notice", "Tasked", "Suspense", "Decision", "Comments"],
      l.offices.map((o) => {
        const t = o.tasking;
        return [
          String(o.order),
          markup`<a href="#s-${idToken(o.stakeholder)}">${o.name}</a>`,
          ROLE_TEXT[o.role],
          o.level,
          o.notice
            ? markup`${o.notice.date}${o.notice.means ? markup` <span class="muted">(${o.notice.means})</span>` : ""}`
            : o.role === "clear"
              ? dash(null)
              : badge(SIGNOFF.missing),
          t
            ? markup`${t.tasked}${t.tasker ? markup`<br><span class="muted">${t.tasker}</span>` : ""}`
            : dash(null),
          t?.suspense
            ? markup`${t.suspense}${t.suspenseComputed && t.businessDays !== null ? markup` <span class="muted">(${t.businessDays} business days)</span>` : ""}${t.extendedTo ? markup`<br>extended to ${t.extendedTo}` : ""}${t.overdue ? markup`<br>${badge(OVERDUE)}` : ""}`
            : dash(null),
          markup`${badge(DECISION[o.decision.state])}${o.decision.summary !== DECISION[o.decision.state].text.toLowerCase() ? markup`<br>${o.decision.summary}` : ""}${o.decision.level ? markup`<br><span class="muted">at ${o.decision.level} level</span>` : ""}`,
          o.comments.total
            ? markup`${o.comments.total} <span class="muted">(${o.comments.unresolved} unresolved)</span>`
            : dash(null),
        ];
      }),
      "lifecycle-table",
    ),
  );
  for (const o of l.offices) {
    const e = o.escalation;
    if (!e) continue;
    const by = e.decidedBy ? markup`${e.decidedBy.name} (${e.decidedBy.title})` : "—";
    const what =
      o.decision.state === "decided-over-objection"
        ? markup`<strong>${o.name}: decided over objection</strong> by ${by}${e.decided ? markup` on ${e.decided}` : ""}.`
        : markup`<strong>${o.name}</strong>: non-concurrence elevated to ${e.to}${e.date ? markup` on ${e.date}` : ""}: ${e.outcome}${e.valid ? "" : " (not by an official in escalateTo)"}${e.decidedBy ? markup`, decided by ${by}` : ""}.`;
    out.push(
      markup`<blockquote class="escalation"><p>${what}</p>${e.rationale ? markup`<p>Rationale: ${brLines(e.rationale)}</p>` : ""}${e.dissent ? markup`<p>Dissent: ${brLines(e.dissent)}</p>` : ""}</blockquote>`,
    );
  }
  if (l.conditions.length) {
    const open = l.conditions.filter((c) => c.status === "open").length;
    out.push(
      markup`<h3>Conditions of concurrence (${open} open)</h3>`,
      htmlTable(
        ["Office", "Condition", "What", "Owner", "Due", "Status"],
        l.conditions.map((c) => [
          c.name,
          c.id,
          c.text,
          dash(c.owner),
          markup`${dash(c.due)}${c.overdue ? markup` ${badge(OVERDUE)}` : ""}`,
          c.status === "open" ? badge(ITEM_STATUS.open) : badge(ITEM_STATUS.satisfied),
        ]),
        "conditions-table",
      ),
    );
  }
  if (l.comments.length) {
    const unresolved = l.comments.filter((c) => c.unresolved).length;
    out.push(
      markup`<h3>Comment resolution (${unresolved} unresolved)</h3>`,
      htmlTable(
        [...COMMENT_COLUMNS],
        l.comments.map((c) => [
          c.name,
          c.id,
          c.type,
          dash(c.location),
          brLines(c.text),
          c.proposed === null ? dash(null) : brLines(c.proposed),
          c.disposition,
          c.response === null ? dash(null) : brLines(c.response),
          `${c.resolution}${c.unresolved ? " ⭕" : " ✅"}`,
        ]),
        "comments-table",
      ),
    );
  }
  if (l.scopeOuts.length) {
    out.push(
      markup`<h3>Scope-out confirmations</h3>`,
      htmlTable(
        ["Office", "Ruled out by", "Confirmed by", "Date", "Basis"],
        l.scopeOuts.map((s) => [
          markup`${s.name} <span class="muted">${s.stakeholder}</span>`,
          markup`<code>${s.ruledOutBy}</code>`,
          s.confirmation
            ? s.confirmation.confirmedBy
            : s.confirmRequired
              ? badge(SIGNOFF.missing)
              : dash(null),
          dash(s.confirmation?.date ?? null),
          dash(s.confirmation?.basis ?? null),
        ]),
        "scope-out-table",
      ),
    );
  }
  out.push(markup`</section>`);
  return stack(...out);
}
