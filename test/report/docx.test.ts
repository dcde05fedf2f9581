/**
 * `report --format docx`: the clearance record as a Word document, opened
 * the way a recipient without Word would — LibreOffice headless converts it
 * to PDF — and read back: the clearance sheet, the comment-resolution
 * matrix, open conditions and signature lines are there. Needs the Debian
 * package libreoffice-writer-nogui (soffice) and poppler-utils (pdftotext).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ReviewStore } from "../../src/review/store.js";
import { newExample } from "../packet/helpers.js";
import type { Example } from "../packet/helpers.js";

const SOFFICE = process.env.PRECLEAR_SOFFICE ?? "soffice";
const squeeze = (text: string) => text.replace(/\s+/g, "");

function toPdf(docx: string, outDir: string): string {
  const result = spawnSync(
    SOFFICE,
    [
      "--headless",
      `-env:UserInstallation=file://${path.join(outDir, "lo-profile")}`,
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      docx,
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  if (result.error) {
    throw new Error(
      `LibreOffice (soffice) could not run: ${result.error.message}; install the Debian package libreoffice-writer-nogui`,
    );
  }
  const pdf = path.join(outDir, path.basename(docx).replace(/\.docx$/, ".pdf"));
  if (!existsSync(pdf)) throw new Error(`soffice wrote no PDF: ${result.stderr}`);
  return pdf;
}

function pdfText(pdf: string): string {
  const result = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

describe("report --format docx", () => {
  let example: Example;
  beforeAll(async () => {
    example = newExample();
    const store = await ReviewStore.open(example.review, {
      draftId: "zero-tolerance-2018",
      actor: "clerk",
    });
    await store.updateStakeholder("hhs-orr", {
      comments: [
        {
          id: "c1",
          type: "critical",
          location: "§ Direction",
          text: "Tell ORR before the first separation, with projected numbers.",
          disposition: "rejected",
          response: "Out of scope for a charging memorandum.",
          resolution: "elevated",
        },
      ],
      decision: {
        status: "concur-with-comments",
        comments: "On condition of a tracking system.",
        conditions: [
          {
            id: "k1",
            text: "A shared parent-child tracking record",
            owner: "DHS",
            due: "2018-04-30",
          },
        ],
      },
    });
    await store.updateStakeholder("usms", {
      decision: {
        status: "non-concur",
        comments: "Detention beds fall short of the projection.",
        by: "Assistant Director",
        date: "2018-03-28",
      },
    });
  }, 60_000);
  afterAll(() => example.remove());

  test("needs an output file", async () => {
    const result = await example.cli(["report", "zero-tolerance-2018.md", "-f", "docx"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("-o FILE.docx");
  });

  test("converts with LibreOffice to a PDF showing the sheet, the comment matrix, conditions and signature lines", async () => {
    const result = await example.cli([
      "--as-of",
      "2018-03-30",
      "report",
      "zero-tolerance-2018.md",
      "-f",
      "docx",
      "-o",
      "record.docx",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const docx = path.join(example.dir, "record.docx");
    expect(readFileSync(docx).subarray(0, 2).toString("latin1")).toBe("PK");

    const text = pdfText(toPdf(docx, example.dir));
    const flat = squeeze(text);
    expect(text).toContain("Pre-issuance clearance record");
    expect(flat).toContain(squeeze("Zero-Tolerance for Offenses Under 8 U.S.C. § 1325(a)"));
    // The clearance sheet: a row per applicable office, with its decision.
    expect(text).toContain("Clearance sheet");
    expect(flat).toContain("U.S.MarshalsService");
    expect(flat).toContain("HHSOfficeofRefugeeResettlement");
    expect(flat).toContain("Non-concur");
    // The comment-resolution matrix.
    expect(text).toContain("Comment-resolution matrix");
    expect(flat).toContain(
      squeeze("Tell ORR before the first separation, with projected numbers."),
    );
    expect(flat).toContain(squeeze("Out of scope for a charging memorandum."));
    expect(flat).toContain("rejected");
    expect(flat).toContain("elevated");
    // Open conditions and signature lines.
    expect(flat).toContain(squeeze("A shared parent-child tracking record"));
    expect(flat).toContain("2018-04-30");
    expect(text).toContain("Signatures");
    expect(text).toContain("Name and title");
  }, 180_000);
});
