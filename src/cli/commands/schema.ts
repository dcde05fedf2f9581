import { readSchema } from "../../core/load/schemas.js";
import type { SchemaName } from "../../core/load/schemas.js";
import type { CliIO } from "../io.js";

export async function schemaCommand(kind: SchemaName, io: CliIO): Promise<number> {
  io.stdout.write(`${JSON.stringify(readSchema(kind), null, 2)}\n`);
  return 0;
}
