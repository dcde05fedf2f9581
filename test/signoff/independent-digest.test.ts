/**
 * A third party, with docs/digest.md and docs/signing.md in hand and none of
 * preclear's code, recomputes the digest of every sign-off and verifies its
 * signature. Only node:crypto, yaml and canonicalize below; preclear itself
 * is run as the built binary, to make the sign-offs.
 */
import { spawnSync } from "node:child_process";
import { createHash, createPublicKey, verify } from "node:crypto";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import canonicalize from "canonicalize";
import { parse } from "yaml";

// ── The independent script (from docs/digest.md and docs/signing.md) ─────

const sha256 = (data: string) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

interface Record_ {
  signoffs?: Array<{
    name: string;
    title?: string;
    date: string;
    digest: string;
    keyId?: string;
    signature?: string;
  }>;
  [field: string]: unknown;
}

function independentDigest(draftFile: string, reviewFile: string, stakeholder: string): string {
  const text = readFileSync(draftFile, "utf8").replace(/^\uFEFF/, "");
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(
    text,
  );
  if (!match) throw new Error("no front matter");
  const draft = parse(match[1]!).preclear as {
    id: string;
    checklists: string[];
    facts?: Record<string, unknown>;
  };
  const review = parse(readFileSync(reviewFile, "utf8")) as {
    facts?: Record<string, unknown>;
    stakeholders?: Record<string, Record_>;
  };
  const checklist = draft.checklists.map((ref) => {
    const content = parse(readFileSync(path.resolve(path.dirname(draftFile), ref), "utf8")) as {
      id: string;
      version: string;
    };
    return { id: content.id, version: content.version, content };
  });
  const { signoffs: _signoffs, ...record } = review.stakeholders?.[stakeholder] ?? {};
  const M = {
    v: 1,
    draft: { id: draft.id, contentDigest: sha256(match[2]!.replace(/\r\n?/g, "\n")) },
    facts: { ...draft.facts, ...review.facts },
    checklist,
    stakeholder: { id: stakeholder, record },
  };
  return sha256(canonicalize(M)!);
}

function independentVerify(
  signoff: NonNullable<Record_["signoffs"]>[number],
  stakeholder: string,
  publicKeyPem: string,
): boolean {
  const payload: Record<string, string> = {
    context: "preclear-signoff/v1",
    digest: signoff.digest,
    stakeholder,
    name: signoff.name,
    date: signoff.date,
    keyId: signoff.keyId!,
  };
  if (signoff.title !== undefined) payload.title = signoff.title;
  return verify(
    null,
    Buffer.from(canonicalize(payload)!, "utf8"),
    createPublicKey(publicKeyPem),
    Buffer.from(signoff.signature!, "base64"),
  );
}

// ── Making sign-offs with preclear ──────────────────────────────────────

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
let dir: string;

function preclear(...args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin", "preclear.js"), ...args], {
    cwd: dir,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`preclear ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "preclear-independent-"));
  cpSync(path.join(ROOT, "test", "fixtures", "signoff", "project"), dir, { recursive: true });
  for (const [id, name] of [
    ["usms", "J. Roe"],
    ["courts", "A. Clerk"],
    ["hhs-orr", "M. Chen"],
  ] as const) {
    // Private keys outside the trust list (a .key file in it is an error).
    preclear("keygen", "--id", `${id}-key`, "-o", "private");
    const pub = path.join(dir, "keys", `${id}-key.pub.yaml`);
    mkdirSync(path.dirname(pub), { recursive: true });
    writeFileSync(
      pub,
      readFileSync(path.join(dir, "private", `${id}-key.pub.yaml`), "utf8").replace(
        "stakeholders: []",
        `stakeholders: [${id}]`,
      ),
    );
    preclear(
      "signoff",
      "memo.md",
      "--stakeholder",
      id,
      "--name",
      name,
      "--title",
      "Director",
      "--decision",
      "concur",
      "--key",
      `private/${id}-key.key`,
      "--actor",
      "tester",
      "--as-of",
      "2018-03-28",
    );
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function trustedPublicKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of readdirSync(path.join(dir, "keys")).filter((f) => f.endsWith(".yaml"))) {
    const list = parse(readFileSync(path.join(dir, "keys", file), "utf8")) as {
      keys: Array<{ id: string; publicKey: string }>;
    };
    for (const key of list.keys) keys.set(key.id, key.publicKey);
  }
  return keys;
}

function signoffsOf(stakeholder: string): NonNullable<Record_["signoffs"]> {
  const review = parse(readFileSync(path.join(dir, "memo.review.yaml"), "utf8")) as {
    stakeholders: Record<string, Record_>;
  };
  return review.stakeholders[stakeholder]!.signoffs!;
}

test.each(["usms", "courts", "hhs-orr"])(
  "an independent script recomputes %s's digest and verifies its signature",
  (stakeholder) => {
    const [signoff] = signoffsOf(stakeholder);
    const digest = independentDigest(
      path.join(dir, "memo.md"),
      path.join(dir, "memo.review.yaml"),
      stakeholder,
    );
    expect(digest).toBe(signoff!.digest);
    const publicKey = trustedPublicKeys().get(signoff!.keyId!)!;
    expect(independentVerify(signoff!, stakeholder, publicKey)).toBe(true);
    // And the script is not a rubber stamp: another stakeholder's digest differs.
    expect(
      independentDigest(path.join(dir, "memo.md"), path.join(dir, "memo.review.yaml"), "ice"),
    ).not.toBe(signoff!.digest);
  },
);

test("the independent script and preclear agree that a changed draft is stale", () => {
  const draft = path.join(dir, "memo.md");
  const original = readFileSync(draft, "utf8");
  try {
    writeFileSync(draft, original.replace("practicable", "practical"));
    const digest = independentDigest(draft, path.join(dir, "memo.review.yaml"), "usms");
    expect(digest).not.toBe(signoffsOf("usms")[0]!.digest);
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, "bin", "preclear.js"), "verify", "memo.md"],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("the draft text changed");
  } finally {
    writeFileSync(draft, original);
  }
});
