#!/usr/bin/env node
/**
 * `npm run bench`: whole-process timings of the built CLI (dist/), as medians
 * of interleaved runs, compared with `node -e 0` and with ajv-cli, plus the
 * many-drafts path and its peak RSS. Prints a table and writes
 * bench/results.json. Not a unit test: figures depend on the machine.
 *
 *   node bench/run.js [--runs N] [--warmups N] [--quick]
 *
 * --quick: 5 runs, 1 warm-up, 200/400 drafts instead of 1,000/2,000 (a smoke
 * run; its figures are not the targets' figures).
 * --generate DIR N: only write N generated drafts into DIR (for profiling).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeWorstCases } from "./worst-cases.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin", "preclear.js");
const AJV = path.join(
  ROOT,
  "node_modules",
  ".bin",
  process.platform === "win32" ? "ajv.cmd" : "ajv",
);
const RSS_HOOK = path.join(ROOT, "bench", "rss-hook.js");
const EXAMPLE = "examples/zero-tolerance-2018.md";
const CHECKLIST = "checklists/doj-significant-policy.yaml";
const SCHEMA = "schemas/checklist.schema.json";

const TARGETS = {
  checkVsNode: 1.5, // check one draft ≤ 1.5 × node -e 0
  validateSpeedup: 4, // preclear validate ≥ 4 × faster than ajv-cli
  drafts1000Ms: 3000, // 1,000 drafts ≤ 3 s
  scaling: 2.1, // 2,000-draft time ≤ 2.1 × the 1,000-draft time
  rssMiB: 200, // peak RSS of the 1,000-draft run ≤ 200 MiB
  worstCpuMs: 2000, // worst input under the size limit: validate + check ≤ 2 s of CPU
  worstRssMiB: 256, // … and ≤ 256 MiB peak RSS (docs/security.md)
};

function parseArgs(argv) {
  const options = { runs: 15, warmups: 2, small: 1000, large: 2000, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick")
      Object.assign(options, { quick: true, runs: 5, warmups: 1, small: 200, large: 400 });
    else if (arg === "--runs") options.runs = Number(argv[++i]);
    else if (arg === "--warmups") options.warmups = Number(argv[++i]);
    else if (arg === "--generate") options.generate = { dir: argv[++i], count: Number(argv[++i]) };
    else if (arg === "--worst-only") options.worstOnly = true;
    else {
      process.stderr.write(`bench: unknown argument ${arg}\n`);
      process.exit(2);
    }
  }
  return options;
}

/** Run a command to completion; its wall time in ms. Output is discarded. */
function timed(command, args, allowedStatus = [0]) {
  const start = performance.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (!allowedStatus.includes(result.status)) {
    throw new Error(
      `${[command, ...args].join(" ")} exited ${result.status ?? result.signal}:\n${result.stderr}`,
    );
  }
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Medians of interleaved runs: each round runs every case once, so a burst of
 * load on the machine hits every case alike rather than one of them.
 */
function measure(cases, { runs, warmups }) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (let round = 0; round < warmups + runs; round++) {
    for (const c of cases) {
      const ms = timed(c.command, c.args, c.status);
      if (round >= warmups) samples.get(c.name).push(ms);
    }
    process.stderr.write(`\rbench: round ${round + 1}/${warmups + runs}`);
  }
  process.stderr.write("\r\x1b[K");
  return Object.fromEntries(
    cases.map((c) => {
      const s = samples.get(c.name);
      return [
        c.name,
        { medianMs: round1(median(s)), minMs: round1(Math.min(...s)), runs: s.length },
      ];
    }),
  );
}

const round1 = (n) => Math.round(n * 10) / 10;
const round2 = (n) => Math.round(n * 100) / 100;

/**
 * Peak RSS of one whole CLI run, in KiB. A preloaded hook records the
 * process's own maxRSS at exit (no dependency on /usr/bin/time, which a fresh
 * Debian machine may not have).
 */
function peakRss(args) {
  const out = path.join(os.tmpdir(), `preclear-bench-rss-${process.pid}.txt`);
  const result = spawnSync(
    process.execPath,
    ["--import", pathToFileURL(RSS_HOOK).href, BIN, ...args],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NO_COLOR: "1", PRECLEAR_BENCH_RSS_FILE: out },
    },
  );
  if (result.error) throw result.error;
  if (![0, 1].includes(result.status)) throw new Error(`rss run failed:\n${result.stderr}`);
  const kib = Number(readFileSync(out, "utf8"));
  rmSync(out, { force: true });
  return kib;
}

/** CPU time (ms) and peak RSS (KiB) of one CLI run in `cwd`, with the exit status. */
function usage(cwd, args) {
  const out = path.join(os.tmpdir(), `preclear-bench-usage-${process.pid}.json`);
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    ["--import", pathToFileURL(RSS_HOOK).href, BIN, ...args],
    {
      cwd,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NO_COLOR: "1", PRECLEAR_BENCH_USAGE_FILE: out },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const wallMs = performance.now() - start;
  if (result.error) throw result.error;
  if (![0, 1, 2].includes(result.status)) throw new Error(`run failed:\n${result.stderr}`);
  const measured = JSON.parse(readFileSync(out, "utf8"));
  rmSync(out, { force: true });
  return { ...measured, wallMs, status: result.status };
}

/**
 * The worst inputs under the size limit (bench/worst-cases.js): each is
 * validated and checked; the figure is the CPU time of both together (wall
 * time on a shared machine mostly measures the neighbours) and the higher
 * peak RSS. Best of `runs` runs, so a burst of load does not count.
 */
function worstCases(tmp, runs) {
  return writeWorstCases(path.join(tmp, "worst")).map((c) => {
    const samples = Array.from({ length: runs }, () => {
      const validate = usage(c.dir, ["validate", c.validate]);
      const check = usage(c.dir, ["--as-of", "2018-04-06", "check", c.check]);
      return {
        cpuMs: validate.cpuMs + check.cpuMs,
        wallMs: validate.wallMs + check.wallMs,
        rssMiB: Math.max(validate.maxRssKiB, check.maxRssKiB) / 1024,
      };
    });
    const best = samples.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
    return {
      name: c.name,
      cpuMs: round1(best.cpuMs),
      wallMs: round1(best.wallMs),
      rssMiB: round1(Math.min(...samples.map((s) => s.rssMiB))),
    };
  });
}

function worstRows(worst) {
  return worst.map((w) => [
    `worst: ${w.name} (validate + check)`,
    `${Math.round(w.cpuMs)} ms CPU, ${w.rssMiB} MiB`,
    `wall ${ms(w.wallMs)}`,
    "",
    `≤ ${TARGETS.worstCpuMs} ms, ≤ ${TARGETS.worstRssMiB} MiB`,
    yes(w.cpuMs <= TARGETS.worstCpuMs && w.rssMiB <= TARGETS.worstRssMiB),
  ]);
}

/** Cross-check with GNU time when the machine has it; null otherwise. */
function gnuTimeRss(args) {
  if (!existsSync("/usr/bin/time")) return null;
  const result = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, BIN, ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  const lines = String(result.stderr).trim().split("\n");
  const kib = Number(lines[lines.length - 1]);
  return Number.isFinite(kib) ? kib : null;
}

// --- generated drafts --------------------------------------------------------

/** Checklist lists the generated drafts rotate through, with facts each list declares. */
const PROFILES = [
  {
    checklists: ["doj-significant-policy", "usms-orr-communication"],
    facts: (i) => ({
      changesProsecutionVolume: i % 2 === 0,
      southwestBorder: true,
      custody: ["none", "federal-criminal", "immigration", "both"][i % 4],
      affectsFamilies: i % 3 !== 0,
      affectsOtherAgencies: true,
      projectedDefendantsPerMonth: 100 + (i % 50) * 40,
      projectedChildrenPerMonth: 10 + (i % 30) * 20,
    }),
    reviewFacts: (i) => ({
      averageDetentionDays: 3 + (i % 9),
      additionalAttorneysNeeded: i % 40,
      changesReferralPractice: i % 3 === 0,
      subjectToCourtOrder: true,
      sharesPersonalData: i % 2 === 0,
      isRule: false,
    }),
  },
  {
    checklists: ["doj-significant-policy", "interagency-agreement", "usms-orr-communication"],
    facts: (i) => ({
      changesProsecutionVolume: true,
      southwestBorder: i % 2 === 1,
      changesReferralPractice: i % 5 === 0,
      custody: "both",
      affectsFamilies: true,
      affectsOtherAgencies: true,
      subjectToCourtOrder: i % 2 === 0,
      sharesPersonalData: true,
      isRule: false,
      projectedDefendantsPerMonth: 500 + i,
    }),
    reviewFacts: (i) => ({
      projectedChildrenPerMonth: 50 + (i % 100),
      averageDetentionDays: 7,
      additionalAttorneysNeeded: 12,
    }),
  },
  {
    checklists: ["base-policy", "interagency-agreement"],
    facts: (i) => ({
      affectsOtherAgencies: true,
      custody: i % 2 ? "immigration" : "none",
      affectsFamilies: i % 2 === 1,
      subjectToCourtOrder: false,
      sharesPersonalData: i % 3 === 0,
      isRule: i % 7 === 0,
    }),
    reviewFacts: () => ({}),
  },
  {
    checklists: ["usms-orr-communication", "interagency-agreement"],
    facts: (i) => ({
      affectsOtherAgencies: true,
      custody: "federal-criminal",
      affectsFamilies: true,
      projectedChildrenPerMonth: 200 + (i % 25),
    }),
    reviewFacts: () => ({ subjectToCourtOrder: true, sharesPersonalData: true, isRule: false }),
  },
];

const yamlValue = (v) => (typeof v === "string" ? JSON.stringify(v) : String(v));

function draftText(i, profile) {
  const id = `bench-draft-${String(i).padStart(5, "0")}`;
  const facts = Object.entries(profile.facts(i))
    .map(([k, v]) => `    ${k}: ${yamlValue(v)}`)
    .join("\n");
  const day = String(1 + (i % 28)).padStart(2, "0");
  const paragraphs = Array.from(
    { length: 6 },
    (_, p) =>
      `Paragraph ${p + 1} of draft ${i}. The action office sets out the direction, the resources it ` +
      `needs and the offices that must act on it before the policy issues; each office named ` +
      `here is a stakeholder in the clearance record that accompanies this draft.`,
  ).join("\n\n");
  return `---
preclear:
  id: ${id}
  title: Generated draft ${i}
  issuer: Office of the Deputy Attorney General
  issuanceDate: 2018-05-${day}
  checklists: [${profile.checklists.join(", ")}]
  facts:
${facts}
---

# Generated draft ${i}

${paragraphs}
`;
}

function reviewText(i, profile) {
  const id = `bench-draft-${String(i).padStart(5, "0")}`;
  const facts = Object.entries(profile.reviewFacts(i));
  const status = ["satisfied", "open", "in-progress", "not-applicable"][i % 4];
  return `apiVersion: preclear/v1
kind: Review
draft: ${id}
${facts.length ? `facts:\n${facts.map(([k, v]) => `  ${k}: ${yamlValue(v)}`).join("\n")}\n` : ""}stakeholders:
  action-office:
    items:
      problem-and-objective:
        status: satisfied
        document: ${id}.md
      stakeholder-map:
        status: ${status}
${status === "not-applicable" ? "        justification: routed to every office named in the draft\n" : ""}${status === "satisfied" ? "        document: routing-list.pdf\n" : ""}      implementation-plan:
        status: in-progress
        notes: Plan drafted; awaiting the detention figures.
    decision:
      status: concur
      by: Director, action office
      date: 2018-04-0${1 + (i % 9)}
  legal-counsel:
    items:
      legal-authority:
        status: satisfied
        contact: Office of Legal Policy
        date: 2018-03-30
        document: evidence/legal-review.pdf
      litigation-exposure:
        status: open
`;
}

function generateDrafts(dir, count) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const profile = PROFILES[i % PROFILES.length];
    const base = path.join(dir, `bench-draft-${String(i).padStart(5, "0")}`);
    writeFileSync(`${base}.md`, draftText(i, profile));
    writeFileSync(`${base}.review.yaml`, reviewText(i, profile));
  }
}

// --- sanity checks -------------------------------------------------------------

/** Both validators must accept the checklist and reject a broken copy of it. */
function checkSameValidation(tmp) {
  const ajvArgs = (data) => [
    "validate",
    "--spec=draft2020",
    "-c",
    "ajv-formats",
    "-s",
    SCHEMA,
    "-d",
    data,
  ];
  const broken = path.join(tmp, "broken-checklist.yaml");
  writeFileSync(
    broken,
    readFileSync(path.join(ROOT, CHECKLIST), "utf8").replace(/^version: .*$/m, "version: 1.x"),
  );
  const status = (command, args) =>
    spawnSync(command, args, { cwd: ROOT, stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } })
      .status;
  const results = {
    preclearValid: status(process.execPath, [BIN, "validate", CHECKLIST]),
    ajvValid: status(AJV, ajvArgs(CHECKLIST)),
    preclearBroken: status(process.execPath, [BIN, "validate", broken]),
    ajvBroken: status(AJV, ajvArgs(broken)),
  };
  const ok =
    results.preclearValid === 0 &&
    results.ajvValid === 0 &&
    results.preclearBroken !== 0 &&
    results.ajvBroken !== 0;
  if (!ok) {
    throw new Error(
      `preclear and ajv-cli disagree about ${CHECKLIST} (exit statuses ${JSON.stringify(results)})`,
    );
  }
}

// --- report --------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    memoryGiB: round1(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map(round2),
  };
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) => `| ${r.map((v, c) => String(v).padEnd(widths[c])).join(" | ")} |`;
  return [
    line(rows[0]),
    `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
    ...rows.slice(1).map(line),
  ].join("\n");
}

const ms = (n) => `${Math.round(n)} ms`;
const yes = (ok) => (ok ? "yes" : "NO");

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.generate) {
    generateDrafts(path.resolve(options.generate.dir), options.generate.count);
    return;
  }
  if (!existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
    process.stderr.write("bench: dist/ is missing; run `npm run build` first\n");
    process.exit(2);
  }
  if (!existsSync(AJV)) {
    process.stderr.write("bench: node_modules/.bin/ajv is missing; run `npm ci` first\n");
    process.exit(2);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "preclear-bench-"));
  if (options.worstOnly) {
    try {
      process.stderr.write("bench: worst inputs under the size limit\n");
      const worst = worstCases(tmp, options.quick ? 1 : 3);
      process.stdout.write(
        `${table([["measure", "figure", "", "", "target", "met"], ...worstRows(worst)])}\n`,
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return;
  }
  try {
    checkSameValidation(tmp);
    const smallDir = path.join(tmp, `drafts-${options.small}`);
    const largeDir = path.join(tmp, `drafts-${options.large}`);
    generateDrafts(smallDir, options.small);
    generateDrafts(largeDir, options.large);
    const node = process.execPath;
    const checkBulk = (dir) => [BIN, "check", "--as-of", "2018-04-06", dir];

    process.stderr.write("bench: start-up and validate\n");
    // One generated draft (the start-up target) and the example, whose 23
    // offices make it the heaviest single draft we ship.
    const oneDraft = path.join(smallDir, "bench-draft-00000.md");
    const startup = measure(
      [
        { name: "node -e 0", command: node, args: ["-e", "0"] },
        { name: "--version", command: node, args: [BIN, "--version"] },
        { name: "--help", command: node, args: [BIN, "--help"] },
        {
          name: "check one",
          command: node,
          args: [BIN, "check", "--as-of", "2018-04-06", oneDraft],
          status: [0, 1],
        },
        {
          name: "check example",
          command: node,
          args: [BIN, "check", "--as-of", "2018-04-06", EXAMPLE],
          status: [0, 1],
        },
        { name: "validate", command: node, args: [BIN, "validate", CHECKLIST] },
        {
          name: "ajv validate",
          command: AJV,
          args: [
            "validate",
            "--spec=draft2020",
            "-c",
            "ajv-formats",
            "-s",
            SCHEMA,
            "-d",
            CHECKLIST,
          ],
        },
      ],
      options,
    );
    process.stderr.write(`bench: ${options.small} and ${options.large} drafts\n`);
    const bulk = measure(
      [
        { name: "small", command: node, args: checkBulk(smallDir), status: [0, 1] },
        { name: "large", command: node, args: checkBulk(largeDir), status: [0, 1] },
      ],
      options,
    );
    process.stderr.write("bench: peak RSS\n");
    const rssKiB = Math.max(...[0, 1, 2].map(() => peakRss(checkBulk(smallDir).slice(1))));
    const gnuKiB = gnuTimeRss(checkBulk(smallDir).slice(1));
    process.stderr.write("bench: worst inputs under the size limit\n");
    const worst = worstCases(tmp, options.quick ? 1 : 3);

    const nodeMs = startup["node -e 0"].medianMs;
    const checkMs = startup["check one"].medianMs;
    const exampleMs = startup["check example"].medianMs;
    const versionMs = startup["--version"].medianMs;
    const helpMs = startup["--help"].medianMs;
    const validateMs = startup.validate.medianMs;
    const ajvMs = startup["ajv validate"].medianMs;
    const smallMs = bulk.small.medianMs;
    const largeMs = bulk.large.medianMs;
    const figures = {
      checkVsNode: round2(checkMs / nodeMs),
      exampleVsNode: round2(exampleMs / nodeMs),
      versionVsNode: round2(versionMs / nodeMs),
      helpVsNode: round2(helpMs / nodeMs),
      validateSpeedup: round2(ajvMs / validateMs),
      drafts1000Ms: options.small === 1000 ? smallMs : null,
      scaling: round2(largeMs / smallMs),
      rssMiB: round1(rssKiB / 1024),
    };
    const met = {
      checkVsNode: figures.checkVsNode <= TARGETS.checkVsNode,
      validateSpeedup: figures.validateSpeedup >= TARGETS.validateSpeedup,
      drafts1000Ms: figures.drafts1000Ms !== null && figures.drafts1000Ms <= TARGETS.drafts1000Ms,
      scaling: figures.scaling <= TARGETS.scaling,
      rssMiB: figures.rssMiB <= TARGETS.rssMiB,
      worst: worst.every((w) => w.cpuMs <= TARGETS.worstCpuMs && w.rssMiB <= TARGETS.worstRssMiB),
    };
    const info = machine();
    const date = new Date().toISOString();

    const rows = [
      ["measure", "median", "vs", "ratio", "target", "met"],
      [
        "`--version`",
        ms(versionMs),
        `node -e 0: ${ms(nodeMs)}`,
        `${figures.versionVsNode}×`,
        "",
        "",
      ],
      ["`--help`", ms(helpMs), `node -e 0: ${ms(nodeMs)}`, `${figures.helpVsNode}×`, "", ""],
      [
        "`check` one draft",
        ms(checkMs),
        `node -e 0: ${ms(nodeMs)}`,
        `${figures.checkVsNode}×`,
        `≤ ${TARGETS.checkVsNode}×`,
        yes(met.checkVsNode),
      ],
      [
        "`check` the example (34 offices)",
        ms(exampleMs),
        `node -e 0: ${ms(nodeMs)}`,
        `${figures.exampleVsNode}×`,
        "",
        "",
      ],
      [
        "`validate` a checklist",
        ms(validateMs),
        `ajv-cli: ${ms(ajvMs)}`,
        `${figures.validateSpeedup}× faster`,
        `≥ ${TARGETS.validateSpeedup}× faster`,
        yes(met.validateSpeedup),
      ],
      [
        `\`check\` ${options.small} drafts`,
        ms(smallMs),
        "",
        "",
        `≤ ${TARGETS.drafts1000Ms} ms (1,000)`,
        options.small === 1000 ? yes(met.drafts1000Ms) : "n/a",
      ],
      [
        `\`check\` ${options.large} drafts`,
        ms(largeMs),
        `${options.small} drafts`,
        `${figures.scaling}×`,
        `≤ ${TARGETS.scaling}×`,
        yes(met.scaling),
      ],
      [
        `peak RSS, ${options.small} drafts`,
        `${figures.rssMiB} MiB`,
        "",
        "",
        `≤ ${TARGETS.rssMiB} MiB`,
        yes(met.rssMiB),
      ],
      ...worstRows(worst),
    ];
    const text = table(rows);
    const header = `${info.cpuCount} × ${info.cpuModel}, ${info.memoryGiB} GiB, ${info.os}, Node ${info.node}; ${options.runs} runs after ${options.warmups} warm-ups, medians; ${date.slice(0, 10)}`;
    process.stdout.write(`${text}\n\n${header}\n`);

    const results = {
      date,
      machine: info,
      options,
      targets: TARGETS,
      figures,
      met,
      timings: {
        ...startup,
        [`check ${options.small} drafts`]: bulk.small,
        [`check ${options.large} drafts`]: bulk.large,
      },
      peakRss: {
        method: "process.resourceUsage().maxRSS at exit (bench/rss-hook.js)",
        kib: rssKiB,
        gnuTimeKiB: gnuKiB,
      },
      worstCases: worst,
      table: text,
    };
    if (!options.quick)
      writeFileSync(
        path.join(ROOT, "bench", "results.json"),
        `${JSON.stringify(results, null, 2)}\n`,
      );
    else process.stderr.write("bench: --quick, bench/results.json left as it was\n");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
