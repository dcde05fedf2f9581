/**
 * Signatures no one can forge: keys that are not trusted, or not trusted for
 * that stakeholder, signatures that were cut or garbled, and sign-offs copied
 * from elsewhere.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { lineOf } from "../helpers/fixtures.js";
import {
  cli,
  edit,
  findings,
  newProject,
  signAll,
  signoffArgs,
  signoffFindings,
  trustedKey,
} from "./helpers.js";
import type { Project } from "./helpers.js";

let project: Project;
beforeEach(() => {
  project = newProject();
});
afterEach(() => project.remove());

/** Replace the first `field: value` line of usms's first sign-off. */
function setUsmsSignoffField(field: string, value: string | undefined): void {
  const doc = parseDocument(readFileSync(project.review, "utf8"));
  const pathTo = ["stakeholders", "usms", "signoffs", 0, field];
  if (value === undefined) doc.deleteIn(pathTo);
  else doc.setIn(pathTo, value);
  writeFileSync(project.review, doc.toString());
}

function usmsSignoff(): Record<string, unknown> {
  const doc = parseDocument(readFileSync(project.review, "utf8"));
  return (
    doc.getIn(["stakeholders", "usms", "signoffs", 0], true) as { toJSON(): object }
  ).toJSON() as Record<string, unknown>;
}

describe("signature-invalid", () => {
  test("a signature by a key that is not in the trusted keys", async () => {
    // keygen outside the trust list: the key is real but nobody trusts it.
    const keygen = await cli(project, ["keygen", "--id", "stranger", "-o", "elsewhere"]);
    expect(keygen.code).toBe(0);
    // With the trust list, signoff refuses the key and records nothing (exit 1)…
    const before = readFileSync(project.review, "utf8");
    const refused = await cli(project, signoffArgs("usms", ["--key", "elsewhere/stranger.key"]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "key stranger is not in the trusted keys; nothing was recorded",
    );
    expect(readFileSync(project.review, "utf8")).toBe(before);
    // …so the forged sign-off is made without it, and check must catch it.
    writeFileSync(path.join(project.dir, "no-trust.config.yaml"), "requireSignatures: false\n");
    const signoff = await cli(project, [
      "--config",
      "no-trust.config.yaml",
      ...signoffArgs("usms", ["--key", "elsewhere/stranger.key"]),
    ]);
    expect(signoff.code).toBe(0);

    const [finding, ...rest] = signoffFindings(project);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "signature-invalid", stakeholder: "usms" });
    expect(finding!.message).toContain("key `stranger` is not in the trusted keys");
    expect(lineOf(project.review, finding!.location.line)).toMatch(/^\s*keyId: stranger$/);
  });

  test("a signature by a key trusted for another stakeholder", async () => {
    const { keyFile } = await trustedKey(project, "courts-key", ["courts"]);
    const refused = await cli(project, signoffArgs("usms", ["--key", keyFile]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("key courts-key is not trusted to sign for usms");
    writeFileSync(path.join(project.dir, "no-trust.config.yaml"), "requireSignatures: false\n");
    const signoff = await cli(project, [
      "--config",
      "no-trust.config.yaml",
      ...signoffArgs("usms", ["--key", keyFile]),
    ]);
    expect(signoff.code).toBe(0);

    const [finding, ...rest] = signoffFindings(project);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "signature-invalid", stakeholder: "usms" });
    expect(finding!.message).toContain(
      "key `courts-key` is trusted to sign for courts, not for usms",
    );
  });

  test("a truncated signature", async () => {
    await signAll(project);
    const signature = String(usmsSignoff().signature);
    setUsmsSignoffField("signature", signature.slice(0, 60));

    const [finding, ...rest] = signoffFindings(project);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "signature-invalid", stakeholder: "usms" });
    expect(finding!.message).toContain("not an Ed25519 signature in base64");
    expect(lineOf(project.review, finding!.location.line)).toMatch(/^\s*signature: /);
  });

  test("a garbled signature, and one spelled with different unused base64 bits", async () => {
    await signAll(project);
    const signature = String(usmsSignoff().signature);
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    setUsmsSignoffField("signature", flipped);
    expect(signoffFindings(project)[0]!.message).toContain("does not verify with key `usms-key`");

    // The last character before "==" carries 4 unused bits: same bytes, other text.
    const last = signature[85]!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    setUsmsSignoffField("signature", `${signature.slice(0, 85)}${twin}==`);
    expect(Buffer.from(`${signature.slice(0, 85)}${twin}==`, "base64")).toEqual(
      Buffer.from(signature, "base64"),
    );
    expect(signoffFindings(project)[0]!.message).toContain("not canonical base64");
  });

  test("a keyId without a signature, and a signature without a keyId", async () => {
    await signAll(project);
    const original = usmsSignoff();
    setUsmsSignoffField("signature", undefined);
    expect(signoffFindings(project).map((f) => f.message)).toEqual([
      expect.stringContaining("names key `usms-key` but has no signature"),
    ]);
    setUsmsSignoffField("signature", String(original.signature));
    setUsmsSignoffField("keyId", undefined);
    expect(signoffFindings(project).map((f) => f.message)).toEqual([
      expect.stringContaining("has a signature but no `keyId`"),
    ]);
  });

  test("a changed signer field (name, title, date) breaks the signature but not the digest", async () => {
    await signAll(project);
    setUsmsSignoffField("name", "Someone Else");
    const found = signoffFindings(project);
    expect(found.map((f) => f.ruleId)).toEqual(["signature-invalid"]);
  });

  test("a signed sign-off with no trusted keys configured", async () => {
    await signAll(project);
    writeFileSync(path.join(project.dir, "preclear.config.yaml"), "checklists: []\n");
    const verify = await cli(project, ["verify", "memo.md"]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain("no trusted keys are configured");
  });
});

describe("copied sign-offs", () => {
  test("a sign-off copied from another draft is stale: it was made for other text", async () => {
    await signAll(project);
    // The same stakeholder, with the same trusted key, signs another draft.
    const other = newProject();
    try {
      rmSync(other.keys, { recursive: true });
      cpSync(project.keys, other.keys, { recursive: true });
      edit(other.draft, "id: border-prosecution-memo", "id: other-memo");
      edit(other.draft, "to the extent practicable", "where resources allow");
      edit(other.review, "draft: border-prosecution-memo", "draft: other-memo");
      const signed = await cli(
        other,
        signoffArgs("usms", ["--key", path.join(project.dir, "private", "usms-key.key")]),
      );
      expect(signed.code).toBe(0);
      const copied = parseDocument(readFileSync(other.review, "utf8")).getIn(
        ["stakeholders", "usms", "signoffs", 0],
        true,
      );
      const doc = parseDocument(readFileSync(project.review, "utf8"));
      doc.addIn(["stakeholders", "usms", "signoffs"], copied);
      writeFileSync(project.review, doc.toString());
    } finally {
      other.remove();
    }

    // The signature is genuine, so only the digest gives it away.
    const found = signoffFindings(project);
    expect(found.map((f) => [f.ruleId, f.stakeholder])).toEqual([["signoff-stale", "usms"]]);
    expect(found[0]!.message).toContain("the draft text changed");
  });

  test("a sign-off copied from another stakeholder is stale and its signature invalid", async () => {
    await signAll(project);
    const doc = parseDocument(readFileSync(project.review, "utf8"));
    const courts = doc.getIn(["stakeholders", "courts", "signoffs", 0], true);
    doc.addIn(["stakeholders", "usms", "signoffs"], courts);
    writeFileSync(project.review, doc.toString());

    const found = signoffFindings(project);
    expect(found.map((f) => f.ruleId).sort()).toEqual(["signature-invalid", "signoff-stale"]);
    expect(found.every((f) => f.stakeholder === "usms")).toBe(true);
    expect(found.find((f) => f.ruleId === "signoff-stale")!.message).toContain(
      "the stakeholder's record changed",
    );
  });

  test("a hand-edited digest, or parts that do not match the digest, is stale", async () => {
    await signAll(project);
    const parts = usmsSignoff().parts as Record<string, string>;
    const doc = parseDocument(readFileSync(project.review, "utf8"));
    doc.setIn(["stakeholders", "usms", "signoffs", 0, "parts", "facts"], parts.record);
    writeFileSync(project.review, doc.toString());
    expect(signoffFindings(project).map((f) => f.message)).toEqual([
      expect.stringContaining("its part digests (`parts`) do not match its digest"),
    ]);
  });
});

describe("the trust list", () => {
  test("a broken trust list is an invalid configuration: exit 2 at the line and column", async () => {
    await trustedKey(project, "usms-key", ["usms"]);
    const file = path.join(project.keys, "usms-key.pub.yaml");
    edit(file, "MCowBQYDK2VwAyEA", "MCowBQYDK2VwAyEB");
    edit(file, "stakeholders: [usms]", "stakeholders: [usms]\n    stakeholder: [courts]");
    const result = await cli(project, ["verify", "memo.md"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^keys\/usms-key\.pub\.yaml:\d+:5: unknown property `stakeholder` \(did you mean `stakeholders`\?\)/m,
    );
  });

  test("a public key that is not an Ed25519 PEM key, and a duplicate id, are reported where they are", async () => {
    await trustedKey(project, "usms-key", ["usms"]);
    const file = path.join(project.keys, "usms-key.pub.yaml");
    const text = readFileSync(file, "utf8");
    writeFileSync(path.join(project.keys, "copy.yaml"), text);
    edit(file, /-----BEGIN PUBLIC KEY-----[\s\S]*-----END PUBLIC KEY-----/, "not a key");
    const result = await cli(project, ["verify", "memo.md"]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/usms-key\.pub\.yaml:\d+:\d+: `publicKey` is not a PEM public key/),
      ]),
    );
  });

  test("check uses the trust list too", async () => {
    await signAll(project);
    expect(findings(project).filter((f) => f.ruleId.startsWith("sign"))).toEqual([]);
    rmSync(path.join(project.keys, "usms-key.pub.yaml"));
    expect(signoffFindings(project).map((f) => [f.ruleId, f.stakeholder])).toEqual([
      ["signature-invalid", "usms"],
    ]);
  });
});
