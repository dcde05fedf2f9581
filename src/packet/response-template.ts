/**
 * response.yaml: the `kind: Response` an office fills in with any text
 * editor. Every question, its guidance and what evidence is asked for are
 * YAML comments above the item; what the review already records is
 * pre-filled, so an office only changes what it answers.
 */
import type { Packet, PacketItem } from "./model.js";
import { cleanText } from "../report/escape.js";
import { formatNumber } from "../core/numbers.js";

/** A YAML scalar: JSON's double-quoted strings are valid YAML. */
function scalar(value: string | number): string {
  return typeof value === "number" ? String(value) : JSON.stringify(cleanText(value));
}

/** Text as `#` comment lines, wrapped at about 78 columns. */
function comment(text: string, indent: string, width = 78): string[] {
  const lines: string[] = [];
  for (const paragraph of cleanText(text)
    .trim()
    .split(/\n\s*\n/)) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      if (line !== "" && indent.length + 2 + line.length + 1 + word.length > width) {
        lines.push(`${indent}# ${line}`);
        line = word;
      } else {
        line = line === "" ? word : `${line} ${word}`;
      }
    }
    if (line !== "") lines.push(`${indent}# ${line}`);
  }
  return lines;
}

const RESPONSE_FIELDS = [
  "contact",
  "date",
  "document",
  "capacity",
  "availableOn",
  "notes",
  "justification",
  "acceptedBy",
  "acceptedByLevel",
  "rationale",
] as const;

function itemLines(item: PacketItem, n: number): string[] {
  const lines = ["", ...comment(`2.${n} ${item.question}`, "  ")];
  if (item.dueDate) lines.push(`  # Due ${item.dueDate}; severity ${item.severity}.`);
  if (item.demand) {
    // As the packet's HTML shows it: at most two decimals, grouped (690.79, not 690.7894736842105).
    const value = item.demand.value === null ? "not yet known" : formatNumber(item.demand.value);
    lines.push(`  # Projected demand: ${value}${item.demand.unit ? ` ${item.demand.unit}` : ""}.`);
  }
  if (item.evidence.length > 0) lines.push(`  # Please give: ${item.evidence.join(", ")}.`);
  const recorded = item.recorded;
  lines.push(`  ${item.id}:`);
  lines.push(
    `    status: ${recorded?.status ?? "open"} # satisfied | in-progress | open | not-applicable | risk-accepted`,
  );
  for (const field of RESPONSE_FIELDS) {
    const value = recorded?.[field];
    if (value !== undefined) lines.push(`    ${field}: ${scalar(value)}`);
  }
  const asked = item.evidence.filter(
    (e) => e !== "notes" && recorded?.[e as keyof typeof recorded] === undefined,
  );
  for (const field of asked) lines.push(`    # ${field}:`);
  return lines;
}

export function renderResponseTemplate(packet: Packet): string {
  const { cover, stakeholder } = packet;
  const lines = [
    `# Response of the ${stakeholder.name} to the clearance packet for`,
    ...comment(packet.draft.title, ""),
    "#",
    ...comment(
      `Fill in this file with any text editor and return it to ${cover.pointOfContact ?? cover.from}${cover.suspense ? ` by ${cover.suspense}` : ""}. Lines starting with # are explanations; keep the first five fields as they are: they say which draft, office and version you answer.`,
      "",
    ),
    `# ${cover.marking}`,
    "",
    "apiVersion: preclear/v1",
    "kind: Response",
    `draft: ${scalar(packet.draft.id)}`,
    `stakeholder: ${scalar(stakeholder.id)}`,
    `version: ${scalar(cover.version)} # fingerprint ${cover.fingerprint}`,
    "",
    "# Who answers. level: staff, or principal (the head of the office or a deputy).",
    "respondent:",
    '  name: "" # your name',
    '  title: "" # your title',
    "  level: staff",
    '  date: "" # YYYY-MM-DD, the date of this answer',
    "",
    "# One entry per question (section 2 of the packet).",
    packet.items.length === 0 ? "items: {}" : "items:",
    ...packet.items.flatMap((item, i) => itemLines(item, i + 1)),
    "",
    "# Comments on the policy text (section 3 of the packet). One entry each:",
    "#  - id: c1                      # c1, c2, …",
    "#    type: critical              # critical | substantive | administrative",
    '#    location: "§ Direction, ¶ 2" # a heading of the policy text, or free text',
    "#    text: What is wrong or missing.",
    "#    proposed: The change you propose.",
    "comments: []",
    "",
  ];
  if (stakeholder.role === "clear") {
    lines.push(
      "# Your office's decision (section 4). Uncomment and fill in:",
      "# decision:",
      "#   status: concur              # concur | concur-with-comments | non-concur",
      "#   comments: Required for concur-with-comments and non-concur.",
      "#   by: Name, Title",
      "#   date: YYYY-MM-DD",
      "#   level: principal",
      "",
    );
  }
  return `${lines.join("\n")}`;
}
