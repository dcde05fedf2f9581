/**
 * The trust list (`kind: TrustedKeys`): which public key may sign for which
 * stakeholders. `trustedKeys` in preclear.config.yaml names one file or a
 * directory of them; a broken list is an invalid configuration (kind "unevaluable").
 */
import type { KeyObject } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Config } from "../load/config.js";
import { PreclearError } from "../diagnostics.js";
import type { Diagnostic, Location } from "../diagnostics.js";
import { parsePublicKey, samePublicKey } from "./keys.js";
import { decodeUtf8, readInputBytes } from "../load/files.js";
import { displayPath } from "../load/paths.js";
import { validateAgainst } from "../load/schemas.js";
import { DEFAULT_LIMITS, diagnosticAt, locate, parseYaml } from "../load/yaml.js";
import type { LoadLimits } from "../load/yaml.js";

export interface TrustedKey {
  id: string;
  publicKey: KeyObject;
  /** Stakeholder ids this key may sign for. */
  stakeholders: string[];
  owner?: string;
  /** First date sign-offs with this key are trusted (YYYY-MM-DD). */
  notBefore?: string;
  /** Last date sign-offs with this key are trusted (the official's departure). */
  notAfter?: string;
  /** Revoked: sign-offs dated on or after this date are not trusted. */
  revoked?: { date: string; reason?: string };
  /** Where the key is listed. */
  location: Location;
}

export interface TrustedKeys {
  /** The file or directory the list was read from. */
  source: string;
  keys: Map<string, TrustedKey>;
}

interface TrustedKeysFile {
  keys: Array<{
    id: string;
    publicKey: string;
    stakeholders: string[];
    owner?: string;
    notBefore?: string;
    notAfter?: string;
    revoked?: { date: string; reason?: string };
  }>;
}

/**
 * The trust list the config names, or undefined when it names none. Problems
 * name files relative to `cwd` when given.
 */
export function loadTrustedKeysFor(config: Config, cwd?: string): TrustedKeys | undefined {
  return config.trustedKeys ? loadTrustedKeys(config.trustedKeys, config.limits, cwd) : undefined;
}

/** Load a trusted-keys file or directory. Throws PreclearError ("unevaluable") with every problem. */
export function loadTrustedKeys(
  source: string,
  limits: LoadLimits = DEFAULT_LIMITS,
  cwd?: string,
): TrustedKeys {
  const shown = (file: string) => (cwd === undefined ? file : displayPath(file, cwd));
  let files: string[];
  try {
    files = statSync(source).isDirectory()
      ? readdirSync(source)
          .filter((name) => /\.(ya?ml|json)$/i.test(name) && !name.startsWith("."))
          .sort()
          .map((name) => path.join(source, name))
      : [source];
  } catch (error) {
    throw new PreclearError(
      {
        location: { file: shown(source), line: 1, column: 1 },
        message: `cannot read the trusted keys named by trustedKeys in preclear.config.yaml: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      },
      "unevaluable",
    );
  }
  const trust: TrustedKeys = { source, keys: new Map() };
  const diagnostics: Diagnostic[] = [];
  for (const key of privateKeysUnder(source)) {
    diagnostics.push({
      location: { file: shown(key), line: 1, column: 1 },
      message:
        "a private key in the trusted-keys directory: move it out (keys belong in ~/.config/preclear/keys), never commit it, and make a new key if it ever was",
    });
  }
  for (const file of files) {
    try {
      addFile(trust, file, shown(file), limits, diagnostics);
    } catch (error) {
      if (!(error instanceof PreclearError)) throw error;
      diagnostics.push(...error.diagnostics);
    }
  }
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "unevaluable");
  return trust;
}

function addFile(
  trust: TrustedKeys,
  file: string,
  shown: string,
  limits: LoadLimits,
  diagnostics: Diagnostic[],
): void {
  const text = decodeUtf8(
    shown,
    readInputBytes(file, limits.maxBytes, "trusted keys", shown, "unevaluable"),
    "unevaluable",
  );
  const loaded = parseYaml(shown, text, limits);
  const problems = validateAgainst("trusted-keys", loaded, loaded.value);
  if (problems.length > 0) {
    diagnostics.push(...problems);
    return;
  }
  const list = loaded.value as TrustedKeysFile;
  list.keys.forEach((entry, index) => {
    const location = locate(loaded, ["keys", index, "id"]);
    const previous = trust.keys.get(entry.id);
    if (previous) {
      diagnostics.push({
        location,
        message: `key id \`${entry.id}\` is also listed at ${previous.location.file}:${previous.location.line}; key ids must be unique`,
      });
    }
    const publicKey = parsePublicKey(entry.publicKey);
    if (typeof publicKey === "string") {
      diagnostics.push(
        diagnosticAt(loaded, ["keys", index, "publicKey"], `\`publicKey\` ${publicKey}`),
      );
      return;
    }
    const twin = [...trust.keys.values()].find((k) => samePublicKey(k.publicKey, publicKey));
    if (twin && twin !== previous) {
      // One key, two ids: which stakeholders it may sign for would depend on
      // the id the signer chose to write.
      diagnostics.push({
        location,
        message: `key \`${entry.id}\` has the same public key as \`${twin.id}\` (${twin.location.file}:${twin.location.line}); list each key once, with all its stakeholders`,
      });
      return;
    }
    if (previous) return;
    const key: TrustedKey = { id: entry.id, publicKey, stakeholders: entry.stakeholders, location };
    if (entry.owner !== undefined) key.owner = entry.owner;
    if (entry.notBefore !== undefined) key.notBefore = entry.notBefore;
    if (entry.notAfter !== undefined) key.notAfter = entry.notAfter;
    if (entry.revoked !== undefined) key.revoked = entry.revoked;
    trust.keys.set(entry.id, key);
  });
}

/** `.key` files anywhere under a trusted-keys directory (none for a single file). */
function privateKeysUnder(source: string): string[] {
  try {
    if (!statSync(source).isDirectory()) return [];
    return (readdirSync(source, { recursive: true }) as string[])
      .filter((name) => /\.key$/i.test(name))
      .sort()
      .map((name) => path.join(source, name));
  } catch {
    return [];
  }
}

/**
 * Why `key` cannot be trusted for a sign-off dated `date`, if it cannot: trust
 * is judged as of the sign-off's date, so a departed official's earlier
 * sign-offs stay valid while new ones with the key are refused.
 */
export function keyNotTrustedOn(key: TrustedKey, date: string): string | undefined {
  if (key.revoked && date >= key.revoked.date) {
    return `key \`${key.id}\` was revoked on ${key.revoked.date}${key.revoked.reason ? ` (${key.revoked.reason})` : ""}; the sign-off is dated ${date}`;
  }
  if (key.notBefore && date < key.notBefore) {
    return `key \`${key.id}\` is trusted from ${key.notBefore}; the sign-off is dated ${date}`;
  }
  if (key.notAfter && date > key.notAfter) {
    return `key \`${key.id}\` was trusted until ${key.notAfter}; the sign-off is dated ${date}`;
  }
  return undefined;
}

/** The trusted key with this public key, if any (to name a signer's key). */
export function trustedKeyFor(trust: TrustedKeys, publicKey: KeyObject): TrustedKey | undefined {
  return [...trust.keys.values()].find((k) => samePublicKey(k.publicKey, publicKey));
}
