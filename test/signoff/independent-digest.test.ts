/**
 * A third party, with docs/digest.md and docs/signing.md in hand and none of
 * preclear's code, recomputes the digest of every sign-off (version 2, both
 * in JavaScript and with the jq program the documentation prints; and
 * version 1) and verifies its signature. Only node:crypto, yaml,
 * canonicalize and jq below; preclear itself is run as the built binary.
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
import { parse, parseDocument } from "yaml";

// ── The independent script (from docs/digest.md and docs/signing.md) ─────

const sha256 = (data: string) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

interface Record_ {
  signoffs?: Array<{
    parts?: Record<string, string>;
    name: string;
    title?: string;
    date: string;
    digest: string;
    keyId?: string;
    signature?: string;
  }>;
  [field: string]: unknown;
}

interface DraftBlock {
  id: string;
  checklists: string[];
  facts?: Record<string, unknown>;
  [field: string]: unknown;
}
interface ReviewFile {
  facts?: Record<string, unknown>;
  stakeholders?: Record<string, Record_>;
}
interface ChecklistFile {
  id: string;
  version: string;
  facts?: Record<string, unknown>;
  sources?: Array<{ id: string }>;
  stakeholders?: Array<{ id: string; items?: Array<{ sources?: string[] }> }>;
}

/** The draft's preclear: block and its body, as docs/digest.md reads them. */
function readDraft(draftFile: string): { draft: DraftBlock; body: string } {
  const text = readFileSync(draftFile, "utf8").replace(/^\uFEFF/, "");
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(
    text,
  );
  if (!match) throw new Error("no front matter");
  return {
    draft: (parse(match[1]!) as { preclear: DraftBlock }).preclear,
    body: match[2]!.replace(/\r\n?/g, "\n"),
  };
}

/** Checklists named by path (this fixture has no `extends`). */
function readChecklists(draftFile: string, draft: DraftBlock): ChecklistFile[] {
  return draft.checklists.map(
    (ref) =>
      parse(readFileSync(path.resolve(path.dirname(draftFile), ref), "utf8")) as ChecklistFile,
  );
}

/** Version 2, in plain JavaScript from the definition's table. */
function independentDigest(draftFile: string, reviewFile: string, stakeholder: string): string {
  const { draft, body } = readDraft(draftFile);
  const review = parse(readFileSync(reviewFile, "utf8")) as ReviewFile;
  const checklists = readChecklists(draftFile, draft);
  const definition = checklists.flatMap((c) =>
    (c.stakeholders ?? [])
      .filter((s) => s.id === stakeholder)
      .map((entry) => ({ checklist: c.id, entry })),
  );
  const declared = new Map<string, unknown>();
  const sourceDefs = new Map<string, unknown>();
  for (const c of checklists) {
    for (const [name, fact] of Object.entries(c.facts ?? {}))
      if (!declared.has(name)) declared.set(name, fact);
    for (const source of c.sources ?? [])
      if (!sourceDefs.has(source.id)) sourceDefs.set(source.id, source);
  }
  const values: Record<string, unknown> = { ...draft.facts, ...review.facts };
  const used = new Set<string>();
  const strings = (v: unknown): string[] =>
    typeof v === "string"
      ? [v]
      : v && typeof v === "object"
        ? Object.values(v).flatMap(strings)
        : [];
  for (const text of definition.flatMap((d) => strings(d.entry))) {
    for (const m of text.matchAll(
      /facts\s*(?:\.\s*([A-Za-z][A-Za-z0-9_]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])/g,
    ))
      used.add(m[1] ?? m[2] ?? m[3]!);
  }
  const facts: Record<string, unknown> = {};
  for (const name of used) {
    if (!declared.has(name)) continue;
    facts[name] = {
      declaration: declared.get(name),
      ...(name in values ? { value: values[name] } : {}),
    };
  }
  const sources: Record<string, unknown> = {};
  for (const item of definition.flatMap((d) => d.entry.items ?? []))
    for (const id of item.sources ?? []) if (sourceDefs.has(id)) sources[id] = sourceDefs.get(id);
  const { review: _r, document: _d, apiVersion: _a, kind: _k, $schema: _s, ...fields } = draft;
  const { signoffs: _signoffs, ...record } = review.stakeholders?.[stakeholder] ?? {};
  const M = {
    v: 2,
    draft: fields,
    text: { format: "markdown", digest: sha256(body) },
    facts,
    stakeholder: { id: stakeholder, definition, sources, record },
  };
  return sha256(canonicalize(M)!);
}

/** Version 2, with the jq program printed in docs/digest.md. */
function jqDigest(draftFile: string, reviewFile: string, stakeholder: string): string {
  const doc = readFileSync(path.join(ROOT, "docs", "digest.md"), "utf8");
  const program = /```jq\n([\s\S]*?)```/.exec(doc)![1]!.replace(/^ {3}/gm, "");
  const { draft, body } = readDraft(draftFile);
  const review = parse(readFileSync(reviewFile, "utf8")) as ReviewFile;
  const result = spawnSync(
    "jq",
    [
      "-n",
      program,
      "--argjson",
      "draft",
      JSON.stringify(draft),
      "--argjson",
      "review",
      JSON.stringify(review),
      "--argjson",
      "checklists",
      JSON.stringify(readChecklists(draftFile, draft)),
      "--arg",
      "s",
      stakeholder,
      "--arg",
      "format",
      "markdown",
      "--arg",
      "text",
      sha256(body),
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`jq: ${result.stderr}`);
  return sha256(canonicalize(JSON.parse(result.stdout))!);
}

const HAS_JQ = spawnSync("jq", ["--version"]).status === 0;

/** Version 1 (docs/digest.md, "Version 1"), for sign-offs made before version 2. */
function independentDigestV1(draftFile: string, reviewFile: string, stakeholder: string): string {
  const { draft, body } = readDraft(draftFile);
  const review = parse(readFileSync(reviewFile, "utf8")) as ReviewFile;
  const checklist = readChecklists(draftFile, draft).map((content) => ({
    id: content.id,
    version: content.version,
    content,
  }));
  const { signoffs: _signoffs, ...record } = review.stakeholders?.[stakeholder] ?? {};
  const M = {
    v: 1,
    draft: { id: draft.id, contentDigest: sha256(body) },
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

(HAS_JQ ? test : test.skip).each(["usms", "courts", "hhs-orr", "ice"])(
  "the jq program of docs/digest.md gives %s's digest",
  (stakeholder) => {
    const draft = path.join(dir, "memo.md");
    const review = path.join(dir, "memo.review.yaml");
    const digest = jqDigest(draft, review, stakeholder);
    expect(digest).toBe(independentDigest(draft, review, stakeholder));
    if (stakeholder !== "ice") expect(digest).toBe(signoffsOf(stakeholder)[0]!.digest);
  },
);

test("retitling the draft: the independent script and preclear agree it is stale, and preclear names the field", () => {
  const draft = path.join(dir, "memo.md");
  const original = readFileSync(draft, "utf8");
  try {
    writeFileSync(
      draft,
      original.replace(/title: .*/, "title: Rescission of all prior guidance on § 1325(a)"),
    );
    for (const id of ["usms", "courts", "hhs-orr"]) {
      expect(independentDigest(draft, path.join(dir, "memo.review.yaml"), id)).not.toBe(
        signoffsOf(id)[0]!.digest,
      );
    }
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, "bin", "preclear.js"), "verify", "memo.md"],
      { cwd: dir, encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stdout.match(/the draft's `title` changed since the sign-off/g)).toHaveLength(3);
  } finally {
    writeFileSync(draft, original);
  }
});

test("a version 1 sign-off (no digestVersion) in an existing review still verifies, as version 1", () => {
  const v1 = mkdtempSync(path.join(os.tmpdir(), "preclear-v1-"));
  try {
    cpSync(path.join(ROOT, "test", "fixtures", "signoff", "project"), v1, { recursive: true });
    mkdirSync(path.join(v1, "keys"));
    const draft = path.join(v1, "memo.md");
    const reviewFile = path.join(v1, "memo.review.yaml");
    const doc = parseDocument(readFileSync(reviewFile, "utf8"));
    const digest = independentDigestV1(draft, reviewFile, "usms");
    doc.setIn(
      ["stakeholders", "usms", "signoffs"],
      [{ name: "J. Roe", title: "Assistant Director", date: "2018-03-28", digest }],
    );
    writeFileSync(reviewFile, doc.toString());
    const verify = () =>
      spawnSync(
        process.execPath,
        [path.join(ROOT, "bin", "preclear.js"), "verify", "memo.md", "--format", "json"],
        {
          cwd: v1,
          encoding: "utf8",
        },
      );
    const ok = JSON.parse(verify().stdout) as {
      stakeholders: Array<{ id: string; state: string }>;
    };
    expect(ok.stakeholders.find((s) => s.id === "usms")!.state).toBe("valid");
    writeFileSync(draft, readFileSync(draft, "utf8").replace("practicable", "practical"));
    const result = verify();
    expect(result.status).toBe(1);
    const stale = JSON.parse(result.stdout) as {
      stakeholders: Array<{ id: string; state: string; detail: string }>;
    };
    expect(stale.stakeholders.find((s) => s.id === "usms")).toMatchObject({ state: "stale" });
  } finally {
    rmSync(v1, { recursive: true, force: true });
  }
});

const HAS_SHELL_TOOLS = ["awk", "sed", "sha256sum"].every(
  (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0,
);

(HAS_SHELL_TOOLS ? test : test.skip)(
  "the shell command of docs/digest.md gives the text digest of the body",
  () => {
    const doc = readFileSync(path.join(ROOT, "docs", "digest.md"), "utf8");
    const command = /```sh\n\s*(awk .*sha256sum)\n/.exec(doc)![1]!;
    const result = spawnSync("sh", ["-c", command], { cwd: dir, encoding: "utf8" });
    expect(result.status).toBe(0);
    const hex = result.stdout.split(" ")[0];
    expect(`sha256:${hex}`).toBe(sha256(readDraft(path.join(dir, "memo.md")).body));
    expect(signoffsOf("usms")[0]!.parts).toMatchObject({ text: `sha256:${hex}` });
  },
);
