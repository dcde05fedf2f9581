import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { junit } from "../../src/formatters/junit.js";
import {
  checkResult,
  cleanResult,
  draft,
  finding,
  HOSTILE,
  manyFindingsResult,
  OPTIONS,
} from "../fixtures/formatters/findings.js";
import { fixture } from "../helpers/fixtures.js";

const XSD = fixture("peers", "JUnit.xsd");

let workDir: string;
beforeAll(() => {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (probe.error) {
    throw new Error(
      "xmllint is required to validate JUnit output against JUnit.xsd but was not found on PATH. " +
        "Install it with: apt-get install -y libxml2-utils",
    );
  }
  workDir = mkdtempSync(path.join(tmpdir(), "preclear-junit-"));
});
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function xmllint(xml: string, ...args: string[]) {
  const file = path.join(workDir, `report-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml, "utf8");
  return spawnSync("xmllint", [...args, file], { encoding: "utf8" });
}

function expectSchemaValid(xml: string): void {
  const run = xmllint(xml, "--noout", "--schema", XSD);
  expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({
    status: 0,
    stderr: expect.stringMatching(/ validates$/),
  });
}

/** The string value of an XPath expression, as a JUnit consumer would read it. */
function xpath(xml: string, expression: string): string {
  const run = xmllint(xml, "--xpath", expression);
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout.replace(/\n$/, "");
}

describe("junit output", () => {
  it("validates against JUnit.xsd with many findings", () => {
    expectSchemaValid(junit(manyFindingsResult(6), OPTIONS));
  });

  it("validates against JUnit.xsd with no findings, keeping one passing test per draft", () => {
    const xml = junit(cleanResult(), OPTIONS);
    expectSchemaValid(xml);
    expect(xpath(xml, "count(//testcase)")).toBe("1");
    expect(xpath(xml, "count(//failure)")).toBe("0");
  });

  it("validates against JUnit.xsd with no drafts at all", () => {
    expectSchemaValid(junit(checkResult([]), OPTIONS));
  });

  it("validates and round-trips hostile characters in every field", () => {
    const result = checkResult(
      [
        draft(
          [
            finding({
              message: HOSTILE,
              stakeholder: HOSTILE,
              item: HOSTILE,
              file: `/repo/${HOSTILE}.yaml`,
            }),
          ],
          { file: `/repo/${HOSTILE}.md`, draftId: HOSTILE, title: HOSTILE },
        ),
      ],
      "not a date",
    );
    const xml = junit(result, OPTIONS);
    expectSchemaValid(xml);
    // What XML 1.0 can carry survives exactly; NUL, ESC, U+FFFF and the lone surrogate are gone.
    const legal = "a & b < c > d \" e ' f  g [31m h  i  j % k \r\n l : m , n | o";
    expect(xpath(xml, "string(//failure/@message)")).toBe(legal);
    expect(xpath(xml, "string(//property[@name='title']/@value)")).toBe(legal);
    expect(xpath(xml, "string(//testsuite/@timestamp)")).toBe("1970-01-01T00:00:00");
  });

  it("validates when a name would be empty once illegal characters are dropped", () => {
    const result = checkResult([
      draft([finding({ stakeholder: "\u0000", item: "\u0001" })], {
        file: "/repo/\uFFFF",
        draftId: " ",
      }),
    ]);
    expectSchemaValid(junit(result, OPTIONS));
  });

  it("makes a suite per draft and a failing test per error or warning", () => {
    const xml = junit(manyFindingsResult(4), OPTIONS);
    expect(xpath(xml, "count(//testsuite)")).toBe("3");
    expect(xpath(xml, "count(//testcase)")).toBe(String(2 * 12 + 1));
    expect(xpath(xml, "count(//failure)")).toBe(String(2 * 8));
    expect(xpath(xml, "string(//testsuite[@name='drafts/usms-orr.md']/@failures)")).toBe("8");
    expect(xpath(xml, "string(//testsuite[@name='drafts/usms-orr.md']/@tests)")).toBe("12");
    expect(xpath(xml, "string(//testsuite[2]/@id)")).toBe("1");
  });

  it("names a test after its stakeholder, rule and item, and types the failure by rule", () => {
    const xml = junit(checkResult([draft([finding()])]), OPTIONS);
    expect(xml).toContain(
      '<testcase name="item-open detention-capacity" classname="usms" time="0">',
    );
    expect(xml).toContain(
      '<failure message="Has USMS confirmed pretrial detention space? The item is open" type="item-open">',
    );
    expect(xpath(xml, "string(//failure)")).toBe(
      [
        "error: Has USMS confirmed pretrial detention space? The item is open (item-open)",
        "  at drafts/zero-tolerance-2018.review.yaml:12:7",
        "  stakeholder/item: usms/detention-capacity",
      ].join("\n"),
    );
  });

  it("lets notes pass and lists them in the suite's system-out", () => {
    const xml = junit(
      checkResult([draft([finding({ level: "note", message: "minor gap" })])]),
      OPTIONS,
    );
    expectSchemaValid(xml);
    expect(xpath(xml, "count(//failure)")).toBe("0");
    expect(xpath(xml, "string(//testsuite/@failures)")).toBe("0");
    expect(xpath(xml, "string(//system-out)")).toContain("note: minor gap (item-open)");
  });

  it("stamps suites with the as-of date, not the clock", () => {
    const xml = junit(cleanResult(), OPTIONS);
    expect(xpath(xml, "string(//testsuite/@timestamp)")).toBe("2018-04-01T00:00:00");
    expect(xpath(xml, "string(//testsuite/@hostname)")).toBe("localhost");
  });

  it("gives every test a unique identity, even two missing facts at one place", () => {
    const fact = (message: string) =>
      finding({ ruleId: "fact-missing", stakeholder: undefined, item: undefined, message });
    const xml = junit(
      checkResult([draft([fact("fact `a` has no value"), fact("fact `b` has no value")])]),
      OPTIONS,
    );
    expectSchemaValid(xml);
    const names = [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)].map(
      (m) => `${m[2]}|${m[1]}`,
    );
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });
});
