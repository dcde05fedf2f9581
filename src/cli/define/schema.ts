/** `preclear schema <kind>` (implementation: ../commands/schema.ts). */
import { Argument } from "commander";
import { SCHEMA_NAMES } from "../../core/load/schema-names.js";
import type { SchemaName } from "../../core/load/schema-names.js";
import type { CommandDefinition } from "./registry.js";

export const schema: CommandDefinition = (program, { io, wrap }) => {
  program
    .command("schema")
    .description("print a JSON Schema")
    .addArgument(new Argument("<kind>", "which schema").choices(SCHEMA_NAMES))
    .action(
      wrap(async (kind: SchemaName) => {
        const { schemaCommand } = await import("../commands/schema.js");
        return schemaCommand(kind, io);
      }),
    );
};
