/** The report's renderers, by the name `report --format` takes. */
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import type { Report } from "./model.js";
import type { ReportExtras } from "./redlines.js";
import type { ReportFormat } from "./formats.js";

export { REPORT_FORMATS } from "./formats.js";
export type { ReportFormat } from "./formats.js";

export const REPORT_RENDERERS: Record<
  ReportFormat,
  (report: Report, extras?: ReportExtras) => string
> = {
  markdown: (report, extras = {}) =>
    renderMarkdown(report, extras.redlines ? { redlines: extras.redlines.markdown } : {}),
  html: (report, extras = {}) =>
    renderHtml(report, extras.redlines ? { redlines: extras.redlines.html } : {}),
  json: (report) => renderJson(report),
};
