/**
 * Sign-offs judged against the draft as it is now: is each one still bound
 * to the current digest (signoff-stale), and does its signature verify with a
 * key trusted for that stakeholder (signature-invalid)? Also what the
 * clearance sheet shows per stakeholder: valid / stale / missing / verified /
 * invalid.
 */
import { checklistOverride } from "../rules/checklist-override.js";
import { signoffOwnership } from "../rules/signoff-ownership.js";
import { signatureRequired } from "../rules/signature-required.js";
import { describePart, DigestError, PART_NAMES, signoffDigest } from "./digest.js";
import type { PartName, SignoffDigest } from "./digest.js";
import { DONE_STATUSES } from "../evaluate/evaluate.js";
import type { Location } from "../diagnostics.js";
import type { Evaluation, ItemEvaluation, StakeholderEvaluation } from "../evaluate/evaluate.js";
import type { Finding } from "../rules/findings.js";
import { verifyFields } from "./keys.js";
import type { ExtraRule, RuleContext } from "../rules/lint.js";
import { keyNotTrustedOn } from "./trust.js";
import type { TrustedKeys } from "./trust.js";
import type { Signoff } from "../types/review.js";
import { locate } from "../load/yaml.js";
import type { PathSegment } from "../load/yaml.js";

export type SignoffState = "valid" | "stale" | "missing" | "verified" | "invalid";

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
  /** The recorded digest is the digest of the draft, checklist and record now. */
  current: boolean;
  /** When not current: the parts that changed, if the sign-off records part digests. */
  changed?: PartName[];
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
  expected?: SignoffDigest;
  /** Every sign-off, in file order; the last one is the one that counts. */
  signoffs: SignoffJudgement[];
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
): StakeholderSignoffs[] {
  const result: StakeholderSignoffs[] = [];
  for (const s of evaluation.stakeholders) {
    const signoffs = s.record?.signoffs ?? [];
    if (s.applies === false || (s.applies !== true && signoffs.length === 0)) continue;
    const id = s.stakeholder.id;
    if (signoffs.length === 0) {
      result.push({
        stakeholder: s,
        state: "missing",
        detail: `no sign-off (${s.stakeholder.signoff})`,
        signoffs: [],
      });
      continue;
    }
    let expected: SignoffDigest | undefined;
    let digestProblem: string | undefined;
    try {
      expected = signoffDigest(evaluation, id);
    } catch (error) {
      if (!(error instanceof DigestError)) throw error;
      digestProblem = error.message;
    }
    const judged = signoffs.map((signoff, index) => {
      const judgement: SignoffJudgement = {
        index,
        signoff,
        ...staleness(signoff, expected, digestProblem),
      };
      const signature = checkSignature(signoff, id, trust);
      if (signature) judgement.signature = signature;
      return judgement;
    });
    const last = judged[judged.length - 1]!;
    const untrusted = judged.filter((j) => j.signature && !j.signature.ok);
    let state: SignoffState;
    let detail: string;
    if (untrusted.length > 0) {
      state = "invalid";
      detail = untrusted.map((j) => `sign-off ${j.index + 1}: ${j.signature!.problem}`).join("; ");
      if (!last.current) detail += `; the last sign-off is also stale: ${last.staleReason}`;
    } else if (!last.current) {
      state = "stale";
      detail = last.staleReason!;
    } else if (last.signature?.ok) {
      state = "verified";
      detail = `signed by ${last.signoff.name} on ${last.signoff.date}; signature verified (key ${last.signature.keyId})`;
    } else {
      state = "valid";
      detail = `signed off by ${last.signoff.name} on ${last.signoff.date}; digest matches; no signature`;
    }
    const entry: StakeholderSignoffs = { stakeholder: s, state, detail, signoffs: judged };
    if (expected) entry.expected = expected;
    result.push(entry);
  }
  return result;
}

/** Per stakeholder id: the sign-off state the clearance sheet shows, and why. */
export function signoffStates(
  evaluation: Evaluation,
  trust: TrustedKeys | undefined,
): Map<string, { state: SignoffState; detail?: string }> {
  return new Map(
    judgeSignoffs(evaluation, trust).map((j) => [
      j.stakeholder.stakeholder.id,
      { state: j.state, detail: j.detail },
    ]),
  );
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
 * The rules check and report add to lint: `signoff-stale`,
 * `signature-invalid`, `checklist-override` and, when signatures are required
 * (config `requireSignatures`, on by default once `trustedKeys` is set),
 * `signature-required`, for lint's extraRules.
 */
export function signoffRules(
  trust: TrustedKeys | undefined,
  options: { requireSignatures?: boolean; owners?: Record<string, string[]> } = {},
): ExtraRule[] {
  // Both rules read one judgement per evaluation.
  const cache = new WeakMap<Evaluation, StakeholderSignoffs[]>();
  const judged = (evaluation: Evaluation) => {
    let result = cache.get(evaluation);
    if (!result) {
      result = judgeSignoffs(evaluation, trust);
      cache.set(evaluation, result);
    }
    return result;
  };
  return [
    (evaluation, context) => signoffStale(evaluation, judged(evaluation), context),
    (evaluation, context) => signatureInvalid(evaluation, judged(evaluation), context),
    checklistOverride,
    signoffOwnership(options.owners ?? {}),
    ...(options.requireSignatures
      ? [
          (evaluation: Evaluation, context: RuleContext) =>
            signatureRequired(judged(evaluation), context, (s, index) =>
              signoffLocation(evaluation, context, s, index),
            ),
        ]
      : []),
  ];
}

/**
 * Where a sign-off entry (or one of its fields) is in the review. The entry
 * exists (it was read from there), so this points straight at it.
 */
function signoffLocation(
  evaluation: Evaluation,
  context: RuleContext,
  s: StakeholderEvaluation,
  index: number,
  field?: string,
): Location {
  const entry = evaluation.review.stakeholders.get(s.stakeholder.id);
  const rest: PathSegment[] = ["signoffs", index, ...(field ? [field] : [])];
  if (!entry) return context.stakeholderLocation(s, rest);
  return locate(entry.fragment.loaded, ["stakeholders", s.stakeholder.id, ...rest]);
}

export function who(s: StakeholderEvaluation, j: SignoffJudgement): string {
  return `the sign-off by ${j.signoff.name} on ${j.signoff.date} for ${s.stakeholder.name} (${s.stakeholder.id})`;
}

function signoffStale(
  evaluation: Evaluation,
  judged: StakeholderSignoffs[],
  context: RuleContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const { stakeholder: s, signoffs } of judged) {
    const last = signoffs.at(-1);
    if (!last || last.current) continue;
    findings.push(
      context.finding(
        "signoff-stale",
        "error",
        `${who(s, last)} is stale: ${last.staleReason}; review it and sign off again`,
        signoffLocation(evaluation, context, s, last.index),
        { stakeholder: s.stakeholder.id },
      ),
    );
  }
  return findings;
}

function signatureInvalid(
  evaluation: Evaluation,
  judged: StakeholderSignoffs[],
  context: RuleContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const { stakeholder: s, signoffs } of judged) {
    for (const j of signoffs) {
      if (!j.signature || j.signature.ok) continue;
      findings.push(
        context.finding(
          "signature-invalid",
          "error",
          `${who(s, j)} cannot be trusted: ${j.signature.problem}`,
          signoffLocation(evaluation, context, s, j.index, j.signature.field),
          { stakeholder: s.stakeholder.id },
        ),
      );
    }
  }
  return findings;
}
