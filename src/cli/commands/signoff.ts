/**
 * `preclear signoff`: record a stakeholder's decision (optionally) and a
 * sign-off bound to the digest of the draft, checklist and the stakeholder's
 * record as written — optionally signed with an Ed25519 key.
 */
import { terminalLine } from "../../core/terminal.js";
import path from "node:path";
import process from "node:process";
import type { KeyObject } from "node:crypto";
import { DigestError } from "../../core/signing/digest.js";
import { DIGEST_V2, signoffDigestV2 } from "../../core/signing/digest-v2.js";
import type { SignoffDigestV2 } from "../../core/signing/digest-v2.js";
import { checkSnapshotTarget, keepSnapshot } from "../snapshots.js";
import { evaluate, loadBundle } from "../../core/evaluate/evaluate.js";
import type { Evaluation, StakeholderEvaluation } from "../../core/evaluate/evaluate.js";
import {
  KEY_ID_PATTERN,
  keyFileTooOpen,
  readPrivateKey,
  signFields,
} from "../../core/signing/keys.js";
import { displayPath } from "../../core/load/paths.js";
import { openBlockers } from "../../core/signing/signoff.js";
import { keyNotTrustedOn, loadTrustedKeysFor, trustedKeyFor } from "../../core/signing/trust.js";
import type { TrustedKeys } from "../../core/signing/trust.js";
import type { Decision, Signoff } from "../../core/types/review.js";
import { ReviewStore } from "../../review/store.js";
import { createContext, UsageError } from "../context.js";
import type { CommandContext, GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";

export interface SignoffFlags {
  stakeholder: string;
  name: string;
  title: string;
  decision?: Decision["status"];
  comments?: string;
  key?: string;
  force?: string;
  actor?: string;
}

export async function signoffCommand(
  file: string,
  flags: SignoffFlags,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const name = flags.name.trim();
  const title = flags.title.trim();
  if (!name) throw new UsageError("--name must not be empty");
  if (!title) throw new UsageError("--title must not be empty");
  const comments = flags.comments?.trim() || undefined;
  if (comments !== undefined && !flags.decision) {
    throw new UsageError("--comments goes with --decision; give the decision too");
  }
  if (flags.decision && flags.decision !== "concur" && !comments) {
    throw new UsageError(`a ${flags.decision} decision needs --comments`);
  }
  if (flags.force !== undefined && !flags.force.trim()) {
    throw new UsageError("--force needs a reason, which is recorded in the review's history");
  }

  const trust = loadTrustedKeysFor(context.config, io.cwd);
  // Read the key before writing anything: a bad key must not leave a
  // decision recorded without its sign-off.
  const signer = flags.key ? loadSigner(flags.key, trust, io) : undefined;

  let evaluation = loadEvaluation(file, context);
  const s = applicableStakeholder(evaluation, flags.stakeholder);
  const id = s.stakeholder.id;
  // A key the trust list does not accept for this stakeholder on this date
  // would record a sign-off that check reports as signature-invalid: refuse
  // it before anything is written (exit 1), not after with a warning.
  if (signer && trust) {
    const problem = untrusted(signer.keyId, id, context.asOf, trust);
    if (problem) {
      io.stderr.write(`preclear: ${problem}; nothing was recorded\n`);
      return 1;
    }
  }
  const blockers = openBlockers(s);
  if (blockers.length > 0 && flags.force === undefined) {
    const list = blockers
      .map((i) => `${id}/${i.item.id} (${i.response?.status ?? "open"})`)
      .join(", ");
    io.stderr.write(
      `preclear: ${id} still has open blocker items: ${list}; resolve them, or pass --force REASON to sign off anyway\n`,
    );
    return 1;
  }

  // Fail before writing anything if the record has no digest at all.
  digestFor(evaluation, id);
  checkSnapshotTarget(evaluation.draft);
  const store = await ReviewStore.open(evaluation.draft.reviewPath, {
    draftId: evaluation.draft.draft.id,
    create: true,
    ...(flags.actor ? { actor: flags.actor } : {}),
  });
  if (flags.decision) {
    const decision: Decision = {
      status: flags.decision,
      by: `${name}, ${title}`,
      date: context.asOf,
      ...(comments ? { comments } : {}),
    };
    await store.setDecision(id, decision);
    // The digest covers the record as written: read it back.
    evaluation = loadEvaluation(file, context);
  }

  const current = digestFor(evaluation, id);
  const signoff: Signoff = {
    name,
    title,
    date: context.asOf,
    digest: current.digest,
    digestVersion: DIGEST_V2,
  };
  if (signer) {
    signoff.keyId = signer.keyId;
    signoff.signature = signFields(
      {
        digest: current.digest,
        stakeholder: id,
        name,
        title,
        date: context.asOf,
        keyId: signer.keyId,
      },
      signer.key,
    );
    warnIfUntrusted(signer.keyId, id, trust, io);
  }
  signoff.parts = current.parts;
  const reason =
    blockers.length > 0 && flags.force !== undefined
      ? `forced over open blocker items (${blockers.map((i) => i.item.id).join(", ")}): ${flags.force.trim()}`
      : undefined;
  await store.addSignoff(id, signoff, reason === undefined ? {} : { reason });
  // The text signed, kept so a later reader can see what was signed.
  const snapshot = await keepSnapshot(evaluation.draft, (m) =>
    io.stderr.write(`preclear: warning: ${m}\n`),
  );

  const review = displayPath(evaluation.draft.reviewPath, io.cwd);
  io.stdout.write(
    `Signed off ${terminalLine(s.stakeholder.name)} (${id}) on ${evaluation.draft.draft.id} as ${terminalLine(name)}, ${terminalLine(title)}, ${context.asOf}` +
      `${flags.decision ? `, ${flags.decision}` : ""}${signer ? `, signed with key ${signer.keyId}` : ""}\n` +
      `  digest ${current.digest}\n  recorded in ${review}\n` +
      (snapshot
        ? `  text kept in ${displayPath(snapshot, io.cwd)} (commit it with the review)\n`
        : evaluation.draft.textFormat === "bytes"
          ? `  no text snapshot: ${path.extname(evaluation.draft.draft.document ?? "") || "this"} documents are digested by their bytes\n`
          : ""),
  );
  if (reason)
    io.stderr.write(`preclear: warning: ${terminalLine(reason)} (recorded in the history)\n`);
  else if (flags.force !== undefined) {
    io.stderr.write("preclear: note: --force was not needed: no blocker item is open\n");
  }
  return 0;
}

function digestFor(evaluation: Evaluation, id: string): SignoffDigestV2 {
  try {
    return signoffDigestV2(evaluation, id);
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    throw new UsageError(`${error.message}; fix it before signing off`);
  }
}

/**
 * Load and evaluate one draft. For a command on one draft, a draft that
 * cannot be evaluated is exit 2 (SPEC section 5); paths are shown relative
 * to the working directory.
 */
export function loadEvaluation(file: string, context: CommandContext): Evaluation {
  // A draft too broken to evaluate throws (kind "unevaluable": exit 2, with
  // paths shown relative, by src/cli/main.ts).
  const absolute = path.resolve(context.io.cwd, file);
  return evaluate(loadBundle(absolute, context.library, { allowOutside: context.allowOutside }));
}

function applicableStakeholder(evaluation: Evaluation, id: string): StakeholderEvaluation {
  const applicable = evaluation.stakeholders.filter((s) => s.applies === true);
  const valid = applicable.map((s) => s.stakeholder.id).join(", ") || "none";
  const s = evaluation.stakeholders.find((x) => x.stakeholder.id === id);
  const draft = evaluation.draft.draft.id;
  if (!s) {
    throw new UsageError(
      `no stakeholder \`${id}\` in the checklists of ${draft}; stakeholders that apply: ${valid}`,
    );
  }
  if (s.applies !== true) {
    const why =
      s.applies === false
        ? `does not apply to ${draft} (${s.condition.expression} is false)`
        : `may apply to ${draft}, but facts are missing to decide (${s.condition.missing.join(", ")})`;
    throw new UsageError(`stakeholder \`${id}\` ${why}; stakeholders that apply: ${valid}`);
  }
  return s;
}

export interface Signer {
  key: KeyObject;
  keyId: string;
}

/**
 * The key and its id: the id the trust list gives this public key, else the
 * key file's name (`<id>.key`, as keygen writes it).
 */
export function loadSigner(file: string, trust: TrustedKeys | undefined, io: CliIO): Signer {
  const absolute = path.resolve(io.cwd, file);
  const shown = displayPath(absolute, io.cwd);
  const key = readPrivateKey(absolute, shown);
  if (keyFileTooOpen(absolute, process.platform)) {
    io.stderr.write(
      `preclear: warning: ${shown} is readable by other users; chmod 600 it (it is a private key)\n`,
    );
  }
  const listed = trust ? trustedKeyFor(trust, key) : undefined;
  if (listed) return { key, keyId: listed.id };
  const stem = path.basename(absolute).replace(/\.(key|pem)$/i, "");
  if (!KEY_ID_PATTERN.test(stem)) {
    throw new UsageError(
      `cannot tell the key id of ${shown}: it is not in the trusted keys, and its file name is not <id>.key as preclear keygen writes it`,
    );
  }
  return { key, keyId: stem };
}

/** Why the trust list does not accept `keyId` for `stakeholder` on `date`, if it does not. */
function untrusted(
  keyId: string,
  stakeholder: string,
  date: string,
  trust: TrustedKeys,
): string | undefined {
  const key = trust.keys.get(keyId);
  if (!key) return `key ${keyId} is not in the trusted keys`;
  if (!key.stakeholders.includes(stakeholder)) {
    return `key ${keyId} is not trusted to sign for ${stakeholder}`;
  }
  return keyNotTrustedOn(key, date);
}

function warnIfUntrusted(
  keyId: string,
  stakeholder: string,
  trust: TrustedKeys | undefined,
  io: CliIO,
): void {
  const key = trust?.keys.get(keyId);
  const problem = !trust
    ? "no trusted keys are configured (trustedKeys in preclear.config.yaml)"
    : !key
      ? `key ${keyId} is not in the trusted keys`
      : !key.stakeholders.includes(stakeholder)
        ? `key ${keyId} is not trusted to sign for ${stakeholder}`
        : undefined;
  if (problem) {
    io.stderr.write(
      `preclear: warning: ${problem}; check and verify will report this sign-off as signature-invalid until the trust list allows it\n`,
    );
  }
}
