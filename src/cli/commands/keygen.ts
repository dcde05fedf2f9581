/**
 * `preclear keygen`: an Ed25519 key pair for signing sign-offs. The private
 * key goes to a 0600 file and is never printed; the public key is printed and
 * written as a TrustedKeys document that drops into the trust list.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { localToday } from "../../core/evaluate/dates.js";
import { KEY_ID_PATTERN, writeKeyPair } from "../../core/signing/keys.js";
import { displayPath } from "../../core/load/paths.js";
import { UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

/**
 * Where keys go by default: outside any project, so a private key is never
 * one `git add` from being published. `$XDG_CONFIG_HOME/preclear/keys`, else
 * `~/.config/preclear/keys` (HOME from the environment, so tests can move it).
 */
export function defaultKeyDir(env: Record<string, string | undefined>): string {
  const config = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config");
  return path.join(config, "preclear", "keys");
}

/** The git work tree holding `dir` (the nearest ancestor with `.git`), if any. */
export function gitWorkTree(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

export async function keygenCommand(
  options: { id: string; output?: string; force?: boolean },
  _globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  if (!KEY_ID_PATTERN.test(options.id)) {
    throw new UsageError(
      `--id must be lower-case letters, digits or dashes (at most 128), got "${options.id}"`,
    );
  }
  const dir = options.output ? path.resolve(io.cwd, options.output) : defaultKeyDir(io.env);
  const tree = gitWorkTree(dir);
  if (tree !== undefined && !options.force) {
    throw new UsageError(
      `${displayPath(dir, io.cwd)} is inside the git work tree ${displayPath(tree, io.cwd)}: a private key there is one \`git add\` from being published; omit -o (keys go to ${defaultKeyDir(io.env)}) or pass --force`,
    );
  }
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
