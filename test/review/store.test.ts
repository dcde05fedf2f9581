import { chmod, lstat, readFile, readlink, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { PreclearError } from "../../src/core/diagnostics.js";
import { loadReview } from "../../src/core/load/review.js";
import { ReviewFileError } from "../../src/review/errors.js";
import { ReviewStore } from "../../src/review/store.js";
import { copyFixture, DRAFT, leftovers, steppingClock, tempDir } from "./helpers.js";

const HAND_EDITED = "hand-edited.review.yaml";

async function openFixture(name = HAND_EDITED) {
  const file = await copyFixture(name);
  const original = await readFile(file, "utf8");
  const store = await ReviewStore.open(file, {
    draftId: DRAFT,
    actor: "tester",
    now: steppingClock(),
  });
  return { file, original, store };
}

function historyEntry(lines: string[], indent = "  "): string {
  return lines.map((line, i) => `${indent}${i === 0 ? "- " : "  "}${line}\n`).join("");
}

describe("ReviewStore on a hand-edited review", () => {
  test("changing one status rewrites only that value and appends one history entry", async () => {
    const { file, original, store } = await openFixture();

    await store.setItemResponse("usao-sdca", "caseload", { status: "satisfied" });

    const expected = original
      .replace(
        "status: open     # nobody has called yet",
        "status: satisfied     # nobody has called yet",
      )
      .replace(
        "    to: satisfied\n\n",
        "    to: satisfied\n" +
          historyEntry([
            "at: 2018-04-01T09:30:00Z",
            "actor: tester",
            "stakeholder: usao-sdca",
            "item: caseload",
            "from: open",
            "to: satisfied",
          ]) +
          "\n",
      );
    expect(await readFile(file, "utf8")).toBe(expected);
  });

  test("evidence added to an item goes at the end of its map; a date stays a string", async () => {
    const { file, original, store } = await openFixture();

    await store.setItemResponse("usao-sdca", "caseload", {
      contact: "K. Doe, Criminal Chief",
      date: "2018-04-02",
    });

    const expected = original.replace(
      "        status: open     # nobody has called yet\n",
      "        status: open     # nobody has called yet\n" +
        "        contact: K. Doe, Criminal Chief\n" +
        "        date: 2018-04-02\n",
    );
    // No status change, so no history entry.
    expect(await readFile(file, "utf8")).toBe(expected);
    expect(store.snapshot().stakeholders?.["usao-sdca"]?.items?.caseload).toEqual({
      status: "open",
      contact: "K. Doe, Criminal Chief",
      date: "2018-04-02",
    });
  });

  test("a flow-style item is edited in place, keeping its quoting", async () => {
    const { file, original, store } = await openFixture();

    await store.setItemResponse("usms", "transport", {
      status: "satisfied",
      contact: "Transport Branch",
    });

    const after = await readFile(file, "utf8");
    expect(after).toContain(
      "      transport: {status: satisfied, notes: 'awaiting numbers', contact: Transport Branch}\n",
    );
    expect(after.replace(/^ {6}transport: .*\n/m, "")).toBe(
      insertHistory(original.replace(/^ {6}transport: .*\n/m, ""), [
        "at: 2018-04-01T09:30:00Z",
        "actor: tester",
        "stakeholder: usms",
        "item: transport",
        "from: in-progress",
        "to: satisfied",
      ]),
    );
  });

  test("a new stakeholder, a decision and a fact: every original line survives, in order", async () => {
    const { file, original, store } = await openFixture();

    await store.setItemResponse("hhs-orr", "child-welfare", {
      status: "in-progress",
      notes: "call set for Friday",
    });
    await store.setDecision("usao-sdca", {
      status: "non-concur",
      comments: "no staff for misdemeanors",
    });
    await store.setFact("changesProsecutionVolume", true);

    const after = await readFile(file, "utf8");
    const afterLines = after.split("\n");
    const changedLine = "facts: {custody: both, projectedDefendantsPerMonth: 3000}";
    let cursor = 0;
    for (const line of original.split("\n").filter((l) => l !== changedLine)) {
      const found = afterLines.indexOf(line, cursor);
      expect({ line, found: found >= 0 }).toEqual({ line, found: true });
      cursor = found + 1;
    }
    expect(after).toContain(
      "  usao-sdca:\n    items:\n      caseload:\n        status: open     # nobody has called yet\n" +
        "    decision:\n      status: non-concur\n      comments: no staff for misdemeanors\n" +
        "  hhs-orr:\n    items:\n      child-welfare:\n        status: in-progress\n        notes: call set for Friday\n",
    );
    expect(after).toContain(
      "facts: {custody: both, projectedDefendantsPerMonth: 3000, changesProsecutionVolume: true}\n",
    );
    expect(parse(after).history.map((h: { item: string }) => h.item)).toEqual([
      "detention-capacity",
      "child-welfare",
      "decision",
      "fact:changesProsecutionVolume",
    ]);
  });

  test("removing fields and a decision deletes just their lines", async () => {
    const { file, original, store } = await openFixture();

    await store.setItemResponse("usms", "detention-capacity", { capacity: undefined });
    await store.setDecision("usms", undefined);

    const expected = insertHistory(
      original
        .replace("        capacity: 1200   # beds, confirmed by phone\n", "")
        .replace(
          "    decision:\n      status: concur\n      by: \"J. Roe, Assistant Director\"\n      date: '2018-03-28'\n",
          "",
        ),
      [
        "at: 2018-04-01T09:30:00Z",
        "actor: tester",
        "stakeholder: usms",
        "item: decision",
        "from: concur",
        "to: null",
      ],
    );
    expect(await readFile(file, "utf8")).toBe(expected);
  });

  test("answering with the same values writes nothing", async () => {
    const { file, original, store } = await openFixture();
    const before = (await stat(file)).mtimeMs;

    await store.setItemResponse("usms", "detention-capacity", {
      status: "satisfied",
      capacity: 1200,
    });
    await store.setFact("custody", "both");

    expect(await readFile(file, "utf8")).toBe(original);
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  test("snapshot merges what is on disk, with the answers just given", async () => {
    const { store } = await openFixture();
    await store.setItemResponse("usao-sdca", "caseload", {
      status: "risk-accepted",
      acceptedBy: "AG",
      rationale: "r",
    });
    const review = store.snapshot();
    expect(review.facts).toEqual({ custody: "both", projectedDefendantsPerMonth: 3000 });
    expect(review.stakeholders?.usms?.decision?.date).toBe("2018-03-28");
    expect(review.stakeholders?.["usao-sdca"]?.items?.caseload?.status).toBe("risk-accepted");
    expect(review.history?.at(-1)).toMatchObject({
      actor: "tester",
      from: "open",
      to: "risk-accepted",
    });
  });
});

function insertHistory(text: string, lines: string[]): string {
  return text.replace("    to: satisfied\n\n", "    to: satisfied\n" + historyEntry(lines) + "\n");
}

describe("ReviewStore: new reviews", () => {
  test("a missing file is created on the first answer, not before", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "memo.review.yaml");
    const store = await ReviewStore.open(file, {
      draftId: DRAFT,
      create: true,
      actor: "jroe",
      now: steppingClock(),
    });
    expect(store.snapshot()).toEqual({ apiVersion: "preclear/v1", kind: "Review", draft: DRAFT });
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });

    await store.setItemResponse("usms", "detention-capacity", {
      status: "satisfied",
      date: "2018-03-20",
    });

    expect(await readFile(file, "utf8")).toBe(
      [
        "apiVersion: preclear/v1",
        "kind: Review",
        `draft: ${DRAFT}`,
        "stakeholders:",
        "  usms:",
        "    items:",
        "      detention-capacity:",
        "        status: satisfied",
        "        date: 2018-03-20",
        "history:",
        "  - at: 2018-04-01T09:30:00Z",
        "    actor: jroe",
        "    stakeholder: usms",
        "    item: detention-capacity",
        "    from: null",
        "    to: satisfied",
        "",
      ].join("\n"),
    );
    expect(await leftovers(dir)).toEqual([]);
  });

  test("empty `{}` and `[]` placeholders grow into block style", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "memo.review.yaml");
    const scaffold = `apiVersion: preclear/v1\nkind: Review\ndraft: ${DRAFT}\nstakeholders: {}\nhistory: []\n`;
    await writeFile(file, scaffold);
    const store = await ReviewStore.open(file, {
      draftId: DRAFT,
      actor: "jroe",
      now: steppingClock(),
    });

    await store.setItemResponse("usms", "transport", { status: "open" });

    expect(await readFile(file, "utf8")).toBe(
      `apiVersion: preclear/v1\nkind: Review\ndraft: ${DRAFT}\n` +
        "stakeholders:\n  usms:\n    items:\n      transport:\n        status: open\n" +
        "history:\n  - at: 2018-04-01T09:30:00Z\n    actor: jroe\n    stakeholder: usms\n" +
        "    item: transport\n    from: null\n    to: open\n",
    );
  });

  test("a JSON review stays pretty-printed JSON", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "memo.review.json");
    const header = `{\n    "apiVersion": "preclear/v1",\n    "kind": "Review",\n    "draft": "${DRAFT}"`;
    await writeFile(file, `${header},\n    "stakeholders": {}\n}\n`);
    const store = await ReviewStore.open(file, {
      draftId: DRAFT,
      actor: "jroe",
      now: steppingClock(),
    });

    await store.setItemResponse("usms", "transport", { status: "open" });
    await store.setItemResponse("usms", "transport", { status: "satisfied" });

    const entry = (at: string, from: string | null, to: string) =>
      [
        "        {",
        `            "at": "${at}",`,
        '            "actor": "jroe",',
        '            "stakeholder": "usms",',
        '            "item": "transport",',
        `            "from": ${JSON.stringify(from)},`,
        `            "to": "${to}"`,
        "        }",
      ].join("\n");
    expect(await readFile(file, "utf8")).toBe(
      `${header},\n    "stakeholders": {\n        "usms": {\n            "items": {\n` +
        `                "transport": {\n                    "status": "satisfied"\n                }\n` +
        `            }\n        }\n    },\n    "history": [\n` +
        `${entry("2018-04-01T09:30:00Z", null, "open")},\n` +
        `${entry("2018-04-01T09:31:00Z", "open", "satisfied")}\n    ]\n}\n`,
    );
  });

  test("a missing review without `create` is an error naming it", async () => {
    const file = path.join(await tempDir(), "absent.review.yaml");
    await expect(ReviewStore.open(file, { draftId: DRAFT })).rejects.toMatchObject({
      name: "ReviewFileError",
      file,
      line: 1,
      column: 1,
    });
  });
});

describe("ReviewStore: concurrent sessions", () => {
  test("two sessions answering different items at once lose nothing", async () => {
    const { file } = await openFixture();
    const options = { draftId: DRAFT, now: steppingClock() };
    const alice = await ReviewStore.open(file, { ...options, actor: "alice" });
    const bob = await ReviewStore.open(file, { ...options, actor: "bob" });
    const items = Array.from({ length: 12 }, (_, i) => `item-${i}`);

    await Promise.all(
      items.flatMap((item) => [
        alice.setItemResponse("usms", item, { status: "satisfied", contact: "alice" }),
        bob.setItemResponse("usao-sdca", item, { status: "in-progress", contact: "bob" }),
      ]),
    );

    const review = parse(await readFile(file, "utf8"));
    for (const item of items) {
      expect(review.stakeholders.usms.items[item]).toEqual({
        status: "satisfied",
        contact: "alice",
      });
      expect(review.stakeholders["usao-sdca"].items[item]).toEqual({
        status: "in-progress",
        contact: "bob",
      });
    }
    expect(review.history).toHaveLength(1 + 2 * items.length);
    expect(await leftovers(path.dirname(file))).toEqual([]);
    // Each session saw the other's answers when it last saved or reloaded.
    expect(
      Object.keys((await alice.reload()).stakeholders?.["usao-sdca"]?.items ?? {}),
    ).toHaveLength(13);
  });

  test("a session re-reads before saving, so an earlier answer by another session is kept", async () => {
    const { file } = await openFixture();
    const first = await ReviewStore.open(file, { draftId: DRAFT, actor: "a" });
    const second = await ReviewStore.open(file, { draftId: DRAFT, actor: "b" });

    await second.setItemResponse("usao-sdca", "caseload", { status: "satisfied" });
    await first.setItemResponse("usms", "transport", { status: "satisfied" });

    const review = parse(await readFile(file, "utf8"));
    expect(review.stakeholders["usao-sdca"].items.caseload.status).toBe("satisfied");
    expect(review.stakeholders.usms.items.transport.status).toBe("satisfied");
    expect(first.snapshot().stakeholders?.["usao-sdca"]?.items?.caseload?.status).toBe("satisfied");
  });

  test("history records the status found on disk, not the stale one the session opened with", async () => {
    const { file } = await openFixture();
    const first = await ReviewStore.open(file, { draftId: DRAFT, actor: "a" });
    const second = await ReviewStore.open(file, { draftId: DRAFT, actor: "b" });

    await second.setItemResponse("usao-sdca", "caseload", { status: "in-progress" });
    await first.setItemResponse("usao-sdca", "caseload", { status: "satisfied" });

    const history = parse(await readFile(file, "utf8")).history;
    expect(history.at(-1)).toMatchObject({ actor: "a", from: "in-progress", to: "satisfied" });
  });
});

describe("ReviewStore: broken files are reported and never overwritten", () => {
  test.each([
    ["a syntax error", "stakeholders:\n  usms: {items: \n", 6, 17],
    ["a duplicate key", "stakeholders:\n  usms: {}\n  usms: {}\n", 7, 3],
    ["a list where a mapping belongs", "stakeholders:\n  - usms\n", 6, 3],
  ])("%s", async (_name, tail, line, column) => {
    const dir = await tempDir();
    const file = path.join(dir, "memo.review.yaml");
    await writeFile(file, `apiVersion: preclear/v1\nkind: Review\ndraft: ${DRAFT}\n`);
    const store = await ReviewStore.open(file, { draftId: DRAFT, actor: "a" });
    const broken = `apiVersion: preclear/v1\nkind: Review\ndraft: ${DRAFT}\n# edited meanwhile\n${tail}`;
    await writeFile(file, broken);

    const error = await store
      .setItemResponse("usms", "transport", { status: "open" })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ReviewFileError);
    expect(error).toMatchObject({ file, line, column });
    expect((error as Error).message).toMatch(new RegExp(`^${escape(file)}:${line}:${column}: \\S`));
    expect((error as Error).message).not.toContain("\n");
    expect(await readFile(file, "utf8")).toBe(broken);
    expect(await leftovers(dir)).toEqual([]);
  });

  test("a review of another draft is refused at its `draft:` line", async () => {
    const { file } = await openFixture();
    await expect(ReviewStore.open(file, { draftId: "other-memo" })).rejects.toMatchObject({
      file,
      line: 8,
      column: 8,
      message: expect.stringContaining(
        "review is for draft `zero-tolerance-2018`, not `other-memo`",
      ),
    });
  });
});

describe("ReviewStore: one parser of reviews", () => {
  test("a review the schema refuses is refused by the store too, with the loader's every problem", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "memo.review.yaml");
    const text =
      `apiVersion: preclear/v1\nkind: Review\ndraft: ${DRAFT}\n` +
      "stakeholders:\n  usms:\n    items:\n      transport:\n        status: satisfed\n" +
      "    decision:\n      status: non-concur\n";
    await writeFile(file, text);
    let fromLoader: unknown;
    try {
      loadReview(file, DRAFT);
    } catch (error) {
      fromLoader = error;
    }
    expect(fromLoader).toBeInstanceOf(PreclearError);
    const error = await ReviewStore.open(file, { draftId: DRAFT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewFileError);
    expect((error as PreclearError).diagnostics).toEqual((fromLoader as PreclearError).diagnostics);
    expect((error as PreclearError).diagnostics.length).toBeGreaterThan(0);
    expect(await readFile(file, "utf8")).toBe(text);
  });
});

describe("ReviewStore: symlinked review", () => {
  test("answers are written to the link's target and the link stays a link", async () => {
    const target = await copyFixture(HAND_EDITED);
    const linkDir = await tempDir();
    const link = path.join(linkDir, "memo.review.yaml");
    await symlink(target, link);
    await chmod(target, 0o640);

    const store = await ReviewStore.open(link, { draftId: DRAFT, actor: "a" });
    await store.setItemResponse("usao-sdca", "caseload", { status: "satisfied" });

    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, "utf8")).toContain(
      "status: satisfied     # nobody has called yet",
    );
    expect((await stat(target)).mode & 0o777).toBe(0o640);
    expect(await leftovers(linkDir)).toEqual([]);
    expect(await leftovers(path.dirname(target))).toEqual([]);
  });
});

describe("ReviewStore: failed saves", () => {
  test("a write failing midway leaves the review intact, no temp file, and the lock released", async () => {
    const { file, original } = await openFixture();
    let failing = true;
    const store = await ReviewStore.open(file, {
      draftId: DRAFT,
      actor: "a",
      fs: {
        write: async (handle, data) => {
          if (!failing) return handle.writeFile(data, "utf8");
          await handle.writeFile(data.slice(0, data.length / 2), "utf8");
          throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        },
      },
    });

    await expect(
      store.setItemResponse("usao-sdca", "caseload", { status: "satisfied" }),
    ).rejects.toThrow(
      `could not save ${file}: ENOSPC: no space left on device; the file was left unchanged`,
    );
    expect(await readFile(file, "utf8")).toBe(original);
    expect(await leftovers(path.dirname(file))).toEqual([]);

    failing = false;
    await store.setItemResponse("usao-sdca", "caseload", { status: "satisfied" });
    expect(await readFile(file, "utf8")).toContain("status: satisfied     # nobody has called yet");
  });
});

describe("ReviewStore: input checks", () => {
  test("ids and field names that the schema would reject are refused before touching the file", async () => {
    const { store } = await openFixture();
    await expect(store.setItemResponse("../etc", "x", { status: "open" })).rejects.toThrow(
      TypeError,
    );
    await expect(store.setItemResponse("usms", "x", { stauts: "open" } as never)).rejects.toThrow(
      "unknown item response field",
    );
    await expect(
      store.setItemResponse("usms", "brand-new", { notes: "no status" }),
    ).rejects.toThrow("needs a status");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
