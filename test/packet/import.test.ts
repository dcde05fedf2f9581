/**
 * `preclear import` and `preclear respond`: an office's answer, filled in by
 * hand or signed with its key, brought back into the review — and every way
 * a response can be wrong.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ReviewStore } from "../../src/review/store.js";
import { AS_OF, fillResponse, newExample, reviewOf } from "./helpers.js";
import type { Example } from "./helpers.js";

interface CheckJson {
  drafts: Array<{ findings: Array<{ ruleId: string; message: string }> }>;
}

async function sendPacket(example: Example): Promise<string> {
  const result = await example.cli([
    "--as-of",
    AS_OF,
    "packet",
    "zero-tolerance-2018.md",
    "--stakeholder",
    "usms",
    "-o",
    "usms",
  ]);
  if (result.code !== 0) throw new Error(result.stderr);
  const filled = fillResponse(example.read("usms/response.yaml"));
  example.write("usms-response.yaml", filled);
  return filled;
}

describe("preclear import of a response filled in by hand", () => {
  let example: Example;
  beforeEach(() => {
    example = newExample();
  });
  afterEach(() => example.remove());

  test("records exactly those answers, with history via import and the respondent", async () => {
    await sendPacket(example);
    const before = reviewOf(example).stakeholders.usms!;
    const result = await example.cli(["import", "usms-response.yaml", "--actor", "clerk"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("answered by J. Roe, Assistant Director on 2018-03-28");
    expect(result.stdout).toContain(
      "1 item, 2 comments, decision concur-with-comments, sign-off; unsigned",
    );

    // The review keeps its own comments and layout.
    expect(example.read("zero-tolerance-2018.review.yaml")).toContain(
      "  # --- The courts (consulted) ----",
    );
    const usms = reviewOf(example).stakeholders.usms!;
    expect(usms.items["detention-funding"]).toEqual({
      status: "satisfied",
      contact: "J. Roe, USMS Financial Services",
      document: "https://example.gov/usms/funding-2018.pdf",
    });
    // Items the office left as they were are not touched.
    for (const id of Object.keys(usms.items)) {
      if (id !== "detention-funding") expect(usms.items[id]).toEqual(before.items[id]);
    }
    expect(usms.comments).toEqual([
      expect.objectContaining({
        id: "c1",
        type: "critical",
        location: "§ Direction",
        by: "J. Roe, Assistant Director",
        date: "2018-03-28",
      }),
      expect.objectContaining({
        id: "c2",
        type: "administrative",
        text: "Spell out USMS on first use.",
      }),
    ]);
    expect(usms.decision).toEqual({
      status: "concur-with-comments",
      comments: "Subject to c1.",
      by: "J. Roe, Assistant Director",
      date: "2018-03-28",
      level: "principal",
    });
    const imported = reviewOf(example).history.filter((h) => h.via === "import");
    expect(imported.map((h) => h.item)).toEqual([
      "detention-funding",
      "decision",
      "comment:c1",
      "comment:c2",
      "signoff",
    ]);
    for (const entry of imported) {
      expect(entry).toMatchObject({
        actor: "clerk",
        stakeholder: "usms",
        respondent: "J. Roe, Assistant Director",
      });
      expect(entry.reason).toMatch(/^response of 2018-03-28; from usms-response\.yaml; unsigned$/);
    }

    // check sees the answers: the funding item is no longer open, the sign-off is valid.
    const check = await example.cli([
      "--as-of",
      "2018-03-30",
      "check",
      "zero-tolerance-2018.md",
      "-f",
      "json",
    ]);
    const findings = (JSON.parse(check.stdout) as CheckJson).drafts[0]!.findings;
    const messages = findings.map((f) => `${f.ruleId} ${f.message}`);
    const funding = messages.filter((m) => m.includes("usms/detention-funding"));
    expect(funding.some((m) => m.startsWith("item-open "))).toBe(false);
    // Satisfied, but the bed count it pays for (in-progress in the example) is not done.
    expect(funding).toEqual([
      "input-missing usms/detention-funding is satisfied, but usms/detention-beds (in-progress), which it needs, is not done",
    ]);
    expect(messages.some((m) => m.includes("usms/facility-distance"))).toBe(true);
    const verify = await example.cli(["--as-of", "2018-03-30", "verify", "zero-tolerance-2018.md"]);
    expect(verify.stdout).toMatch(/usms\s+valid\s+signed off by J\. Roe on 2018-03-28/);
  });

  test("a comment's disposition is the action office's: ignored with a warning", async () => {
    const filled = await sendPacket(example);
    example.write(
      "usms-response.yaml",
      filled.replace(
        "    text: Spell out USMS on first use.",
        "    text: Spell out USMS on first use.\n    disposition: accepted",
      ),
    );
    const result = await example.cli(["import", "usms-response.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "ignored comments[1].disposition: dispositions are the action office's to record",
    );
    const c2 = (
      reviewOf(example).stakeholders.usms!.comments as Array<Record<string, unknown>>
    )[1]!;
    expect(c2.disposition).toBeUndefined();
  });

  test("importing the same response twice changes nothing and says so", async () => {
    await sendPacket(example);
    await example.cli(["import", "usms-response.yaml"]);
    const once = example.read("zero-tolerance-2018.review.yaml");
    const again = await example.cli(["import", "usms-response.yaml"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing to import");
    expect(example.read("zero-tolerance-2018.review.yaml")).toBe(once);
  });

  test("an answer recorded after the response is kept and listed; --force overwrites it", async () => {
    await sendPacket(example);
    // Someone recorded a later answer for the funding item, today.
    const store = await ReviewStore.open(example.review, {
      draftId: "zero-tolerance-2018",
      actor: "liaison",
    });
    await store.setItemResponse("usms", "detention-funding", {
      status: "in-progress",
      notes: "Reprogramming requested.",
    });
    // The example already records an (illustrative) non-concurrence of 2018-03-23,
    // older than the response; the liaison changes it today, which history records.
    await store.setDecision("usms", {
      status: "concur-with-comments",
      comments: "Only once beds are confirmed.",
    });
    const result = await example.cli(["import", "usms-response.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Kept 2 answers recorded after this response (pass --force to overwrite):",
    );
    expect(result.stdout).toMatch(
      /usms\/detention-funding \(in-progress, recorded \d{4}-\d{2}-\d{2}\)/,
    );
    expect(result.stdout).toMatch(
      /usms decision \(concur-with-comments, recorded \d{4}-\d{2}-\d{2}\)/,
    );
    // The later decision stands, so the older response signs nothing.
    expect(reviewOf(example).stakeholders.usms!.decision).toEqual({
      status: "concur-with-comments",
      comments: "Only once beds are confirmed.",
    });
    expect(reviewOf(example).stakeholders.usms!.signoffs).toBeUndefined();
    expect(reviewOf(example).stakeholders.usms!.items["detention-funding"]).toEqual({
      status: "in-progress",
      notes: "Reprogramming requested.",
    });
    // The rest of the response was imported.
    expect(reviewOf(example).stakeholders.usms!.comments).toHaveLength(2);

    const forced = await example.cli(["import", "usms-response.yaml", "--force"]);
    expect(forced.code).toBe(0);
    expect(reviewOf(example).stakeholders.usms!.items["detention-funding"]).toMatchObject({
      status: "satisfied",
    });
  });

  test("a response to an earlier version is refused naming the changed section; --accept-stale gives a stale sign-off", async () => {
    await sendPacket(example);
    const draft = example.read("zero-tolerance-2018.md");
    example.write(
      "zero-tolerance-2018.md",
      draft.replace(
        "Misdemeanor entry cases are included.",
        "Misdemeanor entry cases are included, except parents with children.",
      ),
    );
    const before = example.read("zero-tolerance-2018.review.yaml");
    const refused = await example.cli(["import", "usms-response.yaml"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("usms-response.yaml: not imported: it answers version");
    // Sections named as every stale message names them (src/core/versions/redline.ts).
    expect(refused.stderr).toContain("§ 3 Direction: 1 paragraph changed");
    expect(refused.stderr).toContain("--accept-stale");
    expect(example.read("zero-tolerance-2018.review.yaml")).toBe(before);

    const accepted = await example.cli(["import", "usms-response.yaml", "--accept-stale"]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain("sign-off (stale: an earlier version)");
    const verify = await example.cli(["--as-of", "2018-03-30", "verify", "zero-tolerance-2018.md"]);
    expect(verify.stdout).toMatch(/usms\s+stale\s+the draft text changed since the sign-off/);
    expect(reviewOf(example).history.at(-1)!.reason).toContain("accepted with --accept-stale");
  });

  test("without a snapshot of the version answered, it says the digests differ", async () => {
    await sendPacket(example);
    const filled = example
      .read("usms-response.yaml")
      .replace(/version: "sha256:[0-9a-f]{64}"/, `version: "sha256:${"1".repeat(64)}"`);
    example.write("usms-response.yaml", filled);
    const refused = await example.cli(["import", "usms-response.yaml"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "no snapshot of the version answered is kept, so only the digests can tell they differ",
    );
  });
});

describe("responses that are refused, with a position", () => {
  let example: Example;
  let filled: string;
  beforeEach(async () => {
    example = newExample();
    filled = await sendPacket(example);
  });
  afterEach(() => example.remove());

  const lineOf = (text: string, needle: string) =>
    text.split("\n").findIndex((l) => l.includes(needle)) + 1;

  test.each([
    [
      "another draft",
      (t: string) => t.replace('draft: "zero-tolerance-2018"', 'draft: "other-memo"'),
      'draft: "other-memo"',
      "no draft `other-memo` found",
    ],
    [
      "an office not in the checklists",
      (t: string) => t.replace('stakeholder: "usms"', 'stakeholder: "usmss"'),
      'stakeholder: "usmss"',
      "no stakeholder `usmss` in the checklists of zero-tolerance-2018 (did you mean `usms`?)",
    ],
    [
      "an item that does not exist",
      (t: string) => t.replace("  orr-liaison:", "  orr-liason:"),
      "  orr-liason:",
      "usms has no item `orr-liason` (did you mean `orr-liaison`?)",
    ],
  ])("%s", async (_name, edit, needle, message) => {
    const text = edit(filled);
    example.write("bad.yaml", text);
    const before = example.read("zero-tolerance-2018.review.yaml");
    const result = await example.cli(["import", "bad.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`bad.yaml:${lineOf(text, needle)}:`);
    expect(result.stderr).toContain(message);
    expect(example.read("zero-tolerance-2018.review.yaml")).toBe(before);
  });

  test("a response.json with extra fields is refused; script in its strings stays text", async () => {
    const { parse } = await import("yaml");
    const data = parse(filled) as Record<string, unknown>;
    example.write("extra.json", JSON.stringify({ ...data, onload: "alert(1)" }, null, 2));
    const extra = await example.cli(["import", "extra.json"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/extra\.json:\d+:\d+: .*onload/);

    const hostile = {
      ...data,
      respondent: { name: "J. Roe\u001b[2J\u001b]0;owned\u0007", date: "2018-03-28" },
      comments: [{ id: "c9", type: "substantive", text: "<script>alert(1)</script>\u001b[31mred" }],
    };
    example.write("hostile.json", JSON.stringify(hostile));
    const result = await example.cli(["import", "hostile.json"]);
    expect(result.code).toBe(0);
    // Nothing in a response drives the terminal.
    expect(result.stdout).toContain("answered by J. Roe[2J]0;owned on 2018-03-28");
    // eslint-disable-next-line no-control-regex
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const report = await example.cli([
      "--as-of",
      "2018-03-30",
      "report",
      "zero-tolerance-2018.md",
      "-f",
      "html",
    ]);
    expect(report.stdout).not.toContain("<script>alert(1)</script>");
  });
});

describe("signed responses (preclear respond --key)", () => {
  let example: Example;
  beforeEach(async () => {
    example = newExample();
    await sendPacket(example);
    const keygen = await example.cli(["keygen", "--id", "usms-2018", "-o", "keys", "--force"]);
    if (keygen.code !== 0) throw new Error(keygen.stderr);
  });
  afterEach(() => example.remove());

  const trust = (stakeholders: string[]) => {
    const pub = path.join(example.dir, "keys", "usms-2018.pub.yaml");
    writeFileSync(
      pub,
      readFileSync(pub, "utf8").replace(
        "stakeholders: []",
        `stakeholders: [${stakeholders.join(", ")}]`,
      ),
    );
    example.write("preclear.config.yaml", "trustedKeys: keys/usms-2018.pub.yaml\n");
  };

  test("a response signed with a key trusted for the office imports as verified", async () => {
    trust(["usms"]);
    const signed = await example.cli([
      "respond",
      "usms-response.yaml",
      "--key",
      "keys/usms-2018.key",
    ]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain("with key usms-2018");
    const text = example.read("usms-response.yaml");
    expect(text).toMatch(/signature:\n {2}keyId: usms-2018\n {2}value: [A-Za-z0-9+/]{86}==/);
    expect(text).toContain("# 2.1 Has USMS confirmed"); // comments survive signing
    const result = await example.cli(["import", "usms-response.yaml"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("signature verified (key usms-2018)");
    expect(reviewOf(example).history.at(-1)!.reason).toContain(
      "signature verified (key usms-2018)",
    );
  });

  test("a response.json (from the packet's form) is signed as JSON and verifies", async () => {
    trust(["usms"]);
    const { parse } = await import("yaml");
    example.write(
      "response.json",
      JSON.stringify(parse(example.read("usms-response.yaml")), null, 2),
    );
    const signed = await example.cli(["respond", "response.json", "--key", "keys/usms-2018.key"]);
    expect(signed.code).toBe(0);
    const data = JSON.parse(example.read("response.json")) as { signature: { keyId: string } };
    expect(data.signature.keyId).toBe("usms-2018");
    const result = await example.cli(["import", "response.json"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("signature verified (key usms-2018)");
  });

  test("a key not trusted for the office is refused; --force imports it as unverified", async () => {
    trust(["hhs-orr"]);
    await example.cli(["respond", "usms-response.yaml", "--key", "keys/usms-2018.key"]);
    const before = example.read("zero-tolerance-2018.review.yaml");
    const refused = await example.cli(["import", "usms-response.yaml"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "key `usms-2018` is not trusted to sign for usms; pass --force",
    );
    expect(example.read("zero-tolerance-2018.review.yaml")).toBe(before);
    const forced = await example.cli(["import", "usms-response.yaml", "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain("recorded as unverified");
    expect(reviewOf(example).history.at(-1)!.reason).toContain("signature unverified");
  });

  test("a signed response edited afterwards does not verify", async () => {
    trust(["usms"]);
    await example.cli(["respond", "usms-response.yaml", "--key", "keys/usms-2018.key"]);
    example.write(
      "usms-response.yaml",
      example.read("usms-response.yaml").replace("Subject to c1.", "Subject to nothing."),
    );
    const refused = await example.cli(["import", "usms-response.yaml"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the response was changed after it was signed");
  });
});

describe("a review kept as a directory of fragments", () => {
  let example: Example;
  afterEach(() => example.remove());

  test("an office's response goes into that office's fragment only", async () => {
    example = newExample();
    const { parse, stringify } = await import("yaml");
    const review = parse(example.read("zero-tolerance-2018.review.yaml")) as {
      stakeholders: Record<string, unknown>;
    };
    const { usms, ...others } = review.stakeholders;
    mkdirSync(path.join(example.dir, "zt.review"));
    const head = { apiVersion: "preclear/v1", kind: "Review", draft: "zero-tolerance-2018" };
    example.write("zt.review/_review.yaml", stringify({ ...review, stakeholders: others }));
    example.write("zt.review/usms.yaml", stringify({ ...head, stakeholders: { usms } }));
    example.write(
      "zero-tolerance-2018.md",
      example
        .read("zero-tolerance-2018.md")
        .replace("review: zero-tolerance-2018.review.yaml", "review: zt.review"),
    );
    await sendPacket(example);
    const shared = example.read("zt.review/_review.yaml");
    const result = await example.cli(["import", "usms-response.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(example.read("zt.review/_review.yaml")).toBe(shared);
    const fragment = parse(example.read("zt.review/usms.yaml")) as {
      stakeholders: { usms: { comments: unknown[]; decision: { status: string } } };
      history: Array<{ via?: string }>;
    };
    expect(fragment.stakeholders.usms.comments).toHaveLength(2);
    expect(fragment.stakeholders.usms.decision.status).toBe("concur-with-comments");
    expect(fragment.history.filter((h) => h.via === "import").length).toBeGreaterThan(3);
  });
});
