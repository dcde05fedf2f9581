/**
 * `preclear validate <file>`: every semantic rule of SPEC section 1 is an
 * error at the `file:line:col` a user must edit, and the command exits 1.
 * Also the command-line basics every command shares (help, version, usage
 * errors, --as-of, colour), exercised through validate.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ANSI, linesOf, REPO_ROOT, runCli } from "../helpers/cli.js";
import { fixture, textAt, tempDir } from "../helpers/fixtures.js";

const VALIDATE_DIR = fixture("validate");

/** Validate one fixture from its own directory, so paths print as bare file names. */
async function validate(file: string, options: { cwd?: string; args?: string[] } = {}) {
  const result = await runCli([...(options.args ?? []), "validate", file], {
    cwd: options.cwd ?? VALIDATE_DIR,
  });
  const problems = linesOf(result.stdout).filter((line) => line.startsWith("✖ "));
  return { ...result, problems: problems.map((line) => line.slice(2)) };
}

describe("preclear validate: semantic errors in a checklist", () => {
  test("a `dependsOn` naming an unknown stakeholder is reported at that entry", async () => {
    const { code, problems } = await validate("unknown-depends-on.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "unknown-depends-on.yaml:10:17: `dependsOn` names unknown stakeholder `usao-swb` (known: usms)",
    ]);
  });

  test("a `dependsOn` cycle is named, a → b → a, at the entry that closes it", async () => {
    const { code, problems } = await validate("depends-on-cycle.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual(["depends-on-cycle.yaml:13:17: dependsOn cycle: a → b → a"]);
    expect(textAt(path.join(VALIDATE_DIR, "depends-on-cycle.yaml"), 13, 17)).toBe("a]");
  });

  test("`extends` of an unknown checklist is reported at that id, listing the known ones", async () => {
    const { code, problems } = await validate("extends-unknown.yaml");
    expect(code).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^extends-unknown\.yaml:7:24: unknown checklist `no-such-checklist` \(known: .*base-policy.*\)$/,
    );
    expect(textAt(path.join(VALIDATE_DIR, "extends-unknown.yaml"), 7, 24)).toBe(
      "no-such-checklist]",
    );
  });

  describe("an `extends` cycle between two local checklists", () => {
    const CYCLE_DIR = fixture("validate", "extends-cycle");

    test("is named at the `extends` entry that closes it, with the config found by walking up", async () => {
      const { code, problems } = await validate("agency-a.yaml", { cwd: CYCLE_DIR });
      expect(code).toBe(1);
      expect(problems).toEqual([
        "agency-b.yaml:7:11: extends cycle: agency-a → agency-b → agency-a",
      ]);
    });

    test("is found the same way with an explicit --config", async () => {
      const { code, problems } = await validate("extends-cycle/agency-a.yaml", {
        args: ["--config", "extends-cycle/preclear.config.yaml"],
      });
      expect(code).toBe(1);
      expect(problems).toEqual([
        "extends-cycle/agency-b.yaml:7:11: extends cycle: agency-a → agency-b → agency-a",
      ]);
    });

    test("without a config, a checklist's `extends` still finds its neighbours in the same directory", async () => {
      const { code, problems } = await validate("extends-cycle/agency-a.yaml");
      expect(code).toBe(1);
      expect(problems).toEqual([
        "extends-cycle/agency-b.yaml:7:11: extends cycle: agency-a → agency-b → agency-a",
      ]);
    });
  });

  test("a CEL `appliesWhen` naming an undeclared fact points into the expression at the fact", async () => {
    const { code, problems } = await validate("cel-undeclared-fact.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "cel-undeclared-fact.yaml:15:51: CEL: unknown fact or field `projectedDefendants` (is it declared under facts:?)",
    ]);
    expect(textAt(path.join(VALIDATE_DIR, "cel-undeclared-fact.yaml"), 15, 51)).toBe(
      "projectedDefendants > 0",
    );
  });

  test("a CEL type mismatch (integer fact + string) is an error inside the quoted expression", async () => {
    const { code, problems } = await validate("cel-type-error.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "cel-type-error.yaml:14:19: CEL: type mismatch: no operator for int + string",
    ]);
    // Column 19 is the first character inside the quotes, not the quote itself.
    expect(textAt(path.join(VALIDATE_DIR, "cel-type-error.yaml"), 14, 19)).toMatch(
      /^facts\.count \+ 'x'/,
    );
  });

  test("a CEL `appliesWhen` that is a number, not a condition, is an error", async () => {
    const { code, problems } = await validate("cel-non-bool-condition.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "cel-non-bool-condition.yaml:14:18: CEL: must be a true/false condition, but is of type int",
    ]);
  });

  test("a CEL `capacity.demand` of type string is an error at the demand", async () => {
    const { code, problems } = await validate("cel-string-demand.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "cel-string-demand.yaml:21:19: CEL: must evaluate to a number, but is of type string",
    ]);
    expect(textAt(path.join(VALIDATE_DIR, "cel-string-demand.yaml"), 21, 19)).toBe("facts.issuer");
  });

  test("`severity: critical` says which values are allowed, at the value", async () => {
    const { code, problems } = await validate("wrong-enum-severity.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "wrong-enum-severity.yaml:13:19: `severity` must be one of blocker, major, minor",
    ]);
    expect(textAt(path.join(VALIDATE_DIR, "wrong-enum-severity.yaml"), 13, 19)).toBe("critical");
  });

  test("a checklist without `title` is reported at the top of the document", async () => {
    const { code, problems } = await validate("missing-title.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual(["missing-title.yaml:2:1: `title` is required"]);
  });

  test("an item without `id` is reported at that item", async () => {
    const { code, problems } = await validate("item-without-id.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual(["item-without-id.yaml:11:9: `id` is required"]);
    expect(textAt(path.join(VALIDATE_DIR, "item-without-id.yaml"), 11, 9)).toMatch(/^question:/);
  });

  test("an unknown property is reported at its key, with a did-you-mean hint", async () => {
    const { code, problems } = await validate("unknown-property.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "unknown-property.yaml:13:9: unknown property `severty` (did you mean `severity`?)",
    ]);
  });

  test("a stakeholder id used twice is reported at the second one", async () => {
    const { code, problems } = await validate("duplicate-stakeholder-id.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "duplicate-stakeholder-id.yaml:12:9: duplicate stakeholder id `usms`",
    ]);
  });

  test("an item citing an unknown source is reported at that citation", async () => {
    const { code, problems } = await validate("unknown-item-source.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "unknown-item-source.yaml:16:31: unknown source `oig-19-999` (known: oig-21-028)",
    ]);
    expect(textAt(path.join(VALIDATE_DIR, "unknown-item-source.yaml"), 16, 31)).toBe("oig-19-999]");
  });

  test("an enum fact without `options` is reported at that fact", async () => {
    const { code, problems } = await validate("enum-fact-without-options.yaml");
    expect(code).toBe(1);
    expect(problems).toEqual([
      "enum-fact-without-options.yaml:9:5: enum fact `custody` needs `options`",
    ]);
  });

  test("the summary counts invalid files and problems, and valid files are ticked", async () => {
    const { code, stdout } = await runCli(
      [
        "validate",
        "unknown-depends-on.yaml",
        "depends-on-cycle.yaml",
        "../../../checklists/base-policy.yaml",
      ],
      { cwd: VALIDATE_DIR },
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✔ .*checklists\/base-policy\.yaml \(checklist\)$/m);
    expect(linesOf(stdout).at(-1)).toBe("2 of 3 files invalid (2 problems)");
  });
});

describe("preclear validate: the built-in checklists", () => {
  test("all four are valid", async () => {
    const { code, stdout } = await runCli([
      "validate",
      "checklists/base-policy.yaml",
      "checklists/doj-significant-policy.yaml",
      "checklists/interagency-agreement.yaml",
      "checklists/usms-orr-communication.yaml",
    ]);
    expect(stdout).toContain("4 files valid");
    expect(code).toBe(0);
  });
});

describe("the command line", () => {
  test("--help prints usage listing validate and exits 0", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: preclear /);
    expect(stdout).toMatch(/^\s+validate .*<files\.\.\.>/m);
  });

  test("--version prints the package version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  test("an unknown command is a usage error: exit 2", async () => {
    const { code, stderr } = await runCli(["frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  test("an unknown option is a usage error: exit 2", async () => {
    const { code, stderr } = await runCli(["validate", "--frobnicate", "x.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--frobnicate'");
  });

  test("a missing argument is a usage error: exit 2", async () => {
    const { code, stderr } = await runCli(["validate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'files'");
  });

  test("--as-of 2018-02-30 (not a calendar date) exits 2 with a one-line message", async () => {
    const { code, stdout, stderr } = await runCli([
      "--as-of",
      "2018-02-30",
      "validate",
      "checklists/base-policy.yaml",
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(linesOf(stderr)).toEqual([
      'preclear: --as-of must be a calendar date (YYYY-MM-DD), got "2018-02-30"',
    ]);
  });

  test("validate on a missing file exits 1 and says there is no such file", async () => {
    const { code, stdout } = await runCli(["validate", "no-such-checklist.yaml"], {
      cwd: VALIDATE_DIR,
    });
    expect(code).toBe(1);
    expect(linesOf(stdout)).toEqual([
      "✖ no-such-checklist.yaml:1:1: no such file",
      "1 of 1 file invalid (1 problem)",
    ]);
  });

  test("a file that is not a preclear file exits 1 and says what was expected", async () => {
    const temp = tempDir();
    try {
      writeFileSync(path.join(temp.dir, "notes.yaml"), "shopping: [milk, eggs]\n");
      const { code, stdout } = await runCli(["validate", "notes.yaml"], { cwd: temp.dir });
      expect(code).toBe(1);
      expect(stdout).toContain("✖ notes.yaml:1:1: not a preclear file: expected `kind: Checklist`");
    } finally {
      temp.remove();
    }
  });

  describe("colour", () => {
    const args = ["validate", "unknown-depends-on.yaml"];

    test("NO_COLOR=1 turns colour off, even on a terminal", async () => {
      const { stdout } = await runCli(args, {
        cwd: VALIDATE_DIR,
        env: { NO_COLOR: "1" },
        stdoutIsTTY: true,
      });
      expect(stdout).toContain("unknown-depends-on.yaml:10:17");
      expect(stdout).not.toMatch(ANSI);
    });

    test("--no-color turns colour off, even with FORCE_COLOR=1", async () => {
      const { stdout } = await runCli(["--no-color", ...args], {
        cwd: VALIDATE_DIR,
        env: { FORCE_COLOR: "1" },
        stdoutIsTTY: true,
      });
      expect(stdout).toContain("unknown-depends-on.yaml:10:17");
      expect(stdout).not.toMatch(ANSI);
    });

    test("FORCE_COLOR=1 colours the stylish output even when piped", async () => {
      const { stdout } = await runCli(args, { cwd: VALIDATE_DIR, env: { FORCE_COLOR: "1" } });
      expect(stdout).toMatch(ANSI);
      expect(stdout.replace(new RegExp(ANSI.source, "g"), "")).toContain(
        "✖ unknown-depends-on.yaml:10:17:",
      );
    });

    test("piped output without colour variables is plain", async () => {
      const { stdout } = await runCli(args, { cwd: VALIDATE_DIR });
      expect(stdout).not.toMatch(ANSI);
    });
  });
});
