/**
 * `preclear keygen`: an Ed25519 key pair whose private half is written 0600,
 * never overwritten and never printed — by keygen or by signoff.
 */
import { createPrivateKey } from "node:crypto";
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadTrustedKeys } from "../../src/core/signing/trust.js";
import { cli, expectNoPrivateKey, newProject, signoffArgs, trustedKey } from "./helpers.js";
import type { Project } from "./helpers.js";

let project: Project;
beforeEach(() => {
  project = newProject();
});
afterEach(() => project.remove());

describe("preclear keygen", () => {
  test("writes the private key with mode 0600 and a public key the trust list accepts", async () => {
    const result = await cli(project, ["keygen", "--id", "usms-2018", "-o", "keys"]);
    expect(result.code).toBe(0);
    const keyFile = path.join(project.keys, "usms-2018.key");
    const pubFile = path.join(project.keys, "usms-2018.pub.yaml");
    if (process.platform !== "win32") expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = createPrivateKey(readFileSync(keyFile));
    expect(key.asymmetricKeyType).toBe("ed25519");

    // The trust list holds public keys only: a .key file there is an error.
    expect(() => loadTrustedKeys(project.keys)).toThrow(
      "a private key in the trusted-keys directory",
    );
    const kept = path.join(project.dir, "usms-2018.key");
    renameSync(keyFile, kept);
    const trust = loadTrustedKeys(project.keys);
    expect([...trust.keys.keys()]).toEqual(["usms-2018"]);
    expect(trust.keys.get("usms-2018")!.stakeholders).toEqual([]);

    expect(result.stdout).toContain("keys/usms-2018.key");
    expect(result.stdout).toContain("keys/usms-2018.pub.yaml");
    expect(result.stdout).toContain("-----BEGIN PUBLIC KEY-----");
    expect(readFileSync(pubFile, "utf8")).toContain("kind: TrustedKeys");
    expectNoPrivateKey(result, kept);
  });

  test("refuses to overwrite an existing key (exit 2), leaving it as it was", async () => {
    await cli(project, ["keygen", "--id", "usms-2018", "-o", "keys"]);
    const keyFile = path.join(project.keys, "usms-2018.key");
    const before = readFileSync(keyFile, "utf8");
    const again = await cli(project, ["keygen", "--id", "usms-2018", "-o", "keys"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(readFileSync(keyFile, "utf8")).toBe(before);
    expectNoPrivateKey(again, keyFile);
  });

  test("refuses an id that could not name a file safely (exit 2)", async () => {
    for (const id of ["../escape", "UPPER", "a/b", ""]) {
      const result = await cli(project, ["keygen", "--id", id, "-o", "keys"]);
      expect(result.code).toBe(2);
    }
  });
});

describe("no command prints the private key", () => {
  test("signoff refusing an untrusted key (exit 1) says nothing of the key", async () => {
    const { keyFile } = await trustedKey(project, "usms-key", ["courts"]);
    const result = await cli(project, signoffArgs("usms", ["--key", keyFile]));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("not trusted to sign for usms");
    expectNoPrivateKey(result, keyFile);
  });

  test("a key file that is not a key, or a public key given as --key, is exit 2 without quoting it", async () => {
    const { keyFile } = await trustedKey(project, "usms-key", ["usms"]);
    const broken = path.join(project.dir, "broken.key");
    const text = readFileSync(keyFile, "utf8");
    writeFileSync(broken, text.replace(/\n(.)/, "\n$1$1"), { mode: 0o600 });
    const result = await cli(project, signoffArgs("usms", ["--key", "broken.key"]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broken\.key:1:1: not a private key/);
    expectNoPrivateKey(result, keyFile);

    const pub = await cli(project, signoffArgs("usms", ["--key", "keys/usms-key.pub.yaml"]));
    expect(pub.code).toBe(2);
    expect(readFileSync(project.review, "utf8")).not.toContain("signoffs");
  });

  test("a key readable by others is used, with a warning to chmod it", async () => {
    if (process.platform === "win32") return;
    const { keyFile } = await trustedKey(project, "usms-key", ["usms"]);
    const { chmodSync } = await import("node:fs");
    chmodSync(keyFile, 0o644);
    const result = await cli(project, signoffArgs("usms", ["--key", keyFile]));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("chmod 600");
    expectNoPrivateKey(result, keyFile);
  });
});
