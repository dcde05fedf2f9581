/** The report as JSON, valid against schemas/report.schema.json. */
import { jsonText } from "../core/terminal.js";
import type { Report } from "./model.js";

export function renderJson(report: Report): string {
  return `${jsonText(report, null, 2)}\n`;
}
