/**
 * The clearance record as a Word document (SPEC section 14, `report --format
 * docx`), for circulation where Word is the norm: the clearance sheet, the
 * comment-resolution matrix, open conditions of conditional concurrences,
 * and signature lines. Made with the `docx` package; text is cleaned of
 * control characters (illegal in XML) and the package escapes the rest.
 *
 * Comments and conditions are read from the review records of the
 * evaluation (the report model does not carry them yet).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Evaluation } from "../core/evaluate/evaluate.js";
import { cleanText } from "./escape.js";
import { DECISION, SIGNOFF } from "./labels.js";
import type { Report } from "./model.js";

export interface DocxOptions {
  /** Marking in every page's header and footer (e.g. PRE-DECISIONAL — DELIBERATIVE). */
  marking?: string;
}

export interface CommentRow {
  office: string;
  id: string;
  type: string;
  location: string;
  text: string;
  proposed: string;
  disposition: string;
  response: string;
  resolution: string;
}

export interface ConditionRow {
  office: string;
  id: string;
  text: string;
  owner: string;
  due: string;
  status: string;
}

/** The comment-resolution matrix (SPEC section 12), in coordination order. */
export function commentMatrix(evaluation: Evaluation): CommentRow[] {
  return evaluation.stakeholders
    .filter((s) => s.applies !== false)
    .flatMap((s) =>
      (s.record?.comments ?? []).map((c) => ({
        office: s.stakeholder.name,
        id: c.id,
        type: c.type,
        location: c.location ?? "",
        text: c.text,
        proposed: c.proposed ?? "",
        disposition: c.disposition ?? "pending",
        response: c.response ?? "",
        resolution: c.resolution ?? "open",
      })),
    );
}

/** Conditions of conditional concurrences not yet met. */
export function openConditions(evaluation: Evaluation): ConditionRow[] {
  return evaluation.stakeholders
    .filter((s) => s.applies !== false)
    .flatMap((s) =>
      (s.record?.decision?.conditions ?? [])
        .filter((c) => (c.status ?? "open") === "open")
        .map((c) => ({
          office: s.stakeholder.name,
          id: c.id,
          text: c.text,
          owner: c.owner ?? "",
          due: c.due ?? "",
          status: c.status ?? "open",
        })),
    );
}

const text = (value: string | number | null | undefined) =>
  cleanText(value === null || value === undefined ? "" : String(value));

function cell(value: string, options: { bold?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    children: text(value)
      .split("\n")
      .map(
        (line) =>
          new Paragraph({
            children: [new TextRun({ text: line, bold: options.bold ?? false, size: 18 })],
          }),
      ),
    ...(options.shade ? { shading: { fill: "E7E6E6" } } : {}),
  });
}

/** Usable width of a landscape US Letter page with 1-inch margins, in twentieths of a point. */
const PAGE_WIDTH = 15840 - 2 * 1440;

/** A table with a header row repeated on each page; `weights` share out the page width. */
function table(header: string[], rows: string[][], weights: number[]): Table {
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / total) * PAGE_WIDTH));
  return new Table({
    width: { size: PAGE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h) => cell(h, { bold: true, shade: true })),
      }),
      ...rows.map((row) => new TableRow({ children: row.map((value) => cell(value)) })),
    ],
  });
}

function heading(
  title: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1,
): Paragraph {
  return new Paragraph({ text: text(title), heading: level });
}

function para(value: string, options: { italics?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: text(value), italics: options.italics ?? false })],
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: "000000" };

/** A signature block per office whose sign-off is required: signature, name and title, date. */
function signatureLines(report: Report): Array<Paragraph | Table> {
  const required = report.clearanceSheet.filter((row) => row.signoff.required);
  const widths = [0.45, 0.35, 0.2].map((f) => Math.floor(f * PAGE_WIDTH));
  return required.flatMap((row) => {
    const signed = row.signoff.signatures.at(-1);
    const filled = signed
      ? ["", `${signed.name}${signed.title ? `, ${signed.title}` : ""}`, signed.date]
      : ["", "", ""];
    const blank = (value: string) =>
      new TableCell({
        borders: { top: NO_BORDER, left: NO_BORDER, right: NO_BORDER, bottom: LINE },
        children: [
          new Paragraph({ spacing: { before: 360 }, children: [new TextRun(text(value))] }),
        ],
      });
    const label = (value: string) =>
      new TableCell({
        borders: { top: NO_BORDER, left: NO_BORDER, right: NO_BORDER, bottom: NO_BORDER },
        children: [new Paragraph({ children: [new TextRun({ text: value, size: 16 })] })],
      });
    return [
      new Paragraph({
        keepNext: true,
        spacing: { before: 240 },
        children: [new TextRun({ text: text(row.name), bold: true })],
      }),
      new Table({
        width: { size: PAGE_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        rows: [
          new TableRow({ cantSplit: true, children: filled.map(blank) }),
          new TableRow({
            cantSplit: true,
            children: ["Signature", "Name and title", "Date"].map(label),
          }),
        ],
      }),
    ];
  });
}

/** The Word document, as bytes. */
export async function renderDocx(
  report: Report,
  evaluation: Evaluation,
  options: DocxOptions = {},
): Promise<Buffer> {
  const { draft, summary } = report;
  const sheet = report.clearanceSheet.map((row) => [
    String(row.order),
    row.agency ? `${row.name} (${row.agency})` : row.name,
    [
      DECISION[row.decision.state].text,
      row.decision.by ? `by ${row.decision.by}` : "",
      row.decision.date ?? "",
    ]
      .filter(Boolean)
      .join("\n"),
    SIGNOFF[row.signoff.state].text,
    `${row.items.done} of ${row.items.applicable}`,
    String(row.items.open),
    String(row.items.overdue),
    String(row.blockingGaps),
  ]);
  const comments = commentMatrix(evaluation);
  const conditions = openConditions(evaluation);
  const marking = options.marking ? text(options.marking) : undefined;
  const markingParagraph = () =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: marking
        ? [new TextRun({ text: marking, bold: true, color: "7A0000", size: 18 })]
        : [],
    });
  const document = new Document({
    creator: "preclear",
    title: text(`Clearance record: ${draft.title}`),
    description: "Clearance sheet and comment-resolution matrix",
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        headers: { default: new Header({ children: [markingParagraph()] }) },
        footers: {
          default: new Footer({
            children: [
              markingParagraph(),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
                    size: 16,
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ text: "Pre-issuance clearance record", heading: HeadingLevel.TITLE }),
          heading(draft.title, HeadingLevel.HEADING_2),
          para(
            [
              `Draft ${draft.id}`,
              draft.issuer ? `issued by ${draft.issuer}` : "",
              draft.issuanceDate ? `planned issuance ${draft.issuanceDate}` : "",
              `as of ${report.asOf}`,
            ]
              .filter(Boolean)
              .join(" · "),
          ),
          para(
            summary.ready
              ? "Ready for issuance: no error-level finding."
              : `Not ready for issuance: ${summary.findings.error} error-level finding${summary.findings.error === 1 ? "" : "s"}.`,
          ),
          heading("Clearance sheet"),
          table(
            [
              "#",
              "Office",
              "Decision",
              "Sign-off",
              "Items done",
              "Open",
              "Overdue",
              "Blocking gaps",
            ],
            sheet,
            [4, 26, 20, 10, 8, 6, 7, 9],
          ),
          heading("Comment-resolution matrix"),
          comments.length === 0
            ? para("No comments recorded.", { italics: true })
            : table(
                [
                  "Office",
                  "No.",
                  "Type",
                  "Location",
                  "Comment",
                  "Proposed change",
                  "Disposition",
                  "Response",
                  "Resolution",
                ],
                comments.map((c) => [
                  c.office,
                  c.id,
                  c.type,
                  c.location,
                  c.text,
                  c.proposed,
                  c.disposition,
                  c.response,
                  c.resolution,
                ]),
                [13, 4, 12, 9, 20, 15, 10, 10, 11],
              ),
          heading("Open conditions"),
          conditions.length === 0
            ? para("No open conditions.", { italics: true })
            : table(
                ["Office", "No.", "Condition", "Owner", "Due", "Status"],
                conditions.map((c) => [c.office, c.id, c.text, c.owner, c.due, c.status]),
                [18, 5, 40, 17, 10, 10],
              ),
          heading("Signatures"),
          ...signatureLines(report),
          para(`Content digest of the policy text: ${report.digests.draft.contentDigest}`, {
            italics: true,
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
