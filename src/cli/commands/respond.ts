/**
 * `preclear respond <response> --key FILE`: sign a response in place (the
 * office's own copy of preclear, before sending it back). YAML keeps its
 * comments and layout; JSON is written as JSON.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { displayPath } from "../../core/load/paths.js";
import { loadResponse, parseResponse } from "../../core/load/response.js";
import { canonicalJson } from "../../core/signing/digest.js";
import { signResponse } from "../../core/signing/response.js";
import { loadTrustedKeysFor } from "../../core/signing/trust.js";
import { writeFileAtomic } from "../../review/atomic.js";
import { createContext, UsageError } from "../context.js";
import type { GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { say } from "./say.js";
import { loadSigner } from "./signoff.js";

export async function respondCommand(
  file: string,
  flags: { key: string },
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  const context = createContext(globals, io);
  const absolute = path.resolve(io.cwd, file);
  const shown = displayPath(absolute, io.cwd);
  const { response } = loadResponse(absolute, shown, context.config.limits);
  const signer = loadSigner(flags.key, loadTrustedKeysFor(context.config, io.cwd), io);
  const signed = signResponse(response, signer.key, signer.keyId);
  let text: string;
  if (/\.json$/i.test(absolute)) {
    text = `${JSON.stringify(signed, null, 2)}\n`;
  } else {
    const doc = parseDocument(readFileSync(absolute, "utf8"));
    doc.set("signature", doc.createNode(signed.signature));
    text = doc.toString({ lineWidth: 0 });
  }
  // What is written must read back as what was signed.
  const reread = parseResponse(shown, text, context.config.limits).response;
  if (canonicalJson(reread) !== canonicalJson(signed)) {
    throw new UsageError(
      `${shown}: the response cannot be rewritten without changing it; sign a copy saved as .json`,
    );
  }
  await writeFileAtomic(absolute, text);
  say(
    io.stdout,
    `Signed ${shown} (${response.stakeholder}, answered by ${response.respondent.name} on ${response.respondent.date}) with key ${signer.keyId}\n`,
  );
  return 0;
}
