/**
 * The worst inputs under the size limit (limits.maxFileBytes, 1 MiB) that
 * issue 17 found quadratic, for `npm run bench`: each is a project directory
 * whose draft is checked and whose suspect file is validated, and the bench
 * reports CPU time and peak RSS of both (docs/security.md promises ≤ 2 s and
 * ≤ 256 MiB). Kept in one place so the bench and `node bench/worst-cases.js
 * DIR` (to profile one by hand) write the same bytes.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIMIT = 1024 * 1024;

/** Keys and list entries a file may hold (src/core/load/yaml.ts MAX_YAML_NODES). */
const MAX_NODES = 40_000;

/**
 * Lines from `line(i)` until the next would pass `budget` bytes or the file
 * would hold more than `maxLines` of them (just under the node limit: a file
 * over it is refused before parsing, cheaply).
 */
function fill(head, line, budget = LIMIT - 1024, maxLines = MAX_NODES - 100) {
  const parts = [head];
  let size = Buffer.byteLength(head);
  for (let i = 0; i < maxLines; i++) {
    const next = line(i);
    size += Buffer.byteLength(next);
    if (size > budget) break;
    parts.push(next);
  }
  return parts.join("");
}

const REVIEW_HEAD = "apiVersion: preclear/v1\nkind: Review\ndraft: zero-tolerance-2018\n";

/** name → files of the project (relative path → text); `validate` and `check` name the files. */
export const WORST_CASES = {
  // 1 MiB of unknown top-level review keys: one schema problem each, located.
  "review: unknown keys": {
    files: { "examples/zero-tolerance-2018.review.yaml": fill(REVIEW_HEAD, (i) => `k${i}: 1\n`) },
    validate: "examples/zero-tolerance-2018.review.yaml",
  },
  // Review items the checklist does not have: one finding each, located and merged.
  "review: unknown items": {
    files: {
      "examples/zero-tolerance-2018.review.yaml": fill(
        `${REVIEW_HEAD}stakeholders:\n  usms:\n    items:\n`,
        (i) => `      unknown-item-${i}: {status: open}\n`,
        LIMIT - 1024,
        MAX_NODES / 2 - 100, // two entries a line: the item and its flow mapping
      ),
    },
    validate: "examples/zero-tolerance-2018.review.yaml",
  },
  // One flow list: as many entries as the node limit allows.
  "review: flow list at the node limit": {
    files: {
      "examples/zero-tolerance-2018.review.yaml": fill(
        `${REVIEW_HEAD}notes: [`,
        () => "1,",
      ).replace(/,$/, "]\n"),
    },
    validate: "examples/zero-tolerance-2018.review.yaml",
  },
  // One flow list of 1 MiB: half a million entries, refused before parsing.
  "review: 1 MiB flow list": {
    files: {
      "examples/zero-tolerance-2018.review.yaml": fill(
        `${REVIEW_HEAD}notes: [`,
        () => "1,",
        LIMIT - 1024,
        Infinity,
      ).replace(/,$/, "]\n"),
    },
    validate: "examples/zero-tolerance-2018.review.yaml",
  },
  // A checklist of unknown keys in one item: located against a long mapping.
  "checklist: unknown keys": {
    files: {
      "local.yaml": fill(
        "apiVersion: preclear/v1\nkind: Checklist\nid: local\ntitle: L\nversion: 1.0.0\nstakeholders:\n  - id: usms\n    name: U\n    items:\n      - id: a\n        question: Q?\n",
        (i) => `        k${i}: 1\n`,
      ),
      "memo.md":
        "---\npreclear:\n  id: memo\n  title: Memo\n  issuanceDate: 2018-04-06\n  checklists: [./local.yaml]\n---\nText.\n",
    },
    validate: "local.yaml",
    check: "memo.md",
  },
  // Draft front matter full of unknown keys.
  "draft: unknown front-matter keys": {
    files: {
      "memo.md": `${fill(
        "---\npreclear:\n  id: memo\n  title: Memo\n  issuanceDate: 2018-04-06\n  checklists: [doj-significant-policy]\n",
        (i) => `  k${i}: 1\n`,
      )}---\nText.\n`,
    },
    validate: "memo.md",
    check: "memo.md",
  },
};

/** Write every case as a project under `dir`; returns [{ name, dir, validate, check }]. */
export function writeWorstCases(dir) {
  return Object.entries(WORST_CASES).map(([name, c], index) => {
    const project = path.join(dir, `worst-${index}`);
    mkdirSync(path.join(project, ".git"), { recursive: true });
    cpSync(path.join(ROOT, "examples"), path.join(project, "examples"), { recursive: true });
    for (const [file, text] of Object.entries(c.files)) {
      mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      writeFileSync(path.join(project, file), text);
    }
    return {
      name,
      dir: project,
      validate: c.validate,
      check: c.check ?? "examples/zero-tolerance-2018.md",
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write("usage: node bench/worst-cases.js DIR\n");
    process.exit(2);
  }
  for (const c of writeWorstCases(path.resolve(dir))) process.stdout.write(`${c.name}: ${c.dir}\n`);
}
