/**
 * Class 1 of issue 17: signatures could be skipped. With a trust list, anyone
 * who could edit the review could change the policy text and re-sign every
 * office with `signoff` and no `--key`; `verify` trusted it and `check`
 * passed. Now:
 * - `requireSignatures` (on by default once `trustedKeys` is set): the
 *   sign-off that counts must be signed, else `signature-required` (error),
 *   and `verify` fails;
 * - `signoff` with a key the trust list does not accept exits 1 and records
 *   nothing;
 * - trusted keys carry `notBefore`, `notAfter` and `revoked: {date}`, and
 *   trust is judged as of the sign-off's date.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { cli, newProject, signoffArgs, trustedKey } from "../signoff/helpers.js";
import type { Project } from "../signoff/helpers.js";
import { runCli } from "../helpers/cli.js";

const projects: Project[] = [];
afterAll(() => {
  for (const p of projects) p.remove();
});

function project(config = "trustedKeys: keys\n"): Project {
  const p = newProject();
  projects.push(p);
  writeFileSync(path.join(p.dir, "preclear.config.yaml"), config);
  return p;
}

async function checkFindings(p: Project): Promise<Array<{ ruleId: string; message: string }>> {
  const result = await runCli(["--as-of", "2018-03-28", "check", "memo.md", "-f", "json"], {
    cwd: p.dir,
  });
  return (
    JSON.parse(result.stdout) as {
      drafts: Array<{ findings: Array<{ ruleId: string; message: string }> }>;
    }
  ).drafts.flatMap((d) => d.findings);
}

describe("requireSignatures", () => {
  test("on by default with a trust list: an unsigned sign-off is signature-required, and verify fails", async () => {
    const p = project();
    await trustedKey(p, "usms-key", ["usms"]);
    expect((await cli(p, signoffArgs("usms"))).code).toBe(0);
    const required = (await checkFindings(p)).filter((f) => f.ruleId === "signature-required");
    expect(required).toHaveLength(1);
    expect(required[0]!.message).toContain("is not signed, and this project requires signatures");
    const verify = await cli(p, ["verify", "memo.md"]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain("without a signature, and this project requires signatures");
  });

  test("a signed sign-off satisfies it; requireSignatures: false turns it off", async () => {
    const p = project();
    const { keyFile } = await trustedKey(p, "usms-key", ["usms"]);
    expect((await cli(p, signoffArgs("usms", ["--key", keyFile]))).code).toBe(0);
    expect((await checkFindings(p)).map((f) => f.ruleId)).not.toContain("signature-required");

    const off = project("trustedKeys: keys\nrequireSignatures: false\n");
    expect((await cli(off, signoffArgs("usms"))).code).toBe(0);
    expect((await checkFindings(off)).map((f) => f.ruleId)).not.toContain("signature-required");
  });
});

describe("trust as of the sign-off's date", () => {
  async function keyWith(p: Project, fields: string): Promise<string> {
    const { keyFile } = await trustedKey(p, "usms-key", ["usms"]);
    const pub = path.join(p.keys, "usms-key.pub.yaml");
    const { readFileSync } = await import("node:fs");
    writeFileSync(pub, readFileSync(pub, "utf8").replace(/(\n\s+stakeholders:)/, `\n${fields}$1`));
    return keyFile;
  }

  test("a departed official (notAfter): earlier sign-offs stay valid, later ones are refused", async () => {
    const p = project();
    const keyFile = await keyWith(p, "    notAfter: 2018-03-30");
    const before = await cli(p, signoffArgs("usms", ["--key", keyFile]));
    expect(before.code).toBe(0);
    expect((await checkFindings(p)).map((f) => f.ruleId)).not.toContain("signature-invalid");
    const after = await cli(
      p,
      signoffArgs("usms", ["--key", keyFile]).map((a) => (a === "2018-03-28" ? "2018-04-02" : a)),
    );
    expect(after.code).toBe(1);
    expect(after.stderr).toContain(
      "key `usms-key` was trusted until 2018-03-30; the sign-off is dated 2018-04-02; nothing was recorded",
    );
  });

  test("a revoked key: sign-offs dated on or after the revocation cannot be trusted", async () => {
    const p = project("trustedKeys: keys\n");
    const keyFile = await keyWith(
      p,
      "    revoked:\n      date: 2018-03-01\n      reason: laptop lost",
    );
    const refused = await cli(p, signoffArgs("usms", ["--key", keyFile]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("key `usms-key` was revoked on 2018-03-01 (laptop lost)");
    // Recorded anyway by someone without the trust list: check still refuses it.
    writeFileSync(path.join(p.dir, "no-trust.config.yaml"), "requireSignatures: false\n");
    expect(
      (
        await cli(p, [
          "--config",
          "no-trust.config.yaml",
          ...signoffArgs("usms", ["--key", keyFile]),
        ])
      ).code,
    ).toBe(0);
    const invalid = (await checkFindings(p)).filter((f) => f.ruleId === "signature-invalid");
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.message).toContain("was revoked on 2018-03-01");
  });

  test("notBefore: a sign-off dated before the key was issued cannot be trusted", async () => {
    const p = project();
    const keyFile = await keyWith(p, "    notBefore: 2018-04-01");
    const refused = await cli(p, signoffArgs("usms", ["--key", keyFile]));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("key `usms-key` is trusted from 2018-04-01");
  });
});

describe("fragment ownership", () => {
  const FRAGMENT = (stakeholder: string) =>
    `apiVersion: preclear/v1\nkind: Review\ndraft: zero-tolerance-2018\nstakeholders:\n  ${stakeholder}:\n    signoffs:\n      - name: A. Liaison\n        title: Liaison\n        date: 2018-03-28\n        digest: sha256:${"0".repeat(64)}\n`;

  async function ownershipFindings(config: string, fragments: Record<string, string>) {
    const { mkdirSync, mkdtempSync, readFileSync, rmSync } = await import("node:fs");
    const os = await import("node:os");
    const { REPO_ROOT } = await import("../helpers/cli.js");
    const root = mkdtempSync(path.join(os.tmpdir(), "preclear-owners-"));
    try {
      mkdirSync(path.join(root, ".git"));
      writeFileSync(
        path.join(root, "memo.md"),
        readFileSync(path.join(REPO_ROOT, "examples", "zero-tolerance-2018.md"), "utf8").replace(
          "review: zero-tolerance-2018.review.yaml",
          "review: memo.review",
        ),
      );
      const dir = path.join(root, "memo.review");
      mkdirSync(dir);
      for (const [name, stakeholder] of Object.entries(fragments)) {
        writeFileSync(path.join(dir, name), FRAGMENT(stakeholder));
      }
      writeFileSync(path.join(root, "preclear.config.yaml"), config);
      const result = await runCli(["--as-of", "2018-04-01", "check", "memo.md", "-f", "json"], {
        cwd: root,
      });
      return (
        JSON.parse(result.stdout) as {
          drafts: Array<{ findings: Array<{ ruleId: string; message: string }> }>;
        }
      ).drafts
        .flatMap((d) => d.findings)
        .filter((f) => f.message.includes("which does not own"));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  test("a fragment holding another office's sign-off: signature-invalid", async () => {
    const found = await ownershipFindings("requireSignatures: false\n", {
      "usms.yaml": "usms",
      "liaison.yaml": "hhs-orr",
    });
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: "signature-invalid",
        message: expect.stringContaining(
          "the sign-offs for `hhs-orr` are in fragment liaison.yaml, which does not own `hhs-orr`",
        ),
      }),
    ]);
  });

  test("owners: in the config gives a fragment more offices", async () => {
    const found = await ownershipFindings(
      "requireSignatures: false\nowners:\n  liaison.yaml: [hhs-orr]\n",
      { "liaison.yaml": "hhs-orr" },
    );
    expect(found).toEqual([]);
  });
});
