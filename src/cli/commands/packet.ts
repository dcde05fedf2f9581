/**
 * `preclear packet <draft> --stakeholder ID | --all [-o DIR]`: a clearance
 * packet per office outside the repository (SPEC section 14) — packet.html
 * and response.yaml — and, unless --no-record, the notice and tasking in the
 * review and a snapshot of the text sent.
 */
import path from "node:path";
import type { Evaluation, StakeholderEvaluation } from "../../core/evaluate/evaluate.js";
import { displayPath } from "../../core/load/paths.js";
import type { Notice } from "../../core/types/review.js";
import { renderPacketHtml } from "../../packet/html.js";
import { buildPacket } from "../../packet/model.js";
import type { Packet } from "../../packet/model.js";
import { policyText } from "../../core/load/policy-text.js";
import type { PolicyText } from "../../core/load/policy-text.js";
import { writeSnapshot } from "../snapshots.js";
import { renderResponseTemplate } from "../../packet/response-template.js";
import { ReviewStore } from "../../review/store.js";
import { createContext, UsageError } from "../context.js";
import type { CommandContext, GlobalOptions } from "../context.js";
import type { CliIO } from "../io.js";
import { say } from "./say.js";
import { VERSION } from "../version.js";
import { RunInputs, writeOutputs } from "../output.js";
import { loadEvaluation } from "./signoff.js";

export interface PacketFlags {
  stakeholder?: string;
  all?: boolean;
  output?: string;
  /** commander's negation of --no-record. */
  record?: boolean;
  actor?: string;
}

export const PACKET_FILE = "packet.html";
export const RESPONSE_FILE = "response.yaml";

export async function packetCommand(
  file: string,
  flags: PacketFlags,
  globals: GlobalOptions,
  io: CliIO,
): Promise<number> {
  if (Boolean(flags.stakeholder) === Boolean(flags.all)) {
    throw new UsageError("give either --stakeholder ID or --all");
  }
  const context = createContext(globals, io);
  const evaluation = loadEvaluation(file, context);
  const targets = flags.all
    ? evaluation.stakeholders.filter((s) => s.applies === true)
    : [applicable(evaluation, flags.stakeholder!)];
  if (targets.length === 0) {
    throw new UsageError(`no stakeholder applies to ${evaluation.draft.draft.id} yet`);
  }
  const policy = policyText(evaluation.draft, context.config.limits.maxBytes);
  const root = flags.output ?? (flags.all ? "packets" : `${targets[0]!.stakeholder.id}-packet`);
  const packets = targets.map((s) => ({
    s,
    packet: buildPacket(evaluation, s, { asOf: context.asOf, ...context.config.packet }),
    dir: flags.all ? path.join(root, s.stakeholder.id) : root,
  }));

  const inputs = new RunInputs();
  inputs.addEvaluation(evaluation);
  if (context.config.file) inputs.add(context.config.file, "the configuration");
  await writeOutputs(
    packets.flatMap(({ packet, dir }) => [
      { file: path.join(dir, PACKET_FILE), text: packetHtml(packet, policy, evaluation) },
      { file: path.join(dir, RESPONSE_FILE), text: renderResponseTemplate(packet) },
    ]),
    { cwd: io.cwd, inputs, allowOutside: context.allowOutside },
  );

  const record = flags.record !== false;
  if (record) await recordSent(evaluation, packets, policy, context, flags.actor);
  for (const { packet, dir } of packets) {
    const shown = displayPath(path.resolve(io.cwd, dir), io.cwd);
    say(
      io.stdout,
      `Packet for ${packet.stakeholder.name} (${packet.stakeholder.id}): ${shown}/${PACKET_FILE}, ${shown}/${RESPONSE_FILE}\n` +
        `  version ${packet.cover.version} (fingerprint ${packet.cover.fingerprint})` +
        `${packet.cover.suspense ? `, suspense ${packet.cover.suspense}` : ""}, ${packet.items.length} item${packet.items.length === 1 ? "" : "s"}\n`,
    );
  }
  if (record) {
    say(
      io.stdout,
      `Recorded the notice${packets.some((p) => p.packet.stakeholder.role !== "inform") ? " and tasking" : ""} in ${displayPath(evaluation.draft.reviewPath, io.cwd)}\n`,
    );
  }
  if (!policy) {
    say(
      io.stderr,
      `preclear: warning: the policy text of ${evaluation.draft.draft.document ?? "the draft"} is not text, Markdown or a Word document; the packet names the document instead of including it — send it with the packet\n`,
    );
  }
  return 0;
}

function packetHtml(
  packet: Packet,
  policy: PolicyText | undefined,
  evaluation: Evaluation,
): string {
  return renderPacketHtml(packet, {
    ...(policy ? { policy } : {}),
    ...(evaluation.draft.draft.document ? { documentName: evaluation.draft.draft.document } : {}),
    responseFile: RESPONSE_FILE,
    generator: `preclear ${VERSION}`,
  });
}

/** Notice (every role) and tasking (clear and consult), once per version sent. */
async function recordSent(
  evaluation: Evaluation,
  packets: Array<{ s: StakeholderEvaluation; packet: Packet }>,
  policy: PolicyText | undefined,
  context: CommandContext,
  actor: string | undefined,
): Promise<void> {
  if (policy?.matchesDigest) {
    await writeSnapshot(evaluation.draft, policy.text);
  }
  const store = await ReviewStore.open(evaluation.draft.reviewPath, {
    draftId: evaluation.draft.draft.id,
    create: true,
    ...(actor ? { actor } : {}),
  });
  for (const { s, packet } of packets) {
    const version = packet.cover.version;
    const previous = s.record?.notice;
    const notice: Notice =
      previous && previous.version === version
        ? previous
        : { date: context.asOf, version, by: packet.cover.from, means: "clearance packet" };
    await store.updateStakeholder(
      s.stakeholder.id,
      packet.stakeholder.role === "inform" ? { notice } : { notice, tasking: packet.tasking },
      { via: "packet" },
    );
  }
}

function applicable(evaluation: Evaluation, id: string): StakeholderEvaluation {
  const valid =
    evaluation.stakeholders
      .filter((s) => s.applies === true)
      .map((s) => s.stakeholder.id)
      .join(", ") || "none";
  const s = evaluation.stakeholders.find((x) => x.stakeholder.id === id);
  if (!s) {
    throw new UsageError(
      `no stakeholder \`${id}\` in the checklists of ${evaluation.draft.draft.id}; stakeholders that apply: ${valid}`,
    );
  }
  if (s.applies !== true) {
    throw new UsageError(
      `stakeholder \`${id}\` ${s.applies === false ? "does not apply" : "may apply, but facts are missing to decide"}; stakeholders that apply: ${valid}`,
    );
  }
  return s;
}
