/**
 * Signatures on responses (`preclear respond --key`): Ed25519 over the
 * canonical JSON (RFC 8785) of the response without its `signature`, with the
 * key id and a context string of its own, so a response signature can never
 * pass for a sign-off signature or the other way round.
 */
import { sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { canonicalJson } from "./digest.js";
import type { TrustedKeys } from "./trust.js";
import type { Response } from "../types/response.js";

export const RESPONSE_SIGNATURE_CONTEXT = "preclear-response/v1";

const ED25519_SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/** The exact bytes signed for a response. */
export function responsePayload(response: Response, keyId: string): Buffer {
  const { signature: _signature, ...rest } = response;
  return Buffer.from(
    canonicalJson({ context: RESPONSE_SIGNATURE_CONTEXT, keyId, response: rest }),
    "utf8",
  );
}

/** The response with a signature by `key` (any earlier signature replaced). */
export function signResponse(response: Response, key: KeyObject, keyId: string): Response {
  const { signature: _old, ...rest } = response;
  const value = sign(null, responsePayload(rest as Response, keyId), key).toString("base64");
  return { ...rest, signature: { keyId, value } } as Response;
}

export type ResponseSignatureState = "unsigned" | "verified" | "untrusted";

export interface ResponseSignatureCheck {
  state: ResponseSignatureState;
  keyId?: string;
  /** Why an untrusted signature cannot be trusted. */
  problem?: string;
}

/** Does the response's signature verify with a key trusted for its stakeholder? */
export function checkResponseSignature(
  response: Response,
  trust: TrustedKeys | undefined,
): ResponseSignatureCheck {
  const signature = response.signature;
  if (!signature) return { state: "unsigned" };
  const { keyId, value } = signature;
  const untrusted = (problem: string): ResponseSignatureCheck => ({
    state: "untrusted",
    keyId,
    problem,
  });
  if (!trust) {
    return untrusted("no trusted keys are configured (trustedKeys in preclear.config.yaml)");
  }
  const key = trust.keys.get(keyId);
  if (!key) return untrusted(`key \`${keyId}\` is not in the trusted keys`);
  if (!key.stakeholders.includes(response.stakeholder)) {
    return untrusted(`key \`${keyId}\` is not trusted to sign for ${response.stakeholder}`);
  }
  const bytes = Buffer.from(value, "base64");
  if (
    !ED25519_SIGNATURE_BASE64.test(value) ||
    bytes.length !== 64 ||
    bytes.toString("base64") !== value
  ) {
    return untrusted("the signature is not an Ed25519 signature in canonical base64");
  }
  let ok: boolean;
  try {
    ok = verify(null, responsePayload(response, keyId), key.publicKey, bytes);
  } catch {
    ok = false;
  }
  return ok
    ? { state: "verified", keyId }
    : untrusted(
        `the signature does not verify with key \`${keyId}\`: the response was changed after it was signed, or another key signed it`,
      );
}
