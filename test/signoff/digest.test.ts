/**
 * The digest as docs/digest.md defines it: the canonical JSON of one object,
 * whichever way it is computed, and blind to how the YAML is written.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { ChecklistLibrary } from "../../src/core/load/checklist.js";
import {
  canonicalJson,
  digestMaterial,
  sha256Hex,
  signoffDigest,
} from "../../src/core/signing/digest.js";
import { signoffDigestV2 } from "../../src/core/signing/digest-v2.js";
import { loadBundle } from "../../src/core/evaluate/evaluate.js";
import { cli, edit, findings, newProject, signoffArgs } from "./helpers.js";
import type { Project } from "./helpers.js";

let project: Project;
beforeEach(() => {
  project = newProject();
});
afterEach(() => project.remove());

const bundle = () => loadBundle(project.draft, new ChecklistLibrary());

describe("signoffDigest (v1, still used to verify sign-offs made before v2)", () => {
  test("is sha256 of the RFC 8785 form of {v, draft, facts, checklist, stakeholder}", () => {
    const b = bundle();
    for (const id of ["usms", "courts", "hhs-orr", "ice"]) {
      const material = digestMaterial(b, id);
      const { digest, parts } = signoffDigest(b, id);
      expect(digest).toBe(sha256Hex(canonicalJson(material)));
      expect(parts).toEqual({
        draft: sha256Hex(canonicalJson(material.draft)),
        facts: sha256Hex(canonicalJson(material.facts)),
        checklist: sha256Hex(canonicalJson(material.checklist)),
        record: sha256Hex(canonicalJson(material.stakeholder)),
      });
    }
  });

  test("covers the draft id and content digest, both sources of facts, and the whole checklist file", () => {
    const material = digestMaterial(bundle(), "usms");
    expect(material.v).toBe(1);
    expect(material.draft).toEqual({
      id: "border-prosecution-memo",
      contentDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(material.facts).toEqual({ changesProsecutionVolume: true, custody: "both" });
    expect(material.checklist).toEqual([
      expect.objectContaining({ id: "clearance-basics", version: "1.0.0" }),
    ]);
    expect(material.checklist[0]!.content).toMatchObject({
      kind: "Checklist",
      description: expect.any(String),
    });
    expect(material.stakeholder).toEqual({
      id: "usms",
      record: {
        items: {
          "detention-capacity": {
            status: "satisfied",
            contact: "J. Roe, USMS Prisoner Operations Division",
            date: "2018-03-20",
            notes: "Space confirmed in the five border districts.",
          },
        },
      },
    });
    // A stakeholder the review does not mention has an empty record.
    expect(digestMaterial(bundle(), "ice").stakeholder).toEqual({ id: "ice", record: {} });
  });

  test("does not change when a sign-off is added, so the sign-off can carry it", async () => {
    const before = signoffDigestV2(bundle(), "courts").digest;
    const result = await cli(project, [
      "signoff",
      "memo.md",
      "--stakeholder",
      "courts",
      "--name",
      "A. Clerk",
      "--title",
      "Director",
      "--actor",
      "aclerk",
    ]);
    expect(result.code).toBe(0);
    expect(readFileSync(project.review, "utf8")).toContain(before);
    expect(signoffDigestV2(bundle(), "courts").digest).toBe(before);
  });

  test("is the same when the review is split into fragments, one per stakeholder", async () => {
    for (const id of ["usms", "courts", "hhs-orr"]) {
      expect((await cli(project, signoffArgs(id))).code).toBe(0);
    }
    const review = parse(readFileSync(project.review, "utf8")) as {
      facts: object;
      stakeholders: Record<string, object>;
    };
    const dir = path.join(project.dir, "memo.review");
    mkdirSync(dir);
    const head = { apiVersion: "preclear/v1", kind: "Review", draft: "border-prosecution-memo" };
    writeFileSync(path.join(dir, "_review.yaml"), stringify({ ...head, facts: review.facts }));
    for (const [id, record] of Object.entries(review.stakeholders)) {
      writeFileSync(
        path.join(dir, `${id}.yaml`),
        stringify({ ...head, stakeholders: { [id]: record } }),
      );
    }
    rmSync(project.review);
    expect(bundle().review.directory).toBe(true);
    expect(findings(project)).toEqual([]);
  });

  test("ignores line endings of the draft body but not its words", () => {
    const before = signoffDigest(bundle(), "usms").digest;
    const text = readFileSync(project.draft, "utf8");
    writeFileSync(project.draft, text.replace(/\n/g, "\r\n"));
    expect(signoffDigest(bundle(), "usms").digest).toBe(before);
    edit(project.draft, "practicable", "practical");
    expect(signoffDigest(bundle(), "usms").digest).not.toBe(before);
  });

  test("text that has no canonical JSON form is refused with a message, not a crash", async () => {
    edit(project.review, "Space confirmed in the five border districts.", '"\\ud800"');
    const before = readFileSync(project.review, "utf8");
    const result = await cli(project, signoffArgs("usms"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("not valid Unicode");
    expect(readFileSync(project.review, "utf8")).toBe(before);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("a sign-off whose record became uncomputable is stale, not a crash", async () => {
    expect((await cli(project, signoffArgs("usms"))).code).toBe(0);
    edit(project.review, "Space confirmed in the five border districts.", '"\\ud800"');
    const stale = findings(project).filter((f) => f.ruleId === "signoff-stale");
    expect(stale).toHaveLength(1);
    expect(stale[0]!.message).toContain("cannot compute the sign-off digest");
  });
});
