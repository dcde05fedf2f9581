/**
 * Sign-offs judged against the draft as it is now: is each one still bound
 * to the current digest (signoff-stale), and does its signature verify with a
 * key trusted for that stakeholder (signature-invalid)? Also what the
 * clearance sheet shows per stakeholder: valid / stale / missing / verified /
 * invalid.
 */
import { describePart, DigestError, PART_NAMES, signoffDigest } from "./digest.js";
import type { SignoffDigest } from "./digest.js";
import { describePartV2, digestVersionOf, signoffDigestV2 } from "./digest-v2.js";
export { digestVersionOf } from "./digest-v2.js";
import type { SignoffDigestV2 } from "./digest-v2.js";
import { amendmentChain, amendmentTrusted, reviewAmendments } from "../versions/amendments.js";
import { describeSnapshotChanges, readSnapshot } from "../versions/snapshots.js";
import type { Amendment } from "../versions/amendments.js";
import type { Evaluation, ItemEvaluation, StakeholderEvaluation } from "../evaluate/evaluate.js";
import { verifyFields } from "./keys.js";
import type { ExtraRule } from "../rules/lint.js";
import { signatureInvalid } from "../rules/signature-invalid.js";
import { signoffStale } from "../rules/signoff-stale.js";
import { signatureRequired } from "../rules/signature-required.js";
import { signoffOwnership } from "../rules/signoff-ownership.js";
import { keyNotTrustedOn } from "./trust.js";
import { DONE_STATUSES, signoffRequired, signoffState } from "../rules/state.js";
import type { SignoffState } from "../rules/state.js";
import type { TrustedKeys } from "./trust.js";
import type { Signoff } from "../types/review.js";

export interface SignatureCheck {
  keyId?: string;
  ok: boolean;
  /** Why it cannot be trusted, when it cannot. */
  problem?: string;
  /** The field to point at: the signature, or the keyId when the key is the problem. */
  field: "signature" | "keyId";
}

export interface SignoffJudgement {
  /** Position in the stakeholder's `signoffs` list. */
  index: number;
  signoff: Signoff;
  /** Which digest definition the sign-off uses (docs/digest.md). */
  digestVersion: 1 | 2;
  /** The recorded digest is the digest of the draft, checklist and record now. */
  current: boolean;
  /** Current only through technical amendments: how many since the sign-off, from which text. */
  amended?: { count: number; from: string; amendments: Amendment[] };
  /** The digest of the text signed (digest v2), whose snapshot shows what was signed. */
  signedText?: string;
  /** When the text changed since the sign-off: per section, what changed ("§ 2 Purpose: 1 paragraph changed"). */
  textChanges?: string;
  /** When not current: the parts that changed, if the sign-off records part digests. */
  changed?: string[];
  /** When not current: what changed, as a phrase. */
  staleReason?: string;
  /** Present when the sign-off carries a keyId or a signature. */
  signature?: SignatureCheck;
}

export interface StakeholderSignoffs {
  stakeholder: StakeholderEvaluation;
  state: SignoffState;
  detail: string;
  /** The digest a sign-off must carry now (absent when there are no sign-offs). */
  expected?: { digest: string; parts: Record<string, string> };
  /** Every sign-off, in file order; the last one is the one that counts. */
  signoffs: SignoffJudgement[];
}

export interface JudgeOptions {
  /** `technicalAmendments: allowed` in the config: sign-offs survive technical amendments. */
  technicalAmendments?: boolean;
}

/**
 * Judge the sign-offs of every stakeholder that applies (or that has
 * sign-offs and might apply), in coordination order. The last sign-off of a
 * stakeholder is the one that counts: earlier ones are kept as history. A
 * signature that cannot be trusted counts wherever it is.
 */
export function judgeSignoffs(
  evaluation: Evaluation,
  trust: TrustedKeys | undefined,
  options: JudgeOptions = {},
): StakeholderSignoffs[] {
  const result: StakeholderSignoffs[] = [];
  for (const s of evaluation.stakeholders) {
    const signoffs = s.record?.signoffs ?? [];
    if (s.applies === false || (s.applies !== true && signoffs.length === 0)) continue;
    const id = s.stakeholder.id;
    if (signoffs.length === 0) {
      result.push({
        stakeholder: s,
        state: signoffState({
          required: signoffRequired(s),
          count: 0,
          untrusted: false,
          stale: false,
          signed: false,
        }),
        detail: `no sign-off (${s.stakeholder.signoff})`,
        signoffs: [],
      });
      continue;
    }
    let expected: SignoffDigestV2 | undefined;
    let expectedV1: SignoffDigest | undefined;
    let digestProblem: string | undefined;
    try {
      expected = signoffDigestV2(evaluation, id);
      if (signoffs.some((x) => digestVersionOf(x) === 1))
        expectedV1 = signoffDigest(evaluation, id);
    } catch (error) {
      if (!(error instanceof DigestError)) throw error;
      digestProblem = error.message;
    }
    const judged = signoffs.map((signoff, index) => {
      const judgement: SignoffJudgement =
        digestVersionOf(signoff) === 1
          ? { index, signoff, digestVersion: 1, ...staleness(signoff, expectedV1, digestProblem) }
          : {
              index,
              signoff,
              digestVersion: 2,
              ...stalenessV2(evaluation, id, signoff, expected, digestProblem, options, trust),
            };
      const signature = checkSignature(signoff, id, trust);
      if (signature) judgement.signature = signature;
      return judgement;
    });
    const last = judged[judged.length - 1]!;
    const untrusted = judged.filter((j) => j.signature && !j.signature.ok);
    const state: SignoffState = signoffState({
      required: signoffRequired(s),
      count: judged.length,
      untrusted: untrusted.length > 0,
      stale: !last.current,
      signed: last.signature?.ok === true,
    });
    let detail: string;
    if (untrusted.length > 0) {
      detail = untrusted.map((j) => `sign-off ${j.index + 1}: ${j.signature!.problem}`).join("; ");
      if (!last.current) detail += `; the last sign-off is also stale: ${last.staleReason}`;
    } else if (!last.current) {
      detail = last.staleReason!;
    } else if (last.signature?.ok) {
      detail = `signed by ${last.signoff.name} on ${last.signoff.date}; signature verified (key ${last.signature.keyId})`;
    } else {
      detail = `signed off by ${last.signoff.name} on ${last.signoff.date}; digest matches; no signature`;
    }
    if (last.current && last.amended) {
      const n = last.amended.count;
      detail += `; valid, with ${n} technical amendment${n === 1 ? "" : "s"} since`;
    }
    const entry: StakeholderSignoffs = { stakeholder: s, state, detail, signoffs: judged };
    if (expected) entry.expected = { digest: expected.digest, parts: expected.parts };
    result.push(entry);
  }
  return result;
}

function staleness(
  signoff: Signoff,
  expected: SignoffDigest | undefined,
  digestProblem: string | undefined,
): Pick<SignoffJudgement, "current" | "changed" | "staleReason"> {
  if (!expected) return { current: false, staleReason: digestProblem ?? "no digest" };
  const recorded = signoff.parts;
  if (signoff.digest === expected.digest) {
    if (!recorded || PART_NAMES.every((p) => recorded[p] === expected.parts[p])) {
      return { current: true };
    }
    return {
      current: false,
      staleReason:
        "its part digests (`parts`) do not match its digest, so the entry was edited by hand",
    };
  }
  if (!recorded) {
    return {
      current: false,
      staleReason:
        "the draft text, the facts, the checklist or the stakeholder's record changed (the sign-off records no part digests to tell which)",
    };
  }
  const changed = PART_NAMES.filter((p) => recorded[p] !== expected.parts[p]);
  if (changed.length === 0) {
    return {
      current: false,
      changed,
      staleReason:
        "its digest does not match the parts it records, so the entry was edited by hand",
    };
  }
  const names = changed.map((p) => describePart(p));
  const phrase =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
  return { current: false, changed, staleReason: `${phrase} changed since the sign-off` };
}

function stalenessV2(
  evaluation: Evaluation,
  id: string,
  signoff: Signoff,
  expected: SignoffDigestV2 | undefined,
  digestProblem: string | undefined,
  options: JudgeOptions,
  trust: TrustedKeys | undefined,
): Pick<
  SignoffJudgement,
  "current" | "changed" | "staleReason" | "amended" | "signedText" | "textChanges"
> {
  const recorded = signoff.parts as Record<string, string> | undefined;
  const signedText = typeof recorded?.text === "string" ? { signedText: recorded.text } : {};
  if (!expected)
    return { current: false, staleReason: digestProblem ?? "no digest", ...signedText };
  const partsMatch = (want: Record<string, string>) => !recorded || sameParts(recorded, want);
  if (signoff.digest === expected.digest) {
    if (partsMatch(expected.parts)) return { current: true, ...signedText };
    return {
      current: false,
      ...signedText,
      staleReason:
        "its part digests (`parts`) do not match its digest, so the entry was edited by hand",
    };
  }
  const textChanges = () => describeTextChanges(evaluation, recorded?.text);
  if (options.technicalAmendments) {
    const chain = amendmentChain(
      reviewAmendments(evaluation.review).filter((a) => amendmentTrusted(a, trust)),
      evaluation.draft.contentDigest,
    );
    for (const link of chain) {
      const then = signoffDigestV2(evaluation, id, link.from);
      if (then.digest === signoff.digest && partsMatch(then.parts)) {
        const changes = textChanges();
        return {
          current: true,
          amended: link,
          ...signedText,
          ...(changes ? { textChanges: changes } : {}),
        };
      }
    }
  }
  if (!recorded) {
    return {
      current: false,
      staleReason:
        "the draft, its text, the facts, the checklist or the stakeholder's record changed (the sign-off records no part digests to tell which)",
    };
  }
  const keys = [...new Set([...Object.keys(recorded), ...Object.keys(expected.parts)])];
  const order = (k: string) =>
    k.startsWith("draft.") ? 0 : ["text", "facts", "checklist", "record"].indexOf(k) + 1;
  const changed = keys
    .filter((k) => recorded[k] !== expected.parts[k])
    .sort((a, b) => order(a) - order(b));
  if (changed.length === 0) {
    return {
      current: false,
      changed,
      ...signedText,
      staleReason:
        "its digest does not match the parts it records, so the entry was edited by hand",
    };
  }
  const names = changed.map(describePartV2);
  const phrase =
    names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
  const changes = changed.includes("text") ? textChanges() : undefined;
  return {
    current: false,
    changed,
    ...signedText,
    ...(changes ? { textChanges: changes } : {}),
    staleReason: `${phrase} changed since the sign-off${changes ? ` (${changes})` : ""}`,
  };
}

function sameParts(recorded: Record<string, string>, want: Record<string, string>): boolean {
  const a = Object.keys(recorded);
  return a.length === Object.keys(want).length && a.every((k) => recorded[k] === want[k]);
}

/**
 * What changed in the text since the version with digest `signed`, by
 * section, from its snapshot; or why that cannot be said.
 */
function describeTextChanges(
  evaluation: Evaluation,
  signed: string | undefined,
): string | undefined {
  const draft = evaluation.draft;
  if (!signed || signed === draft.contentDigest) return undefined;
  if (draft.text === undefined)
    return "its bytes changed; it is not a format preclear reads as text";
  return describeSnapshotChanges(readSnapshot(draft.file, signed), draft.text);
}

function checkSignature(
  signoff: Signoff,
  stakeholderId: string,
  trust: TrustedKeys | undefined,
): SignatureCheck | undefined {
  const { keyId, signature } = signoff;
  if (keyId === undefined && signature === undefined) return undefined;
  const fail = (problem: string, field: SignatureCheck["field"] = "signature"): SignatureCheck => ({
    ...(keyId === undefined ? {} : { keyId }),
    ok: false,
    problem,
    field,
  });
  if (keyId === undefined) return fail("it has a signature but no `keyId` naming the key");
  if (signature === undefined)
    return fail(`it names key \`${keyId}\` but has no signature`, "keyId");
  if (!trust) {
    return fail(
      `it is signed with key \`${keyId}\`, but no trusted keys are configured (set trustedKeys in preclear.config.yaml)`,
      "keyId",
    );
  }
  const key = trust.keys.get(keyId);
  if (!key) return fail(`key \`${keyId}\` is not in the trusted keys`, "keyId");
  if (!key.stakeholders.includes(stakeholderId)) {
    const allowed = key.stakeholders.length ? key.stakeholders.join(", ") : "no stakeholder";
    return fail(
      `key \`${keyId}\` is trusted to sign for ${allowed}, not for ${stakeholderId}`,
      "keyId",
    );
  }
  const expired = keyNotTrustedOn(key, signoff.date);
  if (expired) return fail(expired, "keyId");
  const fields = {
    digest: signoff.digest,
    stakeholder: stakeholderId,
    name: signoff.name,
    date: signoff.date,
    keyId,
    ...(signoff.title === undefined ? {} : { title: signoff.title }),
  };
  const outcome = verifyFields(fields, signature, key.publicKey);
  return outcome.ok ? { keyId, ok: true, field: "signature" } : fail(outcome.problem);
}

/** Applicable blocker items of a stakeholder that are not done (undecided ones count). */
export function openBlockers(s: StakeholderEvaluation): ItemEvaluation[] {
  return s.items.filter(
    (i) =>
      i.applies !== false &&
      i.item.severity === "blocker" &&
      !DONE_STATUSES.has(i.response?.status ?? "open"),
  );
}

/**
 * `signoff-stale`, `signature-invalid` (also for a sign-off in a review
 * fragment that does not own its stakeholder) and, when signatures are
 * required (config `requireSignatures`, on by default once `trustedKeys` is
 * set), `signature-required`, for lint's extraRules.
 */
export function signoffRules(
  trust: TrustedKeys | undefined,
  options: JudgeOptions & {
    requireSignatures?: boolean;
    owners?: Record<string, string[]>;
  } = {},
): ExtraRule[] {
  // Both rules read one judgement per evaluation.
  const cache = new WeakMap<Evaluation, StakeholderSignoffs[]>();
  const judged = (evaluation: Evaluation) => {
    let result = cache.get(evaluation);
    if (!result) {
      result = judgeSignoffs(evaluation, trust, options);
      cache.set(evaluation, result);
    }
    return result;
  };
  return [
    (evaluation, context) => signoffStale.checkJudged(evaluation, judged(evaluation), context),
    (evaluation, context) => signatureInvalid.checkJudged(evaluation, judged(evaluation), context),
    signoffOwnership(options.owners ?? {}),
    ...(options.requireSignatures
      ? [
          (evaluation: Evaluation, context: Parameters<ExtraRule>[1]) =>
            signatureRequired.checkJudged(evaluation, judged(evaluation), context),
        ]
      : []),
  ];
}
