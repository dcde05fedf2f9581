/**
 * What `preclear init` writes: a config, a draft whose front matter lists the
 * chosen checklists and their scoping questions, an empty review, and
 * optionally a CI workflow. Pure: returns files; the CLI writes them.
 */
import { stringify } from "yaml";
import type { ResolvedChecklist } from "./load/checklist.js";
import type { FactValue } from "./types/draft.js";

export interface ScaffoldOptions {
  id: string;
  /** File name of the draft and its review, without extension (default: the id). */
  name?: string;
  title: string;
  issuer?: string;
  issuanceDate?: string;
  checklists: string[];
  resolved: ResolvedChecklist;
  /** Scoping facts already answered; the others are listed as comments to fill in. */
  facts?: Record<string, FactValue>;
  ci?: "github" | "gitlab";
}

export interface ScaffoldFile {
  path: string;
  content: string;
}

export function scaffold(options: ScaffoldOptions): ScaffoldFile[] {
  const files: ScaffoldFile[] = [
    { path: "preclear.config.yaml", content: configFile() },
    { path: `${options.name ?? options.id}.md`, content: draftFile(options) },
    {
      path: `${options.name ?? options.id}.review.yaml`,
      content: reviewFile(options.id, options.name ?? options.id),
    },
  ];
  if (options.ci === "github")
    files.push({ path: ".github/workflows/preclear.yml", content: githubWorkflow() });
  if (options.ci === "gitlab") files.push({ path: ".gitlab-ci.yml", content: gitlabCi() });
  return files;
}

function configFile(): string {
  return `# yaml-language-server: $schema=https://preclear.dev/schemas/v1/config.schema.json
# preclear settings for this repository. See \`preclear schema config\`.

# Directories with local checklists (searched before the built-in ones):
# checklists: [checklists]

# Who may sign for which stakeholder (see preclear keygen):
# trustedKeys: keys/trusted.yaml

failOn: error
`;
}

function draftFile(o: ScaffoldOptions): string {
  const block: Record<string, unknown> = { id: o.id, title: o.title };
  if (o.issuer) block.issuer = o.issuer;
  if (o.issuanceDate) block.issuanceDate = o.issuanceDate;
  block.checklists = o.checklists;
  const answered = o.facts ?? {};
  if (Object.keys(answered).length > 0) block.facts = answered;
  const head = stringify({ preclear: block }, { lineWidth: 0 }).trimEnd();
  const open = [...o.resolved.facts.values()].filter(({ name }) => !(name in answered));
  const hints = open.map(({ name, fact }) => {
    const hint =
      fact.type === "enum"
        ? ` (one of: ${(fact.options ?? []).join(", ")})`
        : fact.type === "date"
          ? " (YYYY-MM-DD)"
          : ` (${fact.type})`;
    return `    # ${name}:    # ${oneLine(fact.question)}${hint}`;
  });
  const facts =
    Object.keys(answered).length > 0
      ? open.length > 0
        ? `    # Still to answer (uncomment, keep the indentation) — or let \`preclear review\` ask:\n${hints.join("\n")}\n`
        : ""
      : `  # The scoping questions decide which stakeholders apply. Answer them here
  # (replace {} with the answers) or in the review; \`preclear review\` asks
  # the ones still open.
  facts: {}
${hints.map((h) => h.replace(/^ {4}/, "  #   ").replace("#   # ", "#   ")).join("\n")}
`;
  return `---
${head}
${facts}---

# ${oneLine(o.title)}

Write the policy text here. Its exact text is what sign-offs are bound to.
`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function reviewFile(id: string, name: string): string {
  return `# yaml-language-server: $schema=https://preclear.dev/schemas/v1/review.schema.json
# The coordination record. Fill it in with \`preclear review ${name}.md\`.
apiVersion: preclear/v1
kind: Review
draft: ${id}
stakeholders: {}
`;
}

function githubWorkflow(): string {
  return `name: preclear
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  security-events: write
jobs:
  clearance:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - name: Check coordination
        run: npx preclear check --format github --format sarif --output preclear.sarif
      - name: Upload SARIF
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: preclear.sarif
          category: preclear
`;
}

function gitlabCi(): string {
  return `preclear:
  image: node:20
  script:
    - npm ci
    - npx preclear check --format stylish --format junit --output preclear-junit.xml
  artifacts:
    when: always
    reports:
      junit: preclear-junit.xml
`;
}
