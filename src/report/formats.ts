/** The names `report --format` takes (the renderers are in ./renderers.ts). */
export const REPORT_FORMATS = ["markdown", "html", "json", "docx"] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
