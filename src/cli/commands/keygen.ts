/**
 * `preclear keygen`: an Ed25519 key pair for signing sign-offs. The private
 * key goes to a 0600 file and is never printed; the public key is printed and
 * written as a TrustedKeys document that drops into the trust list.
 */
import path from "node:path";
import { localToday } from "../../core/evaluate/dates.js";
import { KEY_ID_PATTERN, writeKeyPair } from "../../core/signing/keys.js";
import { displayPath } from "../../core/load/paths.js";
import { UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export async function keygenCommand(
  options: { id: string; output?: string },
  _globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  if (!KEY_ID_PATTERN.test(options.id)) {
    throw new UsageError(
      `--id must be lower-case letters, digits or dashes (at most 128), got "${options.id}"`,
    );
  }
  const dir = path.resolve(io.cwd, options.output ?? ".");
  const written = writeKeyPair(dir, options.id, localToday());
  const shown = (file: string) => displayPath(file, io.cwd);
  io.stdout.write(
    [
      `Private key: ${shown(written.privateKeyFile)} (mode 0600; keep it secret, never commit it)`,
      `Public key:  ${shown(written.publicKeyFile)}`,
      "",
      written.publicKeyPem.trimEnd(),
      "",
      `Next: put ${path.basename(written.publicKeyFile)} in the trusted keys (trustedKeys in preclear.config.yaml)`,
      "and list the stakeholders it may sign for; then sign with",
      `  preclear signoff <draft> --stakeholder <id> --name <name> --title <title> --key ${shown(written.privateKeyFile)}`,
      "",
    ].join("\n"),
  );
  return 0;
}
