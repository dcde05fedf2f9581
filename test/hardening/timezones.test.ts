/**
 * Dates are calendar dates. `--as-of`, issuance dates and due dates
 * (issuance − `due`) are never instants, so the machine's time zone cannot
 * change an answer: the built binary gives byte-identical output under
 * UTC, America/Los_Angeles (UTC−8/−7, with a DST change inside the example's
 * due-date window) and Pacific/Kiritimati (UTC+14, the earliest zone).
 *
 * The one thing that does depend on the zone is the DEFAULT `--as-of`: it is
 * today's date where the user is (the local calendar date), as a person at
 * that desk would judge a deadline. Its test reads the zone's date itself.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { parseDuration, subtractDuration } from "../../src/core/evaluate/dates.js";
import { spawnCli } from "../helpers/cli.js";

const ZONES = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"] as const;
const DRAFT = "examples/zero-tolerance-2018.md";
/** Around the example's due dates (2018-03-07 is issuance 2018-04-06 − P30D; US DST began 2018-03-11). */
const AS_OF_DATES = ["2018-03-07", "2018-04-06"];
const CHECK_FORMATS = ["stylish", "json", "sarif", "junit", "github", "markdown"] as const;

/** Every output of one run per command, under one time zone: name → bytes. */
function outputsUnder(zone: string, asOf: string): Map<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "preclear-tz-"));
  const env = { TZ: zone };
  const outputs = new Map<string, string>();
  try {
    const check = spawnCli(
      [
        "--as-of",
        asOf,
        "check",
        "examples",
        ...CHECK_FORMATS.flatMap((format) => ["-f", format, "-o", path.join(dir, format)]),
      ],
      { env },
    );
    expect(check.code).toBe(1);
    for (const name of readdirSync(dir).sort()) {
      outputs.set(`check ${name}`, readFileSync(path.join(dir, name), "utf8"));
    }
    for (const format of ["json", "markdown", "html"]) {
      const report = spawnCli(["--as-of", asOf, "report", DRAFT, "-f", format], { env });
      expect(report.code).toBe(0);
      outputs.set(`report ${format}`, report.stdout);
    }
    const explain = spawnCli(["--as-of", asOf, "explain", DRAFT, "-f", "json"], { env });
    outputs.set("explain json", explain.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return outputs;
}

describe.each(AS_OF_DATES)("--as-of %s under three time zones", (asOf) => {
  test("check (every format), report (every format) and explain are byte-identical", () => {
    const [reference, ...others] = ZONES.map((zone) => outputsUnder(zone, asOf));
    expect([...reference!.keys()]).toEqual([
      ...CHECK_FORMATS.map((f) => `check ${f}`).sort(),
      "report json",
      "report markdown",
      "report html",
      "explain json",
    ]);
    for (const outputs of others) {
      for (const [name, text] of reference!)
        expect({ name, text: outputs.get(name) }).toEqual({ name, text });
    }
  });
});

describe("due dates are calendar arithmetic", () => {
  test("the example's overdue findings name the same due date in every zone", () => {
    const overdue = ZONES.map((zone) => {
      const result = spawnCli(["--as-of", "2018-04-06", "check", "examples", "-f", "json"], {
        env: { TZ: zone },
      });
      return (
        JSON.parse(result.stdout) as {
          drafts: Array<{ findings: Array<{ ruleId: string; message: string }> }>;
        }
      ).drafts
        .flatMap((d) => d.findings)
        .filter((f) => f.ruleId === "overdue")
        .map((f) => f.message);
    });
    expect(overdue[0]!.length).toBeGreaterThan(0);
    expect(overdue[0]!.some((m) => m.includes("was due 2018-03-07"))).toBe(true);
    expect(overdue[1]).toEqual(overdue[0]);
    expect(overdue[2]).toEqual(overdue[0]);
  });

  test("issuance − due is the same whatever process.env.TZ says (property, in-process)", () => {
    const saved = process.env.TZ;
    const date = fc
      .date({
        min: new Date(Date.UTC(1970, 0, 1)),
        max: new Date(Date.UTC(2100, 11, 31)),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const duration = fc
      .tuple(fc.nat(5), fc.nat(24), fc.nat(10), fc.nat(400))
      .map(([y, m, w, d]) => `P${y ? `${y}Y` : ""}${m ? `${m}M` : ""}${w ? `${w}W` : ""}${d}D`);
    try {
      fc.assert(
        fc.property(date, duration, (issuance, due) => {
          const answers = ZONES.map((zone) => {
            process.env.TZ = zone;
            return subtractDuration(issuance, parseDuration(due)!);
          });
          return answers.every((answer) => answer === answers[0]);
        }),
        { numRuns: 300 },
      );
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe("the default --as-of is today's date where the user is", () => {
  /** Today's calendar date in `zone`, as YYYY-MM-DD. */
  const todayIn = (zone: string) =>
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(new Date());

  test.each(ZONES)("under TZ=%s, check judges as of that zone's calendar date", (zone) => {
    const before = todayIn(zone);
    const result = spawnCli(["check", "examples", "-f", "json"], { env: { TZ: zone } });
    const after = todayIn(zone);
    const { asOf } = JSON.parse(result.stdout) as { asOf: string };
    // Before and after, in case the run straddles midnight in that zone.
    expect([before, after]).toContain(asOf);
  });

  test("Kiritimati (UTC+14) and Los Angeles (UTC−8) can be on different days: each uses its own", () => {
    const kiritimati = todayIn("Pacific/Kiritimati");
    const losAngeles = todayIn("America/Los_Angeles");
    // 22 hours apart: the same day only for the two hours after Kiritimati's midnight.
    expect(kiritimati >= losAngeles).toBe(true);
  });
});
