/**
 * What `preclear init` writes: a config, a draft whose front matter lists the
 * chosen checklists and their scoping questions, an empty review, and
 * optionally a CI workflow. Pure: returns files; the CLI writes them.
 */
import { stringify } from "yaml";
import type { ResolvedChecklist } from "./load/checklist.js";

export interface ScaffoldOptions {
  id: string;
  title: string;
  issuer?: string;
  issuanceDate?: string;
  checklists: string[];
  resolved: ResolvedChecklist;
  ci?: "github" | "gitlab";
}

export interface ScaffoldFile {
  path: string;
  content: string;
}

export function scaffold(options: ScaffoldOptions): ScaffoldFile[] {
  const files: ScaffoldFile[] = [
    { path: "preclear.config.yaml", content: configFile() },
    { path: `${options.id}.md`, content: draftFile(options) },
    { path: `${options.id}.review.yaml`, content: reviewFile(options.id) },
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
  const head = stringify({ preclear: block }, { lineWidth: 0 }).trimEnd();
  const facts = [...o.resolved.facts.values()].map(({ name, fact }) => {
    const hint =
      fact.type === "enum"
        ? ` (one of: ${(fact.options ?? []).join(", ")})`
        : fact.type === "date"
          ? " (YYYY-MM-DD)"
          : ` (${fact.type})`;
    return `  #   ${name}:    # ${fact.question}${hint}`;
  });
  return `---
${head}
  # The scoping questions decide which stakeholders apply. Answer them here
  # (replace {} with the answers) or in the review; \`preclear review\` asks
  # the ones still open.
  facts: {}
${facts.join("\n")}
---

# ${o.title}

Write the policy text here. Its exact text is what sign-offs are bound to.
`;
}

function reviewFile(id: string): string {
  return `# yaml-language-server: $schema=https://preclear.dev/schemas/v1/review.schema.json
# The coordination record. Fill it in with \`preclear review ${id}.md\`.
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
