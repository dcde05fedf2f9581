/**
 * Ed25519 keys and sign-off signatures (docs/signing.md). A signature covers
 * the sign-off's digest — and through it the draft, facts, checklist and the
 * stakeholder's record — plus who signed, for whom, when and with which key.
 *
 * Private keys are handled only as KeyObjects and files: nothing here returns
 * or formats private key material, so no caller can print it by accident.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { closeSync, constants, existsSync, mkdirSync, openSync, writeSync } from "node:fs";
import { statSync } from "node:fs";
import path from "node:path";
import { PreclearError } from "../diagnostics.js";
import { FileReadError, readFailure, readRegularFile } from "../load/files.js";

/** A PEM Ed25519 private key is about 120 bytes; anything past this is not one. */
const MAX_KEY_FILE_BYTES = 64 * 1024;
import { canonicalJson } from "./digest.js";

/** Key ids name files and trust-list entries: no slashes, no surprises. */
export const KEY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,127}$/;

/**
 * Domain separation: the signed bytes say what they are, so a preclear key
 * cannot be talked into signing something another tool would accept, nor the
 * other way round.
 */
export const SIGNATURE_CONTEXT = "preclear-signoff/v1";

/** The fields a signature covers (besides SIGNATURE_CONTEXT). */
export interface SignedFields {
  digest: string;
  stakeholder: string;
  name: string;
  /** Omitted from the payload when the sign-off has no title. */
  title?: string;
  date: string;
  keyId: string;
}

/** The exact bytes that are signed: the canonical JSON of the fields and the context. */
export function signaturePayload(fields: SignedFields): Buffer {
  const payload: Record<string, string> = {
    context: SIGNATURE_CONTEXT,
    digest: fields.digest,
    stakeholder: fields.stakeholder,
    name: fields.name,
    date: fields.date,
    keyId: fields.keyId,
  };
  if (fields.title !== undefined) payload.title = fields.title;
  return Buffer.from(canonicalJson(payload), "utf8");
}

/** Sign, returning standard base64 (88 characters for Ed25519's 64 bytes). */
export function signFields(fields: SignedFields, privateKey: KeyObject): string {
  return sign(null, signaturePayload(fields), privateKey).toString("base64");
}

export type VerifyOutcome = { ok: true } | { ok: false; problem: string };

const ED25519_SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Verify a base64 signature. Only the canonical encoding of exactly 64 bytes
 * is accepted: base64 decoders ignore stray characters and unused bits, and a
 * signature that can be spelled two ways would let an edit go unnoticed.
 */
export function verifyFields(
  fields: SignedFields,
  signature: string,
  publicKey: KeyObject,
): VerifyOutcome {
  if (!ED25519_SIGNATURE_BASE64.test(signature)) {
    return {
      ok: false,
      problem: `the signature is not an Ed25519 signature in base64 (expected 88 characters, got ${signature.length})`,
    };
  }
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64 || bytes.toString("base64") !== signature) {
    return { ok: false, problem: "the signature is not canonical base64" };
  }
  let ok: boolean;
  try {
    ok = verify(null, signaturePayload(fields), publicKey, bytes);
  } catch {
    ok = false;
  }
  return ok
    ? { ok: true }
    : {
        ok: false,
        problem: `the signature does not verify with key \`${fields.keyId}\`: the signed fields were changed, or another key signed`,
      };
}

/** Parse an SPKI PEM public key; a string explains why it is not an Ed25519 key. */
export function parsePublicKey(pem: string): KeyObject | string {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch {
    return "is not a PEM public key (-----BEGIN PUBLIC KEY----- …, as written by preclear keygen)";
  }
  if (key.asymmetricKeyType !== "ed25519") {
    return `is a ${key.asymmetricKeyType ?? "unknown"} key, not an Ed25519 key`;
  }
  return key;
}

export function publicKeyPem(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

/** Same public key? (Compares the raw key bytes.) */
export function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  const raw = (k: KeyObject) =>
    (k.type === "private" ? createPublicKey(k) : k).export({ format: "jwk" }).x;
  return raw(a) === raw(b);
}

/** A private key file that is readable by others, as ssh would warn. */
export function keyFileTooOpen(file: string, platform: string): boolean {
  if (platform === "win32") return false;
  try {
    return (statSync(file).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

/**
 * Read an Ed25519 private key (PKCS#8 PEM). Errors never quote the file's
 * content: it is a secret.
 */
export function readPrivateKey(file: string, shown = file): KeyObject {
  const fail = (message: string) =>
    new PreclearError({ location: { file: shown, line: 1, column: 1 }, message }, "unevaluable");
  let text: Buffer;
  try {
    text = readRegularFile(file, MAX_KEY_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    throw fail(readFailure(error, "key"));
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: "pem" });
  } catch {
    throw fail(
      "not a private key: expected an unencrypted PKCS#8 PEM Ed25519 key, as written by preclear keygen",
    );
  } finally {
    text.fill(0);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw fail(
      `a ${key.asymmetricKeyType ?? "unknown"} key; preclear signs with Ed25519 keys only`,
    );
  }
  return key;
}

export interface WrittenKeyPair {
  id: string;
  /** The private key file (mode 0600). */
  privateKeyFile: string;
  /** A TrustedKeys document with this key, ready for the trust list. */
  publicKeyFile: string;
  publicKeyPem: string;
}

/**
 * Create an Ed25519 key pair in `dir`: `<id>.key` (PKCS#8 PEM, mode 0600) and
 * `<id>.pub.yaml` (a TrustedKeys document). Never overwrites a file.
 */
export function writeKeyPair(dir: string, id: string, created: string): WrittenKeyPair {
  if (!KEY_ID_PATTERN.test(id)) {
    throw new PreclearError(
      {
        location: { file: id, line: 1, column: 1 },
        message: "a key id must be lower-case letters, digits or dashes (at most 128)",
      },
      "unevaluable",
    );
  }
  const privateKeyFile = path.join(dir, `${id}.key`);
  const publicKeyFile = path.join(dir, `${id}.pub.yaml`);
  for (const file of [privateKeyFile, publicKeyFile]) {
    if (existsSync(file)) {
      throw new PreclearError(
        {
          location: { file, line: 1, column: 1 },
          message:
            "already exists; preclear keygen never overwrites a key (choose another --id or -o)",
        },
        "unevaluable",
      );
    }
  }
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const pem = publicKeyPem(publicKey);
  // O_EXCL: fail rather than follow a file (or symlink) created meanwhile;
  // the mode is set at creation so the key is never readable by others.
  writeExclusive(
    privateKeyFile,
    privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    0o600,
  );
  writeExclusive(publicKeyFile, trustedKeysDocument(id, pem, created), 0o644);
  return { id, privateKeyFile, publicKeyFile, publicKeyPem: pem };
}

function writeExclusive(file: string, text: string, mode: number): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** The public half as a trust-list document: copy it into the trusted-keys directory. */
export function trustedKeysDocument(id: string, pem: string, created: string): string {
  const indented = pem
    .trimEnd()
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return [
    `# Public key \`${id}\`, created by preclear keygen on ${created}.`,
    "# Put this file in the trusted-keys directory (or its entry in the trusted-keys",
    "# file) named by `trustedKeys` in preclear.config.yaml, and list the ids of the",
    "# stakeholders this key may sign for.",
    "apiVersion: preclear/v1",
    "kind: TrustedKeys",
    "keys:",
    `  - id: ${id}`,
    "    publicKey: |",
    indented,
    "    stakeholders: []",
    "",
  ].join("\n");
}
