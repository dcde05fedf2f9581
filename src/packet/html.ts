/**
 * packet.html: one self-contained, printable page per packet — no script,
 * no external request (the same Content-Security-Policy as the report), the
 * marking on every printed page, the cover on page 1, then the policy text,
 * the office's items and the comment and decision forms to fill in by hand.
 * Everything from the draft, checklists and review goes through the `markup`
 * tag, which escapes it.
 */
import { formatNumber } from "../core/numbers.js";
import { CONTENT_SECURITY_POLICY } from "../report/html.js";
import { FORM_SCRIPT_HASH, formSection } from "./form.js";
import { escapeCssString, safeHref } from "../report/escape.js";
import { markdownToHtml } from "./markdown.js";
import type { Packet, PacketItem } from "./model.js";
import type { PolicyText } from "../core/load/policy-text.js";
import { markup, raw } from "../report/html-template.js";
import type { SafeHtml } from "../report/html-template.js";

export interface PacketHtmlOptions {
  /** The policy text; absent when the draft's document is not text (the packet says where it is). */
  policy?: PolicyText;
  /** Where the text is when it cannot be included (the document's path). */
  documentName?: string;
  /** File name of the response template sent with the packet. */
  responseFile?: string;
  generator?: string;
  /** The on-screen fill-in form that saves response.json (default true). */
  form?: boolean;
}

/**
 * The report's policy, plus — with the form — its one inline script by
 * hash; no request of any kind (connect-src falls back to 'none'), no form
 * submission, no <base>.
 */
export function packetCsp(form: boolean): string {
  return form
    ? `${CONTENT_SECURITY_POLICY}; script-src '${FORM_SCRIPT_HASH}'; form-action 'none'; base-uri 'none'`
    : CONTENT_SECURITY_POLICY;
}

const ROLE: Record<Packet["stakeholder"]["role"], string> = {
  clear: "Clearance: a decision (concur, concur with comments, non-concur) is requested",
  consult: "Consultation: your comments are requested; no decision is required",
  inform: "Notice: for your information; comments are welcome",
};

export function renderPacketHtml(packet: Packet, options: PacketHtmlOptions = {}): string {
  const { cover, draft, stakeholder } = packet;
  const title = `Clearance packet for ${stakeholder.name}: ${draft.title}`;
  const page = markup`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${packetCsp(options.form !== false)}" />
        <meta name="referrer" content="no-referrer" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="generator" content="${options.generator ?? "preclear"}" />
        <title>${title.replace(/\s+/g, " ")}</title>
        <style>
          ${raw(stylesheet(cover.marking))}
        </style>
      </head>
      <body>
        <div class="marking" aria-hidden="true">${cover.marking}</div>
        <main>
          ${coverPage(packet, options)} ${policySection(packet, options)} ${itemsSection(packet)}
          ${commentsSection(packet)} ${decisionSection(packet)}
          ${options.form === false ? "" : formSection(packet)}
        </main>
      </body>
    </html> `;
  return page.markup;
}

function coverPage(packet: Packet, options: PacketHtmlOptions): SafeHtml {
  const { cover, draft, stakeholder } = packet;
  const rows: Array<[string, string | SafeHtml | null]> = [
    ["From", cover.from],
    ["To", stakeholder.agency ? `${cover.to} (${stakeholder.agency})` : cover.to],
    ["Subject", draft.title],
    ["Asked", ROLE[stakeholder.role]],
    ["Tasking date", cover.tasked],
    ["Suspense", cover.suspense ?? "none set"],
    ["Planned issuance", draft.issuanceDate],
    ["Point of contact", cover.pointOfContact],
    ["Version sent", markup`<code class="digest">${cover.version}</code>`],
    ["Fingerprint", markup`<code class="fingerprint">${cover.fingerprint}</code>`],
  ];
  const applicable = packet.items.length;
  return markup`<section class="cover" id="cover">
    <p class="cover-marking">${cover.marking}</p>
    <p class="kicker">Clearance packet</p>
    <h1>${draft.title}</h1>
    <p class="to-line">for the ${stakeholder.name}</p>
    <table class="cover-table">
      <tbody>
        ${rows
          .filter(([, value]) => value !== null && value !== undefined)
          .map(
            ([label, value]) =>
              markup`<tr>
                <th scope="row">${label}</th>
                <td>${value}</td>
              </tr> `,
          )}
      </tbody>
    </table>
    <div class="instructions">
      <h2>How to answer</h2>
      <ol>
        <li>
          Read the policy text (section 1) and the ${applicable}
          question${applicable === 1 ? "" : "s"} for your office (section 2).
        </li>
        <li>
          Answer in
          ${options.responseFile ? markup`the enclosed <code>${options.responseFile}</code>` : "the response file enclosed"}
          with any text editor,
          ${options.form === false ? "" : markup`or on screen in the form at the end of this page (it saves <code>response.json</code>),`}
          or fill in the forms in this packet by hand.
        </li>
        <li>
          Give comments in section 3, each with its type: <strong>critical</strong> (you cannot
          concur unless it is resolved), <strong>substantive</strong> or
          <strong>administrative</strong>.
        </li>
        <li>
          Record your office's decision in section 4 and return everything to the point of
          contact${cover.suspense ? markup` by <strong>${cover.suspense}</strong>` : ""}.
        </li>
      </ol>
      <p class="note">
        Your answer is tied to the version above. If you receive a later version, answer that one: a
        response to an earlier version will be flagged as stale.
      </p>
    </div>
  </section>`;
}

/** A paragraph of plain text; a Word heading (marked `#` in the digested text) as its words. */
function plainParagraph(paragraph: string, kind: PolicyText["kind"]): string {
  const text = paragraph.trim();
  return kind === "docx" ? text.replace(/^#{1,6} /, "") : text;
}

function policySection(packet: Packet, options: PacketHtmlOptions): SafeHtml {
  const policy = options.policy;
  const body = policy
    ? policy.kind === "markdown"
      ? raw(markdownToHtml(policy.text, 2))
      : markup`${policy.text
          .split(/\n{2,}/)
          .filter((p) => p.trim() !== "")
          .map((p) => markup`<p>${plainParagraph(p, policy.kind)}</p> `)}`
    : markup`<p class="note">
        The policy text is in ${options.documentName ?? "the document sent with this packet"}; it is
        not reproduced here.
      </p>`;
  return markup`<section class="policy page" id="policy">
    <h2>1. The policy text</h2>
    <p class="meta">
      Version <code>${packet.cover.fingerprint}</code> — the text your answer applies to.
    </p>
    <div class="policy-text">${body}</div>
  </section>`;
}

function itemsSection(packet: Packet): SafeHtml {
  const items = packet.items;
  return markup`<section class="items page" id="items">
    <h2>2. Questions for the ${packet.stakeholder.name}</h2>
    ${packet.stakeholder.description ? markup`<p class="meta">${packet.stakeholder.description}</p>` : ""}
    ${items.length === 0 ? markup`<p>No item applies to your office for this draft; a decision (or your comments) is all that is asked.</p>` : ""}
    ${items.map((item, index) => itemBlock(item, index + 1))}
  </section>`;
}

const STATUS_CHOICES = ["satisfied", "in-progress", "open", "not-applicable", "risk-accepted"];

function itemBlock(item: PacketItem, n: number): SafeHtml {
  const facts: Array<[string, string | SafeHtml]> = [
    ["Item", markup`<code>${item.id}</code>`],
    ["Severity", item.severity],
  ];
  if (item.dueDate) facts.push(["Due", item.dueDate]);
  if (item.demand) {
    const value =
      item.demand.value === null
        ? "not yet known (facts missing)"
        : `${formatNumber(item.demand.value)}${item.demand.unit ? ` ${item.demand.unit}` : ""}`;
    facts.push([
      "Projected demand",
      markup`${value} <span class="muted">(${item.demand.expression})</span>`,
    ]);
  }
  if (item.evidence.length > 0) facts.push(["Asked to give", item.evidence.join(", ")]);
  if (item.recorded) {
    facts.push([
      "Recorded so far",
      `${item.recorded.status}${item.recorded.date ? ` (${item.recorded.date})` : ""}${item.recorded.capacity !== undefined ? `, capacity ${formatNumber(item.recorded.capacity)}` : ""}`,
    ]);
  }
  return markup`<article class="item" id="item-${item.id}">
    <h3><span class="n">2.${n}</span> ${item.question}</h3>
    ${item.applies ? "" : markup`<p class="note">May apply: facts are missing to decide; answer it if it concerns your office.</p>`}
    <dl class="item-facts">
      ${facts.map(
        ([label, value]) =>
          markup`<dt>${label}</dt>
            <dd>${value}</dd> `,
      )}
    </dl>
    ${
      item.guidance
        ? markup`<div class="guidance">
            <h4>Guidance</h4>
            ${raw(markdownToHtml(item.guidance, 4))}
          </div>`
        : ""
    }
    ${
      item.sources.length > 0
        ? markup`<div class="sources">
            <h4>Sources</h4>
            <ul>
              ${item.sources.map((s) => markup`<li>${sourceLink(s.title, s.url)}${s.pinpoint ? `, ${s.pinpoint}` : ""}</li>`)}
            </ul>
          </div>`
        : ""
    }
    <div class="answer">
      <p class="choices">${STATUS_CHOICES.map((c) => markup`<span class="box">☐ ${c}</span> `)}</p>
      <p class="line">Contact:</p>
      <p class="line">Date:</p>
      ${item.demand ? markup`<p class="line">Confirmed capacity${item.demand.unit ? ` (${item.demand.unit})` : ""}:</p>` : ""}
      <p class="line">Evidence / notes:</p>
    </div>
  </article> `;
}

function sourceLink(title: string, url: string | null): SafeHtml {
  const href = safeHref(url);
  return href
    ? markup`<a href="${href}" rel="noopener noreferrer">${title}</a>
        <span class="url">${href}</span>`
    : markup`${title}`;
}

function commentsSection(packet: Packet): SafeHtml {
  const rows = [1, 2, 3, 4, 5, 6].map(
    (n) =>
      markup`<tr>
        <td>c${n}</td>
        <td></td>
        <td></td>
        <td></td>
        <td></td>
      </tr> `,
  );
  return markup`<section class="comments page" id="comments">
    <h2>3. Comments of the ${packet.stakeholder.name}</h2>
    <p class="meta">
      Type: <strong>critical</strong> (a non-concurrence unless resolved),
      <strong>substantive</strong>, or <strong>administrative</strong>. Location: a section heading
      or "§ 2, ¶ 3".
    </p>
    <table class="comment-form">
      <thead>
        <tr>
          <th>No.</th>
          <th>Type</th>
          <th>Location</th>
          <th>Comment</th>
          <th>Proposed change</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

function decisionSection(packet: Packet): SafeHtml {
  const role = packet.stakeholder.role;
  return markup`<section class="decision" id="decision">
    <h2>4. Decision</h2>
    ${role === "clear" ? markup`<p class="choices"><span class="box">☐ Concur</span> <span class="box">☐ Concur with comments</span> <span class="box">☐ Non-concur</span></p>` : markup`<p>No decision is required of your office (${role}); sign below to acknowledge receipt.</p>`}
    <p class="line">Conditions or remarks:</p>
    <div class="signature-block">
      <p class="sig">Name</p>
      <p class="sig">Title</p>
      <p class="sig">☐ Staff ☐ Principal</p>
      <p class="sig">Date</p>
      <p class="sig">Signature</p>
    </div>
    <p class="meta">Version answered: <code>${packet.cover.version}</code></p>
  </section>`;
}

/** The marking goes in the page margins of every printed page (CSS page-margin boxes). */
function stylesheet(marking: string): string {
  const text = escapeCssString(marking);
  const box = "font-family: sans-serif; font-size: 9pt; font-weight: bold; color: #7a0000;";
  return `${STYLE}
@page {
  size: letter;
  margin: 0.9in 0.75in;
  @top-center { content: "${text}"; ${box} }
  @bottom-center { content: "${text}"; ${box} }
  @bottom-right { content: counter(page) " of " counter(pages); font-family: sans-serif; font-size: 9pt; color: #444; }
}`;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 11pt/1.45 "Liberation Serif", "Times New Roman", Georgia, serif; color: #111; background: #fff; }
main { max-width: 46rem; margin: 0 auto; padding: 3rem 1.5rem; }
h1 { font-size: 20pt; margin: .2rem 0; }
h2 { font-size: 14pt; border-bottom: 1px solid #444; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 12pt; margin: 0 0 .4rem; }
h4 { font-size: 10.5pt; margin: .6rem 0 .2rem; }
.cover-table td code { overflow-wrap: anywhere; word-break: break-all; }
code { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 9pt; }
.digest { overflow-wrap: anywhere; word-break: break-all; }
.cover-table { table-layout: fixed; }
.marking { text-align: center; font: bold 9pt sans-serif; letter-spacing: .08em; color: #7a0000; padding-top: .5rem; }
.cover-marking { text-align: center; font: bold 12pt sans-serif; letter-spacing: .1em; color: #7a0000; border: 2px solid #7a0000; padding: .3rem; }
.kicker { text-transform: uppercase; letter-spacing: .12em; font: 10pt sans-serif; color: #444; margin-top: 1.5rem; }
.to-line { font-size: 13pt; margin-top: 0; }
.cover-table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
.cover-table th { text-align: left; width: 10rem; vertical-align: top; padding: .3rem .5rem .3rem 0; font: 10pt sans-serif; color: #333; }
.cover-table td { padding: .3rem 0; border-bottom: 1px solid #ddd; }
.instructions h2 { font-size: 12pt; }
.note { font-style: italic; color: #333; }
.meta, .muted { color: #444; }
.policy-text { border-left: 3px solid #999; padding-left: 1rem; }
.policy-text h3, .policy-text h4 { margin-top: 1rem; }
.item { border: 1px solid #bbb; padding: .6rem .8rem; margin: 1rem 0; break-inside: avoid; }
.item .n { color: #555; margin-right: .3rem; }
.item-facts { display: grid; grid-template-columns: 9rem 1fr; gap: .1rem .6rem; margin: .4rem 0; font-size: 10pt; }
.item-facts dt { font-weight: bold; }
.item-facts dd { margin: 0; }
.guidance p, .sources ul { margin: .2rem 0; font-size: 10pt; }
.url { font-size: 8.5pt; color: #444; word-break: break-all; }
.choices .box { margin-right: 1rem; white-space: nowrap; }
.line { border-bottom: 1px solid #888; min-height: 1.6rem; margin: .3rem 0; font-size: 9.5pt; color: #444; }
.comment-form { border-collapse: collapse; width: 100%; font-size: 10pt; }
.comment-form th, .comment-form td { border: 1px solid #666; padding: .3rem; vertical-align: top; }
.comment-form td { height: 4.5rem; }
.comment-form th:nth-child(1) { width: 3rem; } .comment-form th:nth-child(2) { width: 7rem; } .comment-form th:nth-child(3) { width: 6rem; }
.decision { break-inside: avoid; }
.signature-block { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem 2rem; margin-top: 1.5rem; }
.sig { border-top: 1px solid #111; padding-top: .2rem; margin-top: 2rem; font: 9pt sans-serif; }
.fill-in fieldset { border: 1px solid #bbb; margin: .6rem 0; padding: .4rem .8rem; }
.fill-in label { display: block; margin: .25rem 0; font-size: 10pt; }
.fill-in input, .fill-in select, .fill-in textarea { font: inherit; margin-left: .3rem; }
.fill-in textarea, .fill-in input[type="text"] { width: 70%; }
.fill-in button { font: bold 11pt sans-serif; padding: .4rem 1rem; }
@media print {
  .fill-in { display: none; }
  .marking { display: none; }
  main { max-width: none; padding: 0; }
  .page { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
`;
