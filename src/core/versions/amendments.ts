/**
 * Technical amendments (SPEC section 13): `amendments: [{ from, to, kind:
 * technical, reason, by, at, signature }]` in the review record text changes
 * that need no re-clearance when the config says `technicalAmendments:
 * allowed`. A sign-off on `from` then stays valid for `to`, and through a
 * chain of amendments for the text now.
 */
import { sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import type { LoadedReview } from "../load/review.js";
import { canonicalJson } from "../signing/digest.js";
import type { TrustedKeys } from "../signing/trust.js";
import type { Amendment } from "../types/review.js";

export type { Amendment };

/** Every amendment in the review (all fragments), in file order. */
export function reviewAmendments(review: LoadedReview): Amendment[] {
  return review.fragments.flatMap((f) => f.review.amendments ?? []);
}

/**
 * The texts the current one was reached from by technical amendments, nearest
 * first: `{ from, count }` where `count` amendments lead from `from` to `current`.
 */
export function amendmentChain(
  amendments: readonly Amendment[],
  current: string,
): Array<{ from: string; count: number; amendments: Amendment[] }> {
  const out: Array<{ from: string; count: number; amendments: Amendment[] }> = [];
  const seen = new Set([current]);
  const path: Amendment[] = [];
  let text = current;
  for (;;) {
    const step = amendments.findLast((a) => a.kind === "technical" && a.to === text);
    if (!step || seen.has(step.from)) break;
    seen.add(step.from);
    path.unshift(step);
    out.push({ from: step.from, count: path.length, amendments: [...path] });
    text = step.from;
  }
  return out;
}

/** Domain separation for amendment signatures (sign-offs use preclear-signoff/v1). */
export const AMENDMENT_SIGNATURE_CONTEXT = "preclear-amendment/v1";

/** The exact bytes an amendment's signature covers: canonical JSON of its fields and the context. */
export function amendmentPayload(a: Omit<Amendment, "signature">): Buffer {
  const payload: Record<string, string> = {
    context: AMENDMENT_SIGNATURE_CONTEXT,
    from: a.from,
    to: a.to,
    kind: a.kind,
    reason: a.reason,
    by: a.by,
    at: a.at,
  };
  if (a.keyId !== undefined) payload.keyId = a.keyId;
  return Buffer.from(canonicalJson(payload), "utf8");
}

export function signAmendment(a: Omit<Amendment, "signature">, key: KeyObject): string {
  return sign(null, amendmentPayload(a), key).toString("base64");
}

/**
 * Whether an amendment may keep sign-offs valid: unsigned ones may; a signed
 * one only when its signature verifies with a trusted key.
 */
export function amendmentTrusted(a: Amendment, trust: TrustedKeys | undefined): boolean {
  if (a.keyId === undefined && a.signature === undefined) return true;
  if (a.keyId === undefined || a.signature === undefined || !trust) return false;
  const key = trust.keys.get(a.keyId);
  if (!key) return false;
  try {
    return verify(null, amendmentPayload(a), key.publicKey, Buffer.from(a.signature, "base64"));
  } catch {
    return false;
  }
}
