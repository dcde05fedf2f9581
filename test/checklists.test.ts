/**
 * Specification of the built-in checklists shipped in `checklists/`.
 *
 * These tests read the YAML files directly with `yaml` and `ajv` only — not
 * through preclear's own loader — so they state what the shipped content must
 * be, independently of the code that evaluates it.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { parse } from "yaml";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

interface Source {
  id: string;
  title: string;
  url?: string;
}
interface Fact {
  type: string;
  question: string;
  options?: string[];
  minimum?: number;
  maximum?: number;
  unit?: string;
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
  capacity?: { demand: string; unit?: string };
  sources?: string[];
}
interface Stakeholder {
  id: string;
  name?: string;
  agency?: string;
  description?: string;
  appliesWhen?: string;
  dependsOn?: string[];
  signoff?: string;
  items?: Item[];
}
interface Checklist {
  id: string;
  title: string;
  description?: string;
  extends?: string[];
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
  "doj-significant-policy",
  "interagency-agreement",
  "usms-orr-communication",
];

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

/** The checklist and everything it extends, ancestors first. */
function lineage(id: string, seen: string[] = []): Checklist[] {
  if (seen.includes(id)) throw new Error(`extends cycle: ${[...seen, id].join(" -> ")}`);
  const c = get(id);
  return [...(c.extends ?? []).flatMap((p) => lineage(p, [...seen, id])), c];
}

function allStakeholders(): Stakeholder[] {
  return builtIns.flatMap((b) => b.checklist.stakeholders);
}

function allItems(): { checklist: Checklist; stakeholder: Stakeholder; item: Item }[] {
  return builtIns.flatMap(({ checklist }) =>
    checklist.stakeholders.flatMap((stakeholder) =>
      (stakeholder.items ?? []).map((item) => ({ checklist, stakeholder, item })),
    ),
  );
}

/** Text a reader sees for a stakeholder: id, name and description. */
function stakeholderText(s: Stakeholder): string {
  return `${s.id} ${s.name ?? ""} ${s.description ?? ""}`;
}

describe("built-in checklists", () => {
  it("ships exactly base-policy, doj-significant-policy, usms-orr-communication and interagency-agreement, each in <id>.yaml", () => {
    expect(builtIns.map((b) => b.checklist.id).sort()).toEqual(EXPECTED_IDS);
    for (const { file, checklist } of builtIns) expect(file).toBe(`${checklist.id}.yaml`);
  });

  it.each(builtIns.map((b) => [b.file, b] as const))(
    "%s starts with the yaml-language-server modeline pointing at the checklist schema",
    (_file, { text }) => {
      expect(text.split(/\r?\n/, 1)[0]).toBe(MODELINE);
    },
  );

  it.each(builtIns.map((b) => [b.file, b] as const))(
    "%s is valid against schemas/checklist.schema.json",
    (_file, { checklist }) => {
      const valid = validate(checklist);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it("are all version 1.0.0 of apiVersion preclear/v1", () => {
    for (const { text } of builtIns) {
      const raw = parse(text) as Record<string, unknown>;
      expect(raw).toMatchObject({ apiVersion: "preclear/v1", kind: "Checklist", version: "1.0.0" });
    }
  });

  it("extend base-policy, which itself extends nothing", () => {
    expect(get("base-policy").extends ?? []).toEqual([]);
    for (const id of EXPECTED_IDS.filter((i) => i !== "base-policy")) {
      expect(get(id).extends).toEqual(["base-policy"]);
    }
  });
});

describe("the OIG 21-028 recommendations", () => {
  const describes = (id: string): string => {
    const c = get(id);
    return `${c.title}\n${c.description ?? ""}`;
  };

  it("doj-significant-policy implements recommendation 1 (coordinate before issuing a significant policy)", () => {
    expect(describes("doj-significant-policy")).toMatch(/recommendation 1\b/i);
  });

  it("usms-orr-communication implements recommendation 2 (USMS procedures with ORR case workers)", () => {
    expect(describes("usms-orr-communication")).toMatch(/recommendation 2\b/i);
    expect(describes("usms-orr-communication")).toMatch(/case worker/i);
  });

  it("interagency-agreement implements recommendation 3 (an MOU among DOJ, HHS/ORR and DHS)", () => {
    const text = describes("interagency-agreement");
    expect(text).toMatch(/recommendation 3\b/i);
    expect(text).toMatch(/MOU|memorandum of understanding/i);
    for (const party of ["DOJ", "HHS", "ORR", "DHS"]) expect(text).toContain(party);
  });

  it("base-policy covers legal review, resources, communications, metrics, a stop condition and data linkage", () => {
    const ids = get("base-policy").stakeholders.flatMap((s) => (s.items ?? []).map((i) => i.id));
    expect(ids).toEqual(
      expect.arrayContaining([
        "legal-authority",
        "litigation-exposure",
        "resources",
        "affected-people",
        "metrics",
        "stop-condition",
        "data-linkage",
      ]),
    );
  });
});

describe("every stakeholder named in DOMAIN.md is covered", () => {
  const expected: [string, RegExp][] = [
    ["U.S. Attorney's Office, S.D. Cal.", /Southern District of California/],
    ["U.S. Attorney's Office, D. Ariz.", /District of Arizona/],
    ["U.S. Attorney's Office, D.N.M.", /District of New Mexico/],
    ["U.S. Attorney's Office, W.D. Tex.", /Western District of Texas/],
    ["U.S. Attorney's Office, S.D. Tex.", /Southern District of Texas/],
    ["U.S. Marshals Service", /Marshals Service/],
    ["the district courts", /District Courts/i],
    ["magistrate judges", /magistrate judges/i],
    ["the Administrative Office of the U.S. Courts", /Administrative Office/],
    ["pretrial services", /Pretrial Services/i],
    ["probation", /Probation/i],
    ["court interpreters", /interpreters/i],
    ["the Federal Defenders", /Federal (Public )?Defender/i],
    ["the CJA panel", /CJA/],
    ["CBP / Border Patrol", /Customs and Border Protection.*Border Patrol/],
    ["ICE", /Immigration and Customs Enforcement/],
    ["HHS Office of Refugee Resettlement", /Office of Refugee Resettlement/],
    ["DOJ Civil Division", /Civil Division/],
    ["Bureau of Prisons", /Bureau of Prisons/],
    ["EOIR", /Executive Office for Immigration Review/],
  ];

  it.each(expected)("%s", (_label, pattern) => {
    const named = allStakeholders().filter((s) => s.name !== undefined && pattern.test(s.name));
    expect(named.map((s) => s.id)).not.toEqual([]);
  });

  it("gives each of the five Southwest border U.S. Attorneys a concurrence item of their own", () => {
    const doj = get("doj-significant-policy");
    for (const id of ["usao-sdca", "usao-az", "usao-nm", "usao-wdtx", "usao-sdtx"]) {
      const usao = doj.stakeholders.find((s) => s.id === id);
      expect(usao?.name).toMatch(/U\.S\. Attorney's Office/);
      expect((usao?.items ?? []).map((i) => i.id)).toContain("concurrence");
    }
  });

  it("marks the optional others (Civil Division, Bureau of Prisons, EOIR) as optional sign-offs", () => {
    const doj = get("doj-significant-policy");
    for (const pattern of [/Civil Division/, /Bureau of Prisons/, /Immigration Review/]) {
      const s = doj.stakeholders.find((x) => pattern.test(stakeholderText(x)));
      expect(s?.signoff).toBe("optional");
    }
  });
});

describe("sources", () => {
  it("every item cites at least one source declared in its checklist or a checklist it extends", () => {
    const unresolved: string[] = [];
    for (const { checklist, stakeholder, item } of allItems()) {
      const declared = new Set(
        lineage(checklist.id).flatMap((c) => (c.sources ?? []).map((s) => s.id)),
      );
      const cited = item.sources ?? [];
      if (cited.length === 0) unresolved.push(`${checklist.id}/${stakeholder.id}/${item.id}: none`);
      for (const src of cited) {
        if (!declared.has(src))
          unresolved.push(`${checklist.id}/${stakeholder.id}/${item.id}: ${src}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it("a source id declared in several checklists has the same title and url everywhere", () => {
    const seen = new Map<string, Source>();
    for (const { checklist } of builtIns) {
      for (const source of checklist.sources ?? []) {
        const first = seen.get(source.id);
        if (first) expect(source).toEqual(first);
        else seen.set(source.id, source);
      }
    }
  });

  it("cite the DOJ OIG report 21-028 and the legal constraints (TVPRA, Flores, Ms. L. v. ICE)", () => {
    const titles = builtIns
      .flatMap((b) => (b.checklist.sources ?? []).map((s) => s.title))
      .join("\n");
    expect(titles).toMatch(/21-028/);
    expect(titles).toMatch(/8 U\.S\.C\. § 1232/);
    expect(titles).toMatch(/Flores/);
    expect(titles).toMatch(/Ms\. L\. v\. U\.S\. Immigration and Customs Enforcement/);
  });
});

describe("legal clocks", () => {
  const itemText = allItems()
    .map(({ item }) => `${item.question ?? ""}\n${item.guidance ?? ""}`)
    .join("\n");

  it("names the TVPRA 48-hour notice to HHS and the 72-hour transfer in an item", () => {
    const tvpraItems = allItems().filter(({ item }) => {
      const text = `${item.question ?? ""}\n${item.guidance ?? ""}`;
      return /48[- ]hour/.test(text) && /72[- ]hour/.test(text);
    });
    expect(tvpraItems.map(({ item }) => item.id)).not.toEqual([]);
    expect(itemText).toMatch(/§ 1232\(b\)/);
  });

  it("names the Flores settlement and Ms. L. in item guidance", () => {
    expect(itemText).toMatch(/Flores/);
    expect(itemText).toMatch(/Ms\. L\./);
  });
});

describe("combining checklists in one draft", () => {
  it("a fact declared in several checklists has an identical definition in each", () => {
    const seen = new Map<string, Fact>();
    for (const { checklist } of builtIns) {
      for (const [name, fact] of Object.entries(checklist.facts ?? {})) {
        const first = seen.get(name);
        if (first) expect({ name, ...fact }).toEqual({ name, ...first });
        else seen.set(name, fact);
      }
    }
  });

  it("a stakeholder declared with a name in several checklists has the same name, agency and applicability in each", () => {
    const seen = new Map<string, Stakeholder>();
    for (const s of allStakeholders().filter((x) => x.name !== undefined)) {
      const first = seen.get(s.id);
      const header = (x: Stakeholder) => ({
        id: x.id,
        name: x.name,
        agency: x.agency,
        appliesWhen: x.appliesWhen,
      });
      if (first) expect(header(s)).toEqual(header(first));
      else seen.set(s.id, s);
    }
  });

  it("checklists that extend base-policy add items to a shared stakeholder without overriding each other's", () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const { checklist, stakeholder, item } of allItems()) {
      const key = `${stakeholder.id}/${item.id}`;
      const owner = owners.get(key);
      if (owner && owner !== checklist.id) clashes.push(`${key} in ${owner} and ${checklist.id}`);
      owners.set(key, checklist.id);
    }
    expect(clashes).toEqual([]);
  });

  it("every dependsOn resolves within the checklist's lineage, and all built-ins together form no cycle", () => {
    const edges = new Map<string, Set<string>>();
    const unresolved: string[] = [];
    for (const { checklist } of builtIns) {
      const known = new Set(lineage(checklist.id).flatMap((c) => c.stakeholders.map((s) => s.id)));
      for (const s of checklist.stakeholders) {
        for (const dep of s.dependsOn ?? []) {
          if (!known.has(dep)) unresolved.push(`${checklist.id}/${s.id} -> ${dep}`);
          const set = edges.get(s.id) ?? new Set<string>();
          set.add(dep);
          edges.set(s.id, set);
        }
      }
    }
    expect(unresolved).toEqual([]);
    const state = new Map<string, "visiting" | "done">();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === "visiting") throw new Error(`dependsOn cycle: ${path.join(" -> ")}`);
      if (state.get(id) === "done") return;
      state.set(id, "visiting");
      for (const dep of edges.get(id) ?? []) visit(dep, [...path, dep]);
      state.set(id, "done");
    };
    expect(() => {
      for (const id of edges.keys()) visit(id, [id]);
    }).not.toThrow();
  });

  it("models the chain prosecution -> USMS custody -> CBP -> ORR -> reunification with dependsOn", () => {
    const doj = get("doj-significant-policy");
    const deps = (id: string) => doj.stakeholders.find((s) => s.id === id)?.dependsOn ?? [];
    expect(deps("usms")).toEqual(
      expect.arrayContaining(["usao-sdca", "usao-az", "usao-nm", "usao-wdtx", "usao-sdtx"]),
    );
    expect(deps("dhs-cbp")).toContain("usms");
    expect(deps("hhs-orr")).toContain("dhs-cbp");
    expect(deps("dhs-ice")).toContain("hhs-orr");
  });
});

describe("items", () => {
  it("every item asks a question, explains what good evidence looks like and states its severity", () => {
    const incomplete = allItems()
      .filter(({ item }) => !item.question || !item.guidance || !item.severity)
      .map(({ checklist, stakeholder, item }) => `${checklist.id}/${stakeholder.id}/${item.id}`);
    expect(incomplete).toEqual([]);
  });

  it("a capacity check requires the confirmed capacity as evidence and names its unit", () => {
    const capacityItems = allItems().filter(({ item }) => item.capacity !== undefined);
    expect(capacityItems.length).toBeGreaterThan(0);
    for (const { item } of capacityItems) {
      expect(item.evidence).toContain("capacity");
      expect(item.capacity?.unit).toBeTruthy();
    }
  });

  it("USMS detention demand is projected defendants per month times average days in custody", () => {
    const usms = get("doj-significant-policy").stakeholders.find((s) => s.id === "usms");
    const beds = usms?.items?.find((i) => i.capacity?.unit === "bed-days/month");
    expect(beds?.capacity?.demand).toBe(
      "facts.projectedDefendantsPerMonth * facts.averageDetentionDays",
    );
  });

  it("every fact a CEL expression reads is declared by the checklist or a checklist it extends", () => {
    const undeclared: string[] = [];
    for (const { checklist } of builtIns) {
      const declared = new Set(lineage(checklist.id).flatMap((c) => Object.keys(c.facts ?? {})));
      const expressions = checklist.stakeholders.flatMap((s) => [
        s.appliesWhen,
        ...(s.items ?? []).flatMap((i) => [i.appliesWhen, i.capacity?.demand]),
      ]);
      for (const expr of expressions) {
        for (const match of (expr ?? "").matchAll(/\bfacts\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
          const name = match[1] ?? "";
          if (!declared.has(name)) undeclared.push(`${checklist.id}: ${name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  it("keeps the built-ins to a reviewable size (60 to 110 items in total)", () => {
    expect(allItems().length).toBeGreaterThanOrEqual(60);
    expect(allItems().length).toBeLessThanOrEqual(110);
  });
});
