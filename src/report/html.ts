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
  conditionText,
  DECISION,
  formatNumber,
  ITEM_STATUS,
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

/** Scripts, objects, frames, fonts, fetches: none. Styles inline only; images only data: URIs. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderHtml(report: Report): string {
  const title = `Clearance report: ${report.draft.title}`;
  const body = [
    titleBlock(report),
    clearanceSheet(report),
    gaps(report),
    graphSection(report),
    capacitySection(report),
    timelineSection(report),
    stakeholdersSection(report),
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
      `<td class="num">${row.items.done}/${row.items.applicable}${row.items.overdue ? `<br><span class="overdue-count">${row.items.overdue} overdue</span>` : ""}</td>` +
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

/** Pixel positions for the model's ranks and positions: each rank a centred row. */
export function layoutGraph(report: Report): GraphLayout {
  const { nodes, ranks } = report.coordinationGraph;
  const byRank = Array.from({ length: ranks }, (_, r) =>
    nodes.filter((n) => n.rank === r).sort((a, b) => a.position - b.position),
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
      `<td>${badge(ITEM_STATUS[e.status])}${e.overdue ? ` ${badge(OVERDUE, ` by ${h(plural(e.daysOverdue ?? 0, "day"))}`)}` : ""}</td>` +
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

function itemBlock(i: ReportItem): string {
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
    badge(ITEM_STATUS[i.status]),
    `<strong class="item-id">${h(i.id)}</strong>`,
    `<span class="severity sev-${i.severity}">${h(SEVERITY[i.severity])}</span>`,
    i.dueDate ? `<span class="due">due ${h(i.dueDate)}</span>` : "",
    i.overdue ? badge(OVERDUE) : "",
    rules.length ? `<span class="rules">${rules.map((r) => h(r)).join(", ")}</span>` : "",
  ].filter((x) => x !== "");
  return [
    `<div class="item status-${i.status}${i.overdue ? " is-overdue" : ""}">`,
    `<div class="item-head">${head.join(" ")}</div>`,
    `<p class="question">${h(oneLine(i.question))}</p>`,
    i.condition.expression !== null
      ? `<p class="muted small">Applies: ${h(conditionText(i.condition))}</p>`
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

function stakeholderArticle(s: StakeholderDetail, documented: ReadonlySet<string>): string {
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
    `<p class="muted small">Applies: ${h(conditionText(s.condition))}</p>`,
    '<table class="decision-box"><tbody>',
    `<tr><th scope="row">Decision</th><td>${badge(DECISION[s.decision.state])}</td><th scope="row">By</th><td>${dash(s.decision.by)}</td><th scope="row">Date</th><td>${dash(s.decision.date)}</td></tr>`,
    `<tr><th scope="row">Sign-off</th><td>${badge(SIGNOFF[s.signoff.state])}${s.signoff.required || s.signoff.state === "not-required" ? "" : '<span class="muted"> optional</span>'}</td><th scope="row">Signed by</th><td colspan="3">${signers || '<span class="none">—</span>'}</td></tr>`,
    s.decision.comments
      ? `<tr><th scope="row">Comments</th><td colspan="5" class="comments">${escapeHtmlLines(s.decision.comments)}</td></tr>`
      : "",
    "</tbody></table>",
    applicable.length ? `<div class="items">${applicable.map(itemBlock).join("\n")}</div>` : "",
    other.length
      ? `<p class="not-applicable">Not applicable to this draft: ${other.map((i) => `<strong>${h(i.id)}</strong> (${h(conditionText(i.condition))})`).join("; ")}.</p>`
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
    ...report.stakeholders.map((s) => stakeholderArticle(s, documented)),
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
          `<tr><td>${h(s.name)} <span class="muted">${h(s.stakeholder)}</span></td><td>whole office</td><td><code>${h(conditionText(s.condition))}</code></td></tr>`,
      ),
      ...report.ruledOutItems.map(
        (i) =>
          `<tr><td>${h(i.name)} <span class="muted">${h(i.stakeholder)}</span></td><td>${h(i.item)}</td><td><code>${h(conditionText(i.condition))}</code></td></tr>`,
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
  const tones = (Object.keys(TONE_FILL) as Tone[])
    .map(
      (t) =>
        `.tone-${t}{color:${TONE_FILL[t][1]};background:${TONE_FILL[t][0]};border-color:${TONE_FILL[t][1]}}`,
    )
    .join("\n");
  return `
:root{--ink:#1b1b19;--muted:#5f5f59;--rule:#8c8c85;--light:#d9d8d2;--paper:#fff;--accent:#1c2e4a}
*{box-sizing:border-box}
html{background:#e9e8e3;color:var(--ink)}
body{margin:0;overflow-wrap:anywhere;word-break:break-word;font:10.5pt/1.45 "Liberation Serif","Times New Roman",Times,"DejaVu Serif",serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.document{max-width:1060px;margin:24px auto;padding:40px 48px;background:var(--paper);box-shadow:0 1px 4px rgba(0,0,0,.25)}
h1,h2,h3{font-weight:700;color:var(--accent);line-height:1.2}
h1{font-size:20pt;margin:.2em 0 .5em}
h2{font-size:14pt;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--accent);text-transform:uppercase;letter-spacing:.04em}
h3{font-size:12pt;margin:1.2em 0 .4em}
a{color:#1f4e8a}
code,.mono{font-family:"Liberation Mono","DejaVu Sans Mono",monospace;font-size:.86em}
.muted{color:var(--muted)}
.small{font-size:.9em}
.none{color:var(--muted)}
.lede{color:var(--muted);margin:.2em 0 .8em}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}
th,td{border:1px solid var(--rule);padding:4px 6px;vertical-align:top;text-align:left;overflow-wrap:anywhere;word-break:break-word;min-width:0}
thead th{background:#ecebe6;font-size:.85em;text-transform:uppercase;letter-spacing:.03em}
thead{display:table-header-group}
tr{break-inside:avoid}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-flex;align-items:center;gap:4px;padding:1px 6px 1px 4px;border:1px solid;border-radius:3px;font:600 8.5pt/1.4 "Liberation Sans",Arial,"DejaVu Sans",sans-serif;white-space:nowrap;vertical-align:baseline}
.icon{flex:none}
${tones}
.title-block{border:3px double var(--accent);padding:16px 20px 12px;margin-bottom:18px}
.kicker{margin:0;font:700 9pt "Liberation Sans",Arial,sans-serif;letter-spacing:.18em;text-transform:uppercase;color:var(--muted)}
.meta{width:auto;margin:.4em 0}
.meta th,.meta td{border:none;padding:1px 14px 1px 0}
.meta th{font-weight:normal;color:var(--muted);white-space:nowrap}
.file{color:var(--muted);font-family:"Liberation Mono",monospace;font-size:.85em;margin-left:.5em}
.status-line{margin:.6em 0 0;padding:6px 8px;border-left:6px solid}
.status-line.blocked{border-color:#a1241a;background:#fbe4e2}
.status-line.ready{border-color:#1e6b34;background:#e3f1e6}
.status-line .badge{font-size:10pt}
.sheet td{height:3.1em}
.sheet .office-name{font-weight:700;color:var(--ink);text-decoration:none;display:block}
.sheet .office .muted{font-size:.85em}
.date{white-space:nowrap}
.sheet th.signature,.sheet td.signature{width:19%}
.sig-line{display:block;margin-top:2.2em;border-bottom:1px solid var(--ink)}
.sheet tr.decision-non-concur td:first-child{box-shadow:inset 4px 0 0 #a1241a}
.overdue-count{color:#a1241a;font-size:.85em}
.findings .where{font-family:"Liberation Mono",monospace;font-size:.8em;word-break:break-all}
.findings .rule{font-family:"Liberation Mono",monospace;font-size:.85em}
.graph-wrap,.timeline-wrap{overflow-x:auto;border:1px solid var(--light);padding:6px;background:#fcfcfa}
svg.graph,svg.timeline{display:block;max-width:100%;height:auto;margin:0 auto}
svg.graph .edge{fill:none;stroke:#4a4a45;stroke-width:1.1}
svg.graph text{font:11.5px "Liberation Sans",Arial,"DejaVu Sans",sans-serif;fill:#1b1b19}
svg.graph text.order{font-weight:700;fill:#1c2e4a}
svg.graph text.status{font-weight:700;font-size:11px}
svg.timeline text{font:11px "Liberation Sans",Arial,"DejaVu Sans",sans-serif;fill:#1b1b19}
svg.timeline .tick{fill:var(--muted);text-anchor:middle;font-size:10px}
svg.timeline .grid{stroke:#e1e0da;stroke-width:1}
svg.timeline .band{fill:#f4f3ef}
svg.timeline .issuance{stroke:#1c2e4a;stroke-width:2}
svg.timeline .asof{stroke:#a1241a;stroke-width:1.5;stroke-dasharray:5 3}
svg.timeline .marker-label{text-anchor:end;font-size:10px;font-weight:700}
svg.timeline .count{font-size:9px;font-weight:700}
.legend{font-size:.9em}
.legend-line{display:inline-block;width:18px;height:0;border-top:2px solid #1c2e4a;vertical-align:middle;margin-left:8px}
.legend-line.asof-key{border-top:2px dashed #a1241a}
.capacity-table tr.short td{background:#fdf0ee}
.shortfall{color:#a1241a}
svg.bar{display:block;margin-top:4px}
.timeline-table tr.overdue td{background:#fdf0ee}
.stakeholder{border-top:1px solid var(--rule);padding-top:.4em;margin-top:1.4em}
.stakeholder h3{font-size:13pt}
.order{display:inline-block;min-width:1.6em;padding:0 .3em;margin-right:.3em;border:1.5px solid var(--accent);border-radius:3px;text-align:center;font-size:.9em}
.about{margin:.1em 0}
.decision-box th{width:1%;white-space:nowrap;font-weight:normal;color:var(--muted);background:#f6f5f1}
.decision-box .comments{font-style:italic}
.item{border:1px solid var(--light);border-left:5px solid var(--rule);padding:6px 10px;margin:8px 0;break-inside:avoid}
.item.status-satisfied{border-left-color:#1e6b34}
.item.status-open{border-left-color:#a1241a}
.item.status-in-progress{border-left-color:#1f4e8a}
.item.status-risk-accepted{border-left-color:#8a5a00}
.item.status-not-applicable{border-left-color:#5f5f59}
.item.is-overdue{border-left-style:double;border-left-width:7px}
.item-head{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.item-id{font-family:"Liberation Mono",monospace;font-size:.95em}
.severity{font:600 8pt "Liberation Sans",Arial,sans-serif;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.severity.sev-blocker{color:#a1241a}
.due{font-size:.9em;color:var(--muted)}
.rules{font-family:"Liberation Mono",monospace;font-size:.8em;color:var(--muted)}
.question{margin:.3em 0}
.evidence{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:.3em 0}
.evidence dt{color:var(--muted)}
.evidence dd{margin:0;overflow-wrap:anywhere}
.missing{color:#a1241a}
.sources{font-size:.9em;margin:.3em 0 0}
.plain-ref{font-family:"Liberation Mono",monospace;font-size:.9em;overflow-wrap:anywhere}
.not-applicable{font-size:.9em;color:var(--muted)}
.digest{word-break:break-all}
.source-list{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px}
.source-list dd{margin:0}
.source-list .url{font-family:"Liberation Mono",monospace;font-size:.82em;word-break:break-all}
.colophon{margin-top:2em;padding-top:.6em;border-top:1px solid var(--rule);font-size:.85em;color:var(--muted)}
@page{margin:16mm 14mm 18mm;@bottom-left{content:"${running}";font:8pt "Liberation Serif",serif;color:#5f5f59}@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt "Liberation Serif",serif;color:#5f5f59}}
@page wide{size:landscape}
@media print{
html{background:none}
body{font-size:10pt}
.document{max-width:none;margin:0;padding:0;box-shadow:none}
a{color:inherit;text-decoration:none}
.section{break-before:page}
.graph-section{page:wide}
.graph-wrap,.timeline-wrap{overflow:visible;border:none;padding:0;background:none}
.stakeholder{break-before:page;border-top:none;margin-top:0}
.stakeholders .stakeholder:first-of-type{break-before:avoid}
.sheet td{height:3.6em}
.title-block{break-inside:avoid}
h2,h3{break-after:avoid}
}
`;
}
