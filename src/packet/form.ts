/**
 * The fill-in form of packet.html (on screen only; the printed packet keeps
 * its paper forms): it saves `response.json` on the office's own machine.
 * Its one script is inline and allowed by the page's Content-Security-Policy
 * through its sha256 hash only; it makes no request (connect-src is 'none'),
 * reads the packet's data from a JSON block, and builds the response from the
 * form with textContent and value only — never innerHTML.
 */
import { createHash } from "node:crypto";
import type { Packet } from "./model.js";
import { markup, raw } from "../report/html-template.js";
import type { SafeHtml } from "../report/html-template.js";

const STATUSES = ["open", "in-progress", "satisfied", "not-applicable", "risk-accepted"];
const COMMENT_ROWS = 5;

/** The script, as a constant: its hash goes into the CSP. */
export const FORM_SCRIPT = `
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("packet-data").textContent);
  var form = document.getElementById("response-form");
  var status = document.getElementById("form-status");
  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? String(field.value).trim() : "";
  }
  function put(target, key, text) {
    if (text !== "") target[key] = text;
  }
  function build() {
    var response = {
      apiVersion: "preclear/v1",
      kind: "Response",
      draft: data.draft,
      stakeholder: data.stakeholder,
      version: data.version,
      respondent: { name: value("respondent.name") }
    };
    put(response.respondent, "title", value("respondent.title"));
    put(response.respondent, "level", value("respondent.level"));
    response.respondent.date = value("respondent.date");
    var items = {};
    data.items.forEach(function (id) {
      var item = { status: value("item." + id + ".status") };
      ["contact", "date", "document", "notes", "justification", "acceptedBy", "rationale"].forEach(function (f) {
        put(item, f, value("item." + id + "." + f));
      });
      var capacity = value("item." + id + ".capacity");
      if (capacity !== "") item.capacity = Number(capacity);
      if (item.status !== "open" || Object.keys(item).length > 1) items[id] = item;
    });
    if (Object.keys(items).length > 0) response.items = items;
    var comments = [];
    for (var n = 1; n <= ${COMMENT_ROWS}; n++) {
      var text = value("comment." + n + ".text");
      if (text === "") continue;
      var comment = { id: "c" + n, type: value("comment." + n + ".type") || "substantive", text: text };
      put(comment, "location", value("comment." + n + ".location"));
      put(comment, "proposed", value("comment." + n + ".proposed"));
      comments.push(comment);
    }
    if (comments.length > 0) response.comments = comments;
    if (value("decision.status") !== "") {
      response.decision = { status: value("decision.status") };
      put(response.decision, "comments", value("decision.comments"));
    }
    return response;
  }
  function problem(response) {
    if (response.respondent.name === "") return "Give your name.";
    if (!/^\\d{4}-\\d{2}-\\d{2}$/.test(response.respondent.date)) return "Give the date of your answer.";
    if (response.decision && response.decision.status !== "concur" && !response.decision.comments)
      return "A " + response.decision.status + " decision needs comments.";
    return "";
  }
  document.getElementById("save-response").addEventListener("click", function () {
    var response = build();
    var message = problem(response);
    if (message !== "") {
      status.textContent = message;
      return;
    }
    var blob = new Blob([JSON.stringify(response, null, 2) + "\\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "response.json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = "Saved response.json: send it to " + data.returnTo + ".";
  });
})();
`;

export const FORM_SCRIPT_HASH = `sha256-${createHash("sha256").update(FORM_SCRIPT, "utf8").digest("base64")}`;

/** JSON inside <script type="application/json">: no `<` can end the element. */
function jsonBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const input = (name: string, label: string, type = "text", value = ""): SafeHtml =>
  markup`<label>${label} <input type="${type}" name="${name}" value="${value}"></label>`;

export function formSection(packet: Packet): SafeHtml {
  const data = {
    draft: packet.draft.id,
    stakeholder: packet.stakeholder.id,
    version: packet.cover.version,
    items: packet.items.map((i) => i.id),
    returnTo: packet.cover.pointOfContact ?? packet.cover.from,
  };
  const items = packet.items.map((item, index) => {
    const recorded = item.recorded;
    const current = recorded?.status ?? "open";
    return markup`<fieldset class="form-item">
<legend>2.${index + 1} <code>${item.id}</code></legend>
<label>Status <select name="item.${item.id}.status">${STATUSES.map((s) => (s === current ? markup`<option selected>${s}</option>` : markup`<option>${s}</option>`))}</select></label>
${input(`item.${item.id}.contact`, "Contact", "text", recorded?.contact ?? "")}
${input(`item.${item.id}.date`, "Date", "date", recorded?.date ?? "")}
${input(`item.${item.id}.document`, "Evidence (link or document)", "text", recorded?.document ?? "")}
${item.demand ? input(`item.${item.id}.capacity`, `Confirmed capacity${item.demand.unit ? ` (${item.demand.unit})` : ""}`, "number", recorded?.capacity === undefined ? "" : String(recorded.capacity)) : ""}
<label>Notes <textarea name="item.${item.id}.notes" rows="2">${recorded?.notes ?? ""}</textarea></label>
</fieldset>
`;
  });
  const comments = Array.from({ length: COMMENT_ROWS }, (_, i) => i + 1).map(
    (n) => markup`<fieldset class="form-comment">
<legend>Comment c${n}</legend>
<label>Type <select name="comment.${n}.type"><option>substantive</option><option>critical</option><option>administrative</option></select></label>
${input(`comment.${n}.location`, "Location")}
<label>Comment <textarea name="comment.${n}.text" rows="2"></textarea></label>
<label>Proposed change <textarea name="comment.${n}.proposed" rows="2"></textarea></label>
</fieldset>
`,
  );
  const decision =
    packet.stakeholder.role === "clear"
      ? markup`<fieldset><legend>Decision</legend>
<label>Decision <select name="decision.status"><option value="">(none yet)</option><option>concur</option><option>concur-with-comments</option><option>non-concur</option></select></label>
<label>Comments <textarea name="decision.comments" rows="2"></textarea></label>
</fieldset>`
      : "";
  return markup`<section class="fill-in" id="fill-in">
<h2>Answer on screen</h2>
<p class="meta">Fill in and save <code>response.json</code> on this computer, then send it back. Nothing is sent from this page.</p>
<script type="application/json" id="packet-data">${raw(jsonBlock(data))}</script>
<form id="response-form" autocomplete="off">
<fieldset><legend>Who answers</legend>
${input("respondent.name", "Name")}
${input("respondent.title", "Title")}
<label>Level <select name="respondent.level"><option>staff</option><option>principal</option></select></label>
${input("respondent.date", "Date", "date")}
</fieldset>
${items}
${comments}
${decision}
<p><button type="button" id="save-response">Save response.json</button> <output id="form-status" role="status"></output></p>
</form>
<script>${raw(FORM_SCRIPT)}</script>
</section>`;
}
