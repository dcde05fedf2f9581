/**
 * A clearance packet as data (SPEC section 14): what one office is sent —
 * the cover (from, to, tasking, suspense, point of contact, the version's
 * digest and fingerprint, the marking), its applicable items with guidance,
 * sources, due dates and demand figures, and what it has answered so far.
 * Pure: no clock, no files.
 */
import type { Evaluation, StakeholderEvaluation } from "../core/evaluate/evaluate.js";
import { addBusinessDays } from "../core/evaluate/business-days.js";
import type { ItemResponse, Tasking } from "../core/types/review.js";

export const DEFAULT_MARKING = "PRE-DECISIONAL — DELIBERATIVE";

export interface PacketSettings {
  /** The date the packet is made and, unless already tasked, the tasking date. */
  asOf: string;
  marking?: string;
  from?: string;
  pointOfContact?: string;
}

export interface PacketSource {
  id: string;
  title: string;
  url: string | null;
  pinpoint: string | null;
}

export interface PacketItem {
  id: string;
  question: string;
  guidance: string | null;
  severity: "blocker" | "major" | "minor";
  /** False when facts are missing to decide whether the item applies. */
  applies: boolean;
  dueDate: string | null;
  evidence: string[];
  demand: { value: number | null; unit: string | null; expression: string } | null;
  sources: PacketSource[];
  /** What the review records so far. */
  recorded: ItemResponse | null;
}

export interface Packet {
  draft: { id: string; title: string; issuer: string | null; issuanceDate: string | null };
  stakeholder: {
    id: string;
    name: string;
    agency: string | null;
    description: string | null;
    role: "clear" | "consult" | "inform";
  };
  cover: {
    marking: string;
    from: string;
    to: string;
    tasked: string;
    suspense: string | null;
    pointOfContact: string | null;
    /** The content digest of the version sent. */
    version: string;
    /** A short form of the digest, for reading aloud over the phone. */
    fingerprint: string;
  };
  items: PacketItem[];
  /** The tasking record this packet stands for (recorded unless --no-record). */
  tasking: Tasking;
}

/** First 16 hex digits of a digest, in groups of four: `3f2a 9c01 77be 0d4e`. */
export function fingerprint(digest: string): string {
  const hex = digest.replace(/^sha256:/, "").slice(0, 16);
  return hex.replace(/(.{4})(?=.)/g, "$1 ");
}

export function buildPacket(
  evaluation: Evaluation,
  s: StakeholderEvaluation,
  settings: PacketSettings,
): Packet {
  const { draft } = evaluation.draft;
  const stakeholder = s.stakeholder;
  const version = evaluation.draft.contentDigest;
  const previous = s.record?.tasking;
  // A packet re-sent for the same version keeps the original tasking date.
  const tasked = previous && previous.version === version ? previous.tasked : settings.asOf;
  const businessDays = stakeholder.suspense?.businessDays;
  const computed = businessDays === undefined ? undefined : addBusinessDays(tasked, businessDays);
  const suspense =
    previous && previous.version === version
      ? (previous.extendedTo ?? previous.suspense ?? computed)
      : computed;
  const from = settings.from ?? draft.issuer ?? "the action office";
  const tasking: Tasking = { tasked, version, tasker: from };
  if (previous && previous.version === version) {
    Object.assign(tasking, previous);
  } else if (suspense !== undefined) {
    // Written out, so the review says exactly what the cover said.
    tasking.suspense = suspense;
  }
  const items = s.items
    .filter((i) => i.applies !== false)
    .map((i): PacketItem => {
      const item = i.item;
      return {
        id: item.id,
        question: item.question,
        guidance: item.guidance?.trim() || null,
        severity: item.severity,
        applies: i.applies === true,
        dueDate: i.dueDate ?? null,
        evidence: item.evidence,
        demand: i.demand
          ? {
              value: i.demand.value ?? null,
              unit: item.capacity?.unit ?? null,
              expression: i.demand.expression,
            }
          : null,
        sources: item.sources.map((id) => {
          const source = evaluation.checklist.sources.get(id);
          return {
            id,
            title: source?.title ?? id,
            url: source?.url ?? null,
            pinpoint: source?.pinpoint ?? null,
          };
        }),
        recorded: i.response ?? null,
      };
    });
  return {
    draft: {
      id: draft.id,
      title: draft.title,
      issuer: draft.issuer ?? null,
      issuanceDate: draft.issuanceDate ?? null,
    },
    stakeholder: {
      id: stakeholder.id,
      name: stakeholder.name,
      agency: stakeholder.agency ?? null,
      description: stakeholder.description?.trim() || null,
      role: stakeholder.role ?? "clear",
    },
    cover: {
      marking: settings.marking ?? DEFAULT_MARKING,
      from,
      to: stakeholder.name,
      tasked,
      suspense: suspense ?? null,
      pointOfContact: settings.pointOfContact ?? null,
      version,
      fingerprint: fingerprint(version),
    },
    items,
    tasking,
  };
}
