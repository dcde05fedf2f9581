/**
 * `kind: Response` files (SPEC section 14): an office's answer to a packet,
 * as YAML (response.yaml, edited by hand) or JSON (response.json, saved by
 * the packet's form). Parsed with positions and validated against
 * schemas/response.schema.json; a problem is a PreclearError (exit 2).
 */
import { PreclearError } from "../diagnostics.js";
import type { Response } from "../types/response.js";
import { readTextFile } from "./files.js";
import { validateAgainst } from "./schemas.js";
import { DEFAULT_LIMITS, diagnosticAt, parseYaml } from "./yaml.js";
import type { LoadedYaml, LoadLimits } from "./yaml.js";

export interface LoadedResponse {
  loaded: LoadedYaml;
  response: Response;
}

/** Parse and validate response text (`file` is the name shown in messages). */
export function parseResponse(
  file: string,
  text: string,
  limits: LoadLimits = DEFAULT_LIMITS,
): LoadedResponse {
  const loaded = parseYaml(file, text, limits);
  const value = loaded.value as Record<string, unknown> | null;
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new PreclearError(
      diagnosticAt(loaded, [], "not a response: expected a mapping with `kind: Response`"),
    );
  }
  if (value.kind !== "Response") {
    throw new PreclearError(
      diagnosticAt(
        loaded,
        "kind" in value ? ["kind"] : [],
        "not a response: expected `kind: Response`",
      ),
    );
  }
  const diagnostics = validateAgainst("response", loaded, value);
  const response = value as unknown as Response;
  // Comment ids are unique within a stakeholder.
  const seen = new Set<string>();
  (response.comments ?? []).forEach((comment, index) => {
    if (diagnostics.length > 0 || typeof comment?.id !== "string") return;
    if (seen.has(comment.id)) {
      diagnostics.push(
        diagnosticAt(
          loaded,
          ["comments", index, "id"],
          `comment id \`${comment.id}\` is used twice; each comment needs its own id`,
        ),
      );
    }
    seen.add(comment.id);
  });
  if (diagnostics.length > 0) throw new PreclearError(diagnostics, "unevaluable");
  return { loaded, response };
}

export function loadResponse(
  file: string,
  shown = file,
  limits: LoadLimits = DEFAULT_LIMITS,
): LoadedResponse {
  let text: string;
  try {
    text = readTextFile(file, limits.maxBytes, "response");
  } catch (error) {
    if (error instanceof PreclearError) {
      throw new PreclearError(
        error.diagnostics.map((d) => ({ ...d, location: { ...d.location, file: shown } })),
        "unevaluable",
      );
    }
    throw error;
  }
  return parseResponse(shown, text, limits);
}
