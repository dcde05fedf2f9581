/**
 * Two ways to make a .docx with given paragraphs: with the `docx` package (as
 * a Word-like writer would), and by hand — a minimal WordprocessingML part,
 * each paragraph split into several runs with different formatting, zipped
 * with this file's own little zip writer. Same words, different bytes.
 */
import { crc32, deflateRawSync } from "node:zlib";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";

export interface Para {
  heading?: 1 | 2 | 3;
  text: string;
}

const LEVELS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/** A .docx written by the `docx` package. */
export async function docxFromPackage(paras: readonly Para[]): Promise<Buffer> {
  const doc = new Document({
    creator: "docx package",
    sections: [
      {
        children: paras.map((p) =>
          p.heading
            ? new Paragraph({ heading: LEVELS[p.heading], children: [new TextRun(p.text)] })
            : new Paragraph({ children: [new TextRun(p.text)] }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The paragraph's words split into runs of a few words, every other one bold, with odd spacing. */
function runs(text: string): string {
  const words = text.split(" ");
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 3) {
    const chunk = words.slice(i, i + 3).join(" ") + (i + 3 < words.length ? " " : "");
    const bold = (i / 3) % 2 === 1 ? "<w:rPr><w:b/></w:rPr>" : "";
    out.push(`<w:r>${bold}<w:t xml:space="preserve">${escapeXml(chunk)}</w:t></w:r>`);
  }
  return out.join("");
}

/** A .docx assembled by hand from minimal XML, deflated or stored as asked. */
export function docxByHand(
  paras: readonly Para[],
  options: { store?: boolean; extra?: Record<string, Buffer> } = {},
): Buffer {
  const body = paras
    .map((p) =>
      p.heading
        ? `<w:p><w:pPr><w:pStyle w:val="Heading${p.heading}"/></w:pPr>${runs(p.text)}</w:p>`
        : `<w:p><w:pPr><w:spacing w:after="120"/></w:pPr>${runs(p.text)}</w:p>`,
    )
    .join("\n");
  const files: Record<string, Buffer> = {
    "[Content_Types].xml": Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    "_rels/.rels": Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    "word/document.xml": Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
${body}
</w:body></w:document>`,
    ),
    ...options.extra,
  };
  return zip(files, options.store ?? false);
}

/** A zip archive of `files` (deflated unless `store`). */
export function zip(files: Record<string, Buffer>, store = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = store ? content : deflateRawSync(content);
    const nameBytes = Buffer.from(name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(store ? 0 : 8, 8);
    header.writeUInt32LE(crc32(content) >>> 0, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(content.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    locals.push(header, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(store ? 0 : 8, 10);
    central.writeUInt32LE(crc32(content) >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
