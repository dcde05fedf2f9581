/**
 * Specification of the built-in checklists shipped in `checklists/` (second
 * edition) and of the examples that use them.
 *
 * The content tests read the YAML directly with `yaml` and `ajv` — not through
 * preclear's loader — so they state what the shipped content must be,
 * independently of the code that evaluates it. The scoping tests evaluate
 * drafts in-process, as `explain` would.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parse } from "yaml";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { ChecklistLibrary } from "../src/core/load/checklist.js";
import { evaluate, loadBundle } from "../src/core/evaluate/evaluate.js";
import type { Evaluation } from "../src/core/evaluate/evaluate.js";
import { lint } from "../src/core/rules/lint.js";

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

interface Source {
  id: string;
  title: string;
  url?: string;
  kind?: string;
  pinpoint?: string;
}
interface Fact {
  type: string;
  question: string;
  options?: string[];
  help?: string;
}
interface Item {
  id: string;
  question?: string;
  guidance?: string;
  severity?: string;
  appliesWhen?: string;
  due?: string;
  evidence?: string[];
  capacity?: { demand: string; unit?: string; availableBy?: string };
  sources?: string[];
  needs?: string[];
}
interface Stakeholder {
  id: string;
  name?: string;
  agency?: string;
  role?: string;
  level?: string;
  description?: string;
  appliesWhen?: string;
  dependsOn?: string[];
  signoff?: string;
  confirmScopeOut?: boolean;
  escalateTo?: string[];
  items?: Item[];
}
interface Checklist {
  id: string;
  title: string;
  version: string;
  description?: string;
  extends?: string[];
  escalateTo?: string[];
  sources?: Source[];
  facts?: Record<string, Fact>;
  stakeholders: Stakeholder[];
}
interface BuiltIn {
  file: string;
  text: string;
  checklist: Checklist;
}

const root = fileURLToPath(new URL("..", import.meta.url));
const checklistDir = join(root, "checklists");
const MODELINE = "# yaml-language-server: $schema=../schemas/checklist.schema.json";
const EXPECTED_IDS = [
  "base-policy",
  "border-prosecution",
  "doj-components",
  "doj-significant-policy",
  "interagency-agreement",
  "usao-districts",
  "usms-orr-communication",
];
const BORDER_USAOS = ["usao-sdca", "usao-az", "usao-nm", "usao-wdtx", "usao-sdtx"];
const DOJ_ESCALATION = ["Deputy Attorney General", "Attorney General"];

const builtIns: BuiltIn[] = readdirSync(checklistDir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => {
    const text = readFileSync(join(checklistDir, file), "utf8");
    return { file, text, checklist: parse(text) as Checklist };
  });
const byId = new Map(builtIns.map((b) => [b.checklist.id, b.checklist]));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(
  JSON.parse(readFileSync(join(root, "schemas", "checklist.schema.json"), "utf8")) as object,
);

function get(id: string): Checklist {
  const c = byId.get(id);
  if (!c) throw new Error(`no built-in checklist ${id}`);
  return c;
}

/** The checklist and everything it extends, ancestors first, each once. */
function lineage(id: string, seen: string[] = [], out: Checklist[] = []): Checklist[] {
  if (seen.includes(id)) throw new Error(`extends cycle: ${[...seen, id].join(" -> ")}`);
  const c = get(id);
  for (const p of c.extends ?? []) lineage(p, [...seen, id], out);
  if (!out.includes(c)) out.push(c);
  return out;
}

function sourcesOf(id: string): Map<string, Source> {
  return new Map(lineage(id).flatMap((c) => (c.sources ?? []).map((s) => [s.id, s] as const)));
}

function allStakeholders(): Stakeholder[] {
  return builtIns.flatMap((b) => b.checklist.stakeholders);
}

/** Every item as its checklist resolves it (an entry that only overrides an inherited item is merged into it). */
function allItems(): { checklist: Checklist; stakeholder: Stakeholder; item: Item }[] {
  return builtIns.flatMap(({ checklist }) =>
    checklist.stakeholders.flatMap((stakeholder) =>
      (stakeholder.items ?? []).map((own) => ({
        checklist,
        stakeholder,
        item: resolved(checklist.id, stakeholder.id).items.find((i) => i.id === own.id)!,
      })),
    ),
  );
}

/** A stakeholder as the checklist `id` resolves it: fields merged, items by id. */
function resolved(id: string, stakeholderId: string): Stakeholder & { items: Item[] } {
  const merged: Stakeholder & { items: Item[] } = { id: stakeholderId, items: [] };
  for (const c of lineage(id)) {
    const s = c.stakeholders.find((x) => x.id === stakeholderId);
    if (!s) continue;
    const { items, dependsOn, ...fields } = s;
    Object.assign(merged, fields);
    merged.dependsOn = [...new Set([...(merged.dependsOn ?? []), ...(dependsOn ?? [])])];
    for (const item of items ?? []) {
      const at = merged.items.findIndex((i) => i.id === item.id);
      if (at < 0) merged.items.push({ ...item });
      else merged.items[at] = { ...merged.items[at]!, ...item };
    }
  }
  return merged;
}

function days(due: string | undefined): number {
  const m = /^P(\d+)D$/.exec(due ?? "");
  if (!m) throw new Error(`unexpected due ${String(due)}`);
  return Number(m[1]);
}

function loadDraft(file: string): Evaluation {
  return evaluate(loadBundle(file, new ChecklistLibrary()));
}

function applicable(evaluation: Evaluation): string[] {
  return evaluation.stakeholders.filter((s) => s.applies === true).map((s) => s.stakeholder.id);
}

function applicableItems(evaluation: Evaluation): string[] {
  return evaluation.stakeholders.flatMap((s) =>
    s.items.filter((i) => i.applies === true).map((i) => `${s.stakeholder.id}/${i.item.id}`),
  );
}

/** Copy a draft's text with some front-matter facts replaced, into a temporary directory. */
function withFacts(
  draftFile: string,
  facts: Record<string, string>,
): { file: string; dir: string } {
  let text = readFileSync(draftFile, "utf8");
  for (const [name, value] of Object.entries(facts)) {
    const pattern = new RegExp(`^( {4}${name}:) [^\n]*$`, "m");
    expect(text).toMatch(pattern);
    text = text.replace(pattern, `$1 ${value}`);
  }
  text = text.replace(/^ {2}review: .*$/m, "  review: none.review.yaml");
  const dir = mkdtempSync(join(tmpdir(), "preclear-scoping-"));
  const file = join(dir, "draft.md");
  writeFileSync(file, text);
  return { file, dir };
}

describe("built-in checklists", () => {
  it("ships the seven of the second edition, each in <id>.yaml", () => {
    expect(builtIns.map((b) => b.checklist.id).sort()).toEqual(EXPECTED_IDS);
    for (const { file, checklist } of builtIns) expect(file).toBe(`${checklist.id}.yaml`);
  });

  it.each(builtIns.map((b) => [b.file, b] as const))(
    "%s starts with the modeline and is valid against schemas/checklist.schema.json",
    (_file, { text, checklist }) => {
      expect(text.split(/\r?\n/, 1)[0]).toBe(MODELINE);
      const valid = validate(checklist);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it("are version 2.0.0 of apiVersion preclear/v1", () => {
    for (const { text } of builtIns) {
      expect(parse(text)).toMatchObject({
        apiVersion: "preclear/v1",
        kind: "Checklist",
        version: "2.0.0",
      });
    }
  });

  it("layer as base-policy → usao-districts → doj-components → border-prosecution, with doj-significant-policy combining the DOJ layers", () => {
    expect(get("base-policy").extends ?? []).toEqual([]);
    expect(get("usao-districts").extends).toEqual(["base-policy"]);
    expect(get("doj-components").extends).toEqual(["base-policy", "usao-districts"]);
    expect(get("border-prosecution").extends).toEqual(["doj-components"]);
    expect(get("doj-significant-policy").extends).toEqual(["doj-components", "border-prosecution"]);
    for (const id of ["usms-orr-communication", "interagency-agreement"])
      expect(get(id).extends).toEqual(["base-policy"]);
  });

  it("validate passes every built-in, through preclear itself", () => {
    const out = execFileSync(
      process.execPath,
      [
        join(root, "bin", "preclear.js"),
        "validate",
        ...builtIns.map((b) => join(checklistDir, b.file)),
      ],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(out).toContain(`${builtIns.length} files valid`);
  });

  it("usao-districts is what its generator writes, and docs/checklists.md is what its generator writes", () => {
    for (const script of ["src/build/generate-districts.mjs", "docs/generate-checklists.mjs"]) {
      expect(() =>
        execFileSync(process.execPath, [join(root, script), "--check"], { stdio: "pipe" }),
      ).not.toThrow();
    }
  });
});

describe("docs/checklists.md", () => {
  const page = readFileSync(join(root, "docs", "checklists.md"), "utf8");

  it("lists every stakeholder with its role and level, every item and every source with its kind", () => {
    const missing: string[] = [];
    for (const { checklist } of builtIns) {
      for (const s of checklist.stakeholders) {
        if (!page.includes(`\`${s.id}\``)) missing.push(`stakeholder ${s.id}`);
        if (s.name && checklist.id !== "usao-districts") {
          const heading = page.indexOf(
            `(\`${s.id}\`)\n\nrole **${s.role}** · level **${s.level}**`,
          );
          if (heading < 0) missing.push(`role and level of ${s.id}`);
        }
      }
      const shown =
        checklist.id === "usao-districts"
          ? checklist.stakeholders.slice(0, 1)
          : checklist.stakeholders;
      for (const s of shown)
        for (const item of s.items ?? [])
          if (!page.includes(`- **${item.id}** (`)) missing.push(`item ${s.id}/${item.id}`);
      for (const source of checklist.sources ?? [])
        if (!page.includes(`**${source.id}** (${source.kind})`))
          missing.push(`source ${source.id}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("the OIG 21-028 recommendations", () => {
  const describes = (id: string): string => `${get(id).title}\n${get(id).description ?? ""}`;

  it("doj-significant-policy and its layers implement recommendation 1", () => {
    for (const id of ["doj-significant-policy", "doj-components", "border-prosecution"])
      expect(describes(id)).toMatch(/recommendation 1\b/i);
  });

  it("usms-orr-communication implements recommendation 2 and interagency-agreement recommendation 3", () => {
    expect(describes("usms-orr-communication")).toMatch(/recommendation 2\b/i);
    expect(describes("usms-orr-communication")).toMatch(/case worker/i);
    const mou = describes("interagency-agreement");
    expect(mou).toMatch(/recommendation 3\b/i);
    for (const party of ["DOJ", "HHS", "ORR", "DHS", "MOU"]) expect(mou).toContain(party);
  });
});

describe("offices", () => {
  const named = (pattern: RegExp) =>
    allStakeholders().filter((s) => s.name !== undefined && pattern.test(s.name));

  it.each([
    ["ODAG", /Office of the Deputy Attorney General$/],
    ["EOUSA", /Executive Office for United States Attorneys/],
    ["the AG's Advisory Committee", /Advisory Committee of United States Attorneys/],
    ["USMS", /Marshals Service/],
    ["BOP", /Bureau of Prisons/],
    ["JMD Budget", /Justice Management Division, Budget/],
    ["OLA", /Office of Legislative Affairs/],
    ["OPA", /Office of Public Affairs/],
    ["OLC", /^Office of Legal Counsel$/],
    ["OPCL", /Office of Privacy and Civil Liberties/],
    ["the Criminal Division", /^Criminal Division$/],
    ["ATF", /Alcohol, Tobacco, Firearms/],
    ["FBI", /Federal Bureau of Investigation/],
    ["DEA", /Drug Enforcement Administration/],
    ["the district courts", /District Courts and magistrate judges/],
    ["the Administrative Office", /Administrative Office of the U\.S\. Courts/],
    ["pretrial services and probation", /Pretrial Services and Probation/],
    ["court interpreters", /interpreters/i],
    ["Federal Defenders", /Federal Public Defender/],
    ["the CJA panel", /CJA/],
    ["CBP / Border Patrol", /Customs and Border Protection.*Border Patrol/],
    ["ICE ERO", /Immigration and Customs Enforcement \(Enforcement and Removal/],
    ["USCIS", /Citizenship and Immigration Services/],
    ["DHS headquarters", /^DHS headquarters \(Executive Secretariat/],
    ["HHS headquarters", /^HHS headquarters \(Executive Secretariat.*ASPR/],
    ["ORR", /Office of Refugee Resettlement/],
    ["EOIR", /Executive Office for Immigration Review/],
    ["the Civil Division", /Civil Division/],
  ])("%s is a stakeholder", (_label, pattern) => {
    expect(named(pattern).map((s) => s.id)).not.toEqual([]);
  });

  it("offers all 94 districts by their justice.gov codes, one office each (Guam and the NMI share one)", () => {
    const districts = get("usao-districts");
    const codes = (
      /\): ([a-z]+(?:, [a-z]+)+)\./.exec(districts.facts?.districts?.help ?? "")?.[1] ?? ""
    )
      .split(", ")
      .filter(Boolean);
    expect(codes).toHaveLength(94);
    expect(new Set(codes).size).toBe(94);
    expect(districts.stakeholders).toHaveLength(93);
    for (const code of codes) {
      const office = districts.stakeholders.filter((s) =>
        (s.appliesWhen ?? "").includes(`'${code}' in facts.districts`),
      );
      expect(office.map((s) => s.id)).toEqual([code === "nmi" ? "usao-gu" : `usao-${code}`]);
    }
    for (const id of BORDER_USAOS) {
      const office = districts.stakeholders.find((s) => s.id === id);
      expect(office?.appliesWhen).toMatch(/^facts\.southwestBorder \|\| /);
    }
  });

  it("gives every stakeholder a role and a level", () => {
    const missing = allStakeholders()
      .filter((s) => s.name !== undefined && (!s.role || !s.level))
      .map((s) => s.id);
    expect(missing).toEqual([]);
  });

  it("consults the judiciary and the U.S. Attorneys instead of asking them to clear", () => {
    const doj = (id: string) => resolved("doj-significant-policy", id);
    for (const id of [
      "district-courts",
      "ao-uscourts",
      "pretrial-probation",
      "court-interpreters",
      "federal-defenders",
      "cja-panel",
    ]) {
      expect(doj(id)).toMatchObject({
        role: "consult",
        confirmScopeOut: true,
        agency: "Judiciary",
      });
    }
    for (const s of get("usao-districts").stakeholders) expect(s.role).toBe("consult");
    expect(doj("agac").role).toBe("consult");
  });

  it("asks judges to commit nothing: the group-hearings item records what courts offer, citing Canon 3A, Rule 11 and Roblero-Solis", () => {
    const item = resolved("doj-significant-policy", "district-courts").items.find(
      (i) => i.id === "mass-hearings",
    );
    expect(item?.question).toMatch(/informed/);
    expect(item?.question).toMatch(/offered/);
    expect(item?.sources).toEqual(
      expect.arrayContaining(["code-of-conduct-judges", "fed-r-crim-p-11", "roblero-solis"]),
    );
  });

  it("asks DHS and HHS offices to confirm being scoped out", () => {
    for (const id of ["dhs-cbp", "dhs-ice", "dhs-headquarters", "hhs-orr", "hhs-headquarters"]) {
      expect(resolved("doj-significant-policy", id)).toMatchObject({ confirmScopeOut: true });
    }
  });

  it("sends objections from DOJ clearing offices to the Deputy Attorney General and the Attorney General", () => {
    expect(get("doj-components").escalateTo).toEqual(DOJ_ESCALATION);
    for (const s of allStakeholders()) {
      if (s.agency !== "DOJ" || s.role !== "clear") continue;
      const expected =
        s.id === "odag" || s.id === "doj-odag" ? ["Attorney General"] : DOJ_ESCALATION;
      expect({ id: s.id, escalateTo: s.escalateTo }).toEqual({ id: s.id, escalateTo: expected });
    }
  });
});

describe("inputs and order", () => {
  const doj = (id: string) => resolved("doj-significant-policy", id);

  it("USMS bed-days need the USAO caseload estimates and CBP's referral projection", () => {
    const beds = doj("usms").items.find((i) => i.id === "detention-beds");
    expect(beds?.needs).toEqual(
      expect.arrayContaining(["eousa/prosecution-capacity", "dhs-cbp/referral-practice"]),
    );
    for (const code of ["sdca", "az", "nm", "wdtx", "sdtx"]) {
      const district = doj("usms").items.find((i) => i.id === `beds-${code}`);
      expect(district?.needs).toEqual([`usao-${code}/caseload`, "dhs-cbp/referral-practice"]);
    }
  });

  it("CBP, the source of the demand figures, depends on nobody; USMS comes after CBP", () => {
    expect(doj("dhs-cbp").dependsOn ?? []).toEqual([]);
    expect(doj("usms").dependsOn).toContain("dhs-cbp");
  });

  it("the action office decides last", () => {
    const action = doj("action-office").dependsOn ?? [];
    expect(action).toEqual(
      expect.arrayContaining(["legal-counsel", "comms", "privacy-records", "odag"]),
    );
    for (const s of ["legal-counsel", "comms", "privacy-records", "odag"])
      expect(doj(s).dependsOn ?? []).not.toContain("action-office");
  });

  it("every `needs` names a real item of the checklist, and no item is due before an input it needs", () => {
    const problems: string[] = [];
    for (const { checklist } of builtIns) {
      for (const s of checklist.stakeholders) {
        for (const item of s.items ?? []) {
          const full = resolved(checklist.id, s.id).items.find((i) => i.id === item.id)!;
          for (const need of item.needs ?? []) {
            const [sid, iid] = need.split("/") as [string, string];
            const input = resolved(checklist.id, sid).items.find((i) => i.id === iid);
            if (!input) problems.push(`${checklist.id}: ${s.id}/${item.id} needs unknown ${need}`);
            else if (full.due && input.due && days(full.due) > days(input.due))
              problems.push(
                `${s.id}/${item.id} (${full.due}) is due before its input ${need} (${input.due})`,
              );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("dependsOn resolves within each checklist's lineage and forms no cycle", () => {
    const unresolved: string[] = [];
    for (const { checklist } of builtIns) {
      const known = new Set(lineage(checklist.id).flatMap((c) => c.stakeholders.map((s) => s.id)));
      for (const s of checklist.stakeholders)
        for (const dep of s.dependsOn ?? [])
          if (!known.has(dep)) unresolved.push(`${checklist.id}/${s.id} -> ${dep}`);
    }
    expect(unresolved).toEqual([]);
    const ids = get("doj-significant-policy");
    const all = new Set(lineage(ids.id).flatMap((c) => c.stakeholders.map((s) => s.id)));
    const state = new Map<string, number>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 1) throw new Error(`dependsOn cycle: ${path.join(" -> ")}`);
      if (state.get(id) === 2) return;
      state.set(id, 1);
      for (const dep of doj(id).dependsOn ?? []) visit(dep, [...path, dep]);
      state.set(id, 2);
    };
    expect(() => {
      for (const id of all) visit(id, [id]);
    }).not.toThrow();
  });
});

describe("capacity, as offices plan it", () => {
  const doj = (id: string) => resolved("doj-significant-policy", id);
  const capacity = (sid: string, iid: string) => doj(sid).items.find((i) => i.id === iid)?.capacity;

  it("beds are stock = flow × length of stay, by the effective date (USMS, per district too; ORR; ICE)", () => {
    expect(capacity("usms", "detention-beds")).toEqual({
      demand:
        "double(facts.projectedDefendantsPerMonth) * double(facts.averageDetentionDays) / 30.4",
      unit: "beds (average daily population)",
      availableBy: "effective",
    });
    expect(capacity("usms", "beds-wdtx")?.demand).toBe(
      "double(facts.defendantsPerMonthWdtx) * double(facts.averageDetentionDays) / 30.4",
    );
    expect(capacity("hhs-orr", "shelter-capacity")?.demand).toBe(
      "double(facts.projectedChildrenPerMonth) * double(facts.averageOrrStayDays) / 30.4",
    );
    expect(capacity("dhs-ice", "post-sentencing-custody")?.demand).toBe(
      "double(facts.projectedDefendantsPerMonth) * double(facts.averageIceDetentionDays) / 30.4",
    );
    expect(capacity("usms", "female-special-needs-beds")?.demand).toMatch(
      /femaleDefendantsPercent/,
    );
    expect(capacity("hhs-orr", "tender-age-capacity")?.demand).toMatch(/tenderAgePercent/);
  });

  it("courts, interpreters, pretrial services and defenders plan per court day", () => {
    for (const [sid, iid] of [
      ["district-courts", "docket-throughput"],
      ["court-interpreters", "interpreter-capacity"],
      ["pretrial-probation", "pretrial-interviews"],
      ["federal-defenders", "representation-capacity"],
    ] as const) {
      const c = capacity(sid, iid);
      expect(c?.unit).toMatch(/court day/);
      expect(c?.demand).toMatch(/\/ 21\.0$/);
      expect(c?.availableBy).toBe("effective");
    }
  });

  it("the border overlay asks USMS beds and magistrate throughput per Southwest border district", () => {
    for (const code of ["sdca", "az", "nm", "wdtx", "sdtx"]) {
      const fact = `facts.defendantsPerMonth${code[0]!.toUpperCase()}${code.slice(1)}`;
      expect(capacity("usms", `beds-${code}`)?.demand).toContain(fact);
      expect(capacity("district-courts", `throughput-${code}`)?.demand).toBe(
        `double(${fact}) / 21.0`,
      );
    }
  });

  it("a capacity check requires the confirmed capacity as evidence and names its unit", () => {
    for (const { item } of allItems().filter(({ item }) => item.capacity)) {
      expect(item.evidence).toContain("capacity");
      expect(item.capacity?.unit).toBeTruthy();
    }
  });
});

describe("sources", () => {
  it("every source has a kind, and every item cites at least one declared source with a kind", () => {
    const problems: string[] = [];
    for (const { checklist } of builtIns)
      for (const source of checklist.sources ?? [])
        if (!source.kind) problems.push(`${checklist.id}: source ${source.id} has no kind`);
    for (const { checklist, stakeholder, item } of allItems()) {
      const declared = sourcesOf(checklist.id);
      const where = `${checklist.id}/${stakeholder.id}/${item.id}`;
      const cited = item.sources ?? [];
      if (!cited.some((id) => declared.get(id)?.kind))
        problems.push(`${where}: no source with a kind`);
      for (const id of cited)
        if (!declared.has(id)) problems.push(`${where}: unknown source ${id}`);
    }
    expect(problems).toEqual([]);
  });

  it("each source is declared once across the built-ins", () => {
    const ids = builtIns.flatMap((b) => (b.checklist.sources ?? []).map((s) => s.id));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("good practice says so: every practice source is titled as established practice", () => {
    const practice = builtIns.flatMap((b) =>
      (b.checklist.sources ?? []).filter((s) => s.kind === "practice"),
    );
    expect(practice.length).toBeGreaterThan(0);
    for (const s of practice) expect(s.title).toMatch(/^Established practice/);
  });

  it("carries the corrections of the second look", () => {
    const all = new Map(
      builtIns.flatMap((b) => (b.checklist.sources ?? []).map((s) => [s.id, s] as const)),
    );
    expect(all.get("oig-21-028")?.title).toMatch(/revised April 2022/);
    expect(all.get("hsa-6-usc-279")).toMatchObject({ kind: "statute", pinpoint: "§ 279(g)(2)" });
    expect(all.get("flores-v-lynch")?.title).toMatch(
      /Flores v\. Lynch, 828 F\.3d 898 \(9th Cir\. 2016\)/,
    );
    expect(all.get("ms-l-v-ice")?.title).toMatch(/310 F\. Supp\. 3d 1133/);
    expect(all.get("dhs-oig-21-36")?.kind).toBe("finding");
    expect(all.get("dhs-oig-20-35")?.kind).toBe("finding");
    expect(all.get("ao-streamline-2008")?.title).toMatch(/Streamline.*2008/);
    const tvpra = all.get("tvpra-8-usc-1232");
    expect(tvpra?.title).toMatch(/48 hours of\s+the apprehension or discovery/);
    expect(tvpra?.title).toMatch(/72 hours of determining/);
    const privacy = resolved("base-policy", "privacy-records").items.find(
      (i) => i.id === "privacy-compliance",
    );
    expect(privacy?.sources).toEqual(["privacy-act-5-usc-552a", "omb-a-108"]);
    const resources = resolved("base-policy", "action-office").items.find(
      (i) => i.id === "resources",
    );
    expect(resources?.sources).not.toContain("eo-12866");
  });

  it("every item asks a question, explains good evidence and states its severity", () => {
    const incomplete = allItems()
      .filter(({ item }) => !item.question || !item.guidance || !item.severity)
      .map(({ checklist, stakeholder, item }) => `${checklist.id}/${stakeholder.id}/${item.id}`);
    expect(incomplete).toEqual([]);
  });

  it("every fact a CEL expression reads is declared in the checklist's lineage", () => {
    const undeclared: string[] = [];
    for (const { checklist } of builtIns) {
      const declared = new Set(lineage(checklist.id).flatMap((c) => Object.keys(c.facts ?? {})));
      const expressions = checklist.stakeholders.flatMap((s) => [
        s.appliesWhen,
        ...(s.items ?? []).flatMap((i) => [i.appliesWhen, i.capacity?.demand]),
      ]);
      for (const expr of expressions)
        for (const m of (expr ?? "").matchAll(/\bfacts\.([A-Za-z_][A-Za-z0-9_]*)/g))
          if (!declared.has(m[1]!)) undeclared.push(`${checklist.id}: ${m[1]}`);
    }
    expect(undeclared).toEqual([]);
  });

  it("a fact declared in several checklists has the same definition in each", () => {
    const seen = new Map<string, Fact>();
    for (const { checklist } of builtIns) {
      for (const [name, fact] of Object.entries(checklist.facts ?? {})) {
        const first = seen.get(name);
        if (first) expect({ name, ...fact }).toEqual({ name, ...first });
        else seen.set(name, fact);
      }
    }
  });

  it("a stakeholder declared with a name in several checklists has the same header in each", () => {
    const seen = new Map<string, Stakeholder>();
    const header = (x: Stakeholder) => ({
      id: x.id,
      name: x.name,
      agency: x.agency,
      role: x.role,
      level: x.level,
      appliesWhen: x.appliesWhen,
      confirmScopeOut: x.confirmScopeOut,
    });
    for (const s of allStakeholders().filter((x) => x.name !== undefined)) {
      const first = seen.get(s.id);
      if (first) expect(header(s)).toEqual(header(first));
      else seen.set(s.id, s);
    }
  });
});

describe("scoping, evaluated", () => {
  const example = join(root, "examples", "zero-tolerance-2018.md");
  const firearms = join(root, "examples", "firearms-trafficking-2026.md");

  it("keeps CBP and ICE for a Southwest border policy in criminal custody that affects no family but changes referrals", () => {
    const { file, dir } = withFacts(example, {
      custody: "federal-criminal",
      affectsFamilies: "false",
      changesReferralPractice: "true",
    });
    try {
      const evaluation = loadDraft(file);
      expect(applicable(evaluation)).toEqual(expect.arrayContaining(["dhs-cbp", "dhs-ice"]));
      expect(applicable(evaluation)).not.toContain("hhs-orr");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolves a first-edition draft naming doj-significant-policy with v1 facts, and still reaches the border offices", () => {
    const evaluation = loadDraft(
      join(root, "test", "fixtures", "checklists", "v1-draft", "v1-draft.md"),
    );
    expect(evaluation.checklist.ids).toEqual(["doj-significant-policy", "usms-orr-communication"]);
    expect(applicable(evaluation)).toEqual(
      expect.arrayContaining([
        ...BORDER_USAOS,
        "usms",
        "dhs-cbp",
        "dhs-ice",
        "hhs-orr",
        "hhs-headquarters",
        "dhs-headquarters",
        "eoir",
        "district-courts",
      ]),
    );
    expect(applicableItems(evaluation)).toEqual(
      expect.arrayContaining([
        "dhs-cbp/tvpra-notice-transfer",
        "court-interpreters/indigenous-languages",
      ]),
    );
    // Its first-edition review still loads: only the answers to items the second
    // edition renamed (bed-days became beds; USAOs are consulted on feasibility,
    // not asked to concur) are reported, as orphans to move.
    const findings = lint(evaluation, { asOf: "2018-04-06" });
    expect(findings.filter((f) => f.ruleId === "invalid-file")).toEqual([]);
    expect(
      findings
        .filter((f) => f.ruleId === "orphan-response")
        .map((f) => `${f.stakeholder}/${f.item}`)
        .sort(),
    ).toEqual(["usao-az/concurrence", "usao-wdtx/concurrence", "usms/detention-bed-days"]);
  });

  it("the firearms example pulls the districts it names, ATF, BOP and USMS, and no ORR, CBP or indigenous-language items", () => {
    const evaluation = loadDraft(firearms);
    const offices = applicable(evaluation);
    expect(offices).toEqual(
      expect.arrayContaining([
        "usao-ndil",
        "usao-ndin",
        "usao-edmo",
        "usao-edpa",
        "usao-ndga",
        "usao-edny",
        "atf",
        "fbi",
        "bop",
        "usms",
        "district-courts",
        "federal-defenders",
      ]),
    );
    expect(offices.filter((id) => id.startsWith("usao-")).sort()).toEqual([
      "usao-edmo",
      "usao-edny",
      "usao-edpa",
      "usao-ndga",
      "usao-ndil",
      "usao-ndin",
    ]);
    for (const out of [
      "hhs-orr",
      "hhs-headquarters",
      "dhs-cbp",
      "dhs-ice",
      "dhs-headquarters",
      "eoir",
      "dea",
    ])
      expect(offices).not.toContain(out);
    const items = applicableItems(evaluation);
    expect(items.filter((i) => i.startsWith("hhs-orr/") || i.startsWith("dhs-cbp/"))).toEqual([]);
    expect(items).not.toContain("court-interpreters/indigenous-languages");
    expect(items.filter((i) => /\/beds-/.test(i))).toEqual([]);
    expect(evaluation.stakeholders.filter((s) => s.applies === undefined)).toEqual([]);
  });

  it("the firearms example's female-bed arithmetic comes out of its facts (120 × 60 ÷ 30.4 × 15%)", () => {
    const evaluation = loadDraft(firearms);
    const usms = evaluation.stakeholders.find((s) => s.stakeholder.id === "usms")!;
    const female = usms.items.find((i) => i.item.id === "female-special-needs-beds");
    expect(female?.demand?.value).toBeCloseTo((120 * 60 * 0.15) / 30.4, 6);
  });
});

describe("the zero-tolerance example invents no history", () => {
  const review = parse(
    readFileSync(join(root, "examples", "zero-tolerance-2018.review.yaml"), "utf8"),
  ) as {
    facts?: unknown;
    history?: unknown;
    stakeholders: Record<string, Record<string, unknown>>;
  };

  /** Every entry of the review: item responses, decisions, notices, taskings, scope-outs, escalations, comments. */
  function entries(): Array<{ where: string; entry: Record<string, unknown> }> {
    const out: Array<{ where: string; entry: Record<string, unknown> }> = [];
    for (const [sid, record] of Object.entries(review.stakeholders)) {
      for (const [iid, response] of Object.entries((record.items ?? {}) as Record<string, object>))
        out.push({ where: `${sid}/${iid}`, entry: response as Record<string, unknown> });
      for (const key of ["decision", "notice", "tasking", "scopeOut", "escalation"])
        if (record[key])
          out.push({ where: `${sid} ${key}`, entry: record[key] as Record<string, unknown> });
      for (const [i, comment] of ((record.comments ?? []) as object[]).entries())
        out.push({ where: `${sid} comment ${i}`, entry: comment as Record<string, unknown> });
      for (const key of Object.keys(record))
        expect([
          "items",
          "decision",
          "notice",
          "tasking",
          "scopeOut",
          "escalation",
          "comments",
        ]).toContain(key);
    }
    return out;
  }

  it("marks every entry historical (with a source and pinpoint) or illustrative (and says so in its notes)", () => {
    const all = entries();
    expect(all.length).toBeGreaterThan(10);
    const unmarked: string[] = [];
    for (const { where, entry } of all) {
      const p = entry.provenance as
        { kind?: string; source?: string; pinpoint?: string } | undefined;
      if (p?.kind === "historical" && p.source && p.pinpoint) continue;
      if (
        p?.kind === "illustrative" &&
        /^Illustrative\b/.test(String(entry.notes ?? entry.comments ?? entry.basis ?? ""))
      )
        continue;
      unmarked.push(where);
    }
    expect(unmarked).toEqual([]);
    expect(review.facts).toBeUndefined();
    expect(review.history).toBeUndefined();
  });

  it("names no invented official and records no pre-issuance coordination the OIG found absent", () => {
    const text = readFileSync(join(root, "examples", "zero-tolerance-2018.review.yaml"), "utf8");
    expect(text).not.toMatch(/\b[A-Z]\. [A-Z][a-z]+, /); // "J. Roe, USMS …"
    expect(text).not.toMatch(/Office of Legal Policy/);
    expect(text).not.toMatch(/Counselor to the Attorney General/);
    for (const sid of ["usms", "district-courts", "hhs-orr", ...BORDER_USAOS]) {
      const record = review.stakeholders[sid] ?? {};
      expect(record.decision).toBeUndefined();
      const items = Object.entries(
        (record.items ?? {}) as Record<string, { status: string; provenance: { kind: string } }>,
      );
      for (const [iid, r] of items)
        if (r.status === "satisfied")
          expect(`${sid}/${iid} ${r.provenance.kind}`).toMatch(/illustrative$/);
    }
    expect(text).toMatch(/Principals coordinated; operations did not/);
    expect(text).toMatch(/May 2018/);
  });
});
