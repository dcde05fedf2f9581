/** `preclear report <draft>` (implementation: ../commands/report.ts). */
import { Option } from "commander";
import type { Command } from "commander";
import { REPORT_FORMATS } from "../../report/formats.js";
import type { reportCommand } from "../commands/report.js";
import type { CommandDefinition } from "./registry.js";

export type ReportOptions = Parameters<typeof reportCommand>[1];

export const report: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("report")
    .description("clearance report: clearance sheet, gaps, capacity, timeline, coordination graph")
    .argument("<draft>", "the draft")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(REPORT_FORMATS)
        .default("markdown"),
    )
    .option("-o, --output <file>", "write the report to this file instead of stdout")
    .option(
      "--markdown-budget <chars>",
      "size limit of the Markdown report (default 65536, a GitHub comment)",
    )
    .action(
      wrap(async (draft: string, options: ReportOptions, command: Command) => {
        const { reportCommand } = await import("../commands/report.js");
        return reportCommand(draft, options, globals(command), io);
      }),
    );
};
