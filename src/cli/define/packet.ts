/** `preclear packet <draft>` (implementation: ../commands/packet.ts). */
import type { Command } from "commander";
import type { PacketFlags } from "../commands/packet.js";
import type { CommandDefinition } from "./registry.js";

export const packet: CommandDefinition = (program, { globals, io, wrap }) => {
  program
    .command("packet")
    .description(
      "clearance packet for an office outside the repository: packet.html and response.yaml",
    )
    .argument("<draft>", "the draft")
    .option("--stakeholder <id>", "the office to send the packet to")
    .option("--all", "one packet per applicable office (in DIR/<id>/)")
    .option(
      "-o, --output <dir>",
      "directory for the packet (default <id>-packet, or packets with --all)",
    )
    .option("--no-record", "do not record the notice and tasking in the review")
    .option("--actor <name>", "who is recording (default: git user.name, then the OS user)")
    .action(
      wrap(async (draft: string, flags: PacketFlags, command: Command) => {
        const { packetCommand } = await import("../commands/packet.js");
        return packetCommand(draft, flags, globals(command), io);
      }),
    );
};
