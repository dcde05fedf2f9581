/** The report's renderers, by the name `report --format` takes. */
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import type { Report } from "./model.js";
import type { ReportExtras } from "./redlines.js";
import type { ReportFormat } from "./formats.js";

export { REPORT_FORMATS } from "./formats.js";
export type { ReportFormat } from "./formats.js";

/** The text formats (docx is binary and needs the evaluation: ./docx.ts). */
export const REPORT_RENDERERS: Record<
  Exclude<ReportFormat, "docx">,
  (report: Report, extras?: ReportExtras) => string
> = {
  markdown: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};
