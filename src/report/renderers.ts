/** The report's renderers, by the name `report --format` takes. */
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import type { Report } from "./model.js";

export const REPORT_FORMATS = ["markdown", "html", "json"] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_RENDERERS: Record<ReportFormat, (report: Report) => string> = {
  markdown: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};
