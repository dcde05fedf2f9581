import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { ReviewFileError } from "../../src/review/errors.js";
import { ReviewStore } from "../../src/review/store.js";
import { copyFixture, DRAFT, leftovers, steppingClock, tempDir } from "./helpers.js";

async function openFragments() {
  const dir = await copyFixture("fragments.review");
  const originals = new Map<string, string>();
  for (const name of await readdir(dir))
    originals.set(name, await readFile(path.join(dir, name), "utf8"));
  const store = await ReviewStore.open(dir, {
    draftId: DRAFT,
    actor: "liaison",
    now: steppingClock(),
  });
  const unchangedExcept = async (...changed: string[]) => {
    for (const [name, text] of originals) {
      if (!changed.includes(name))
        expect({ name, text: await readFile(path.join(dir, name), "utf8") }).toEqual({
          name,
          text,
        });
    }
  };
  return { dir, store, originals, unchangedExcept };
}

describe("ReviewStore on a directory of fragments", () => {
  test("merges the fragments: facts, stakeholders, and history in time order", async () => {
    const { store } = await openFragments();
    const review = store.snapshot();
    expect(review.facts).toEqual({ custody: "both" });
    expect(Object.keys(review.stakeholders ?? {}).sort()).toEqual([
      "ao-uscourts",
      "courts",
      "usms",
    ]);
    expect(review.history?.map((h) => h.at)).toEqual([
      "2018-03-01T09:00:00Z",
      "2018-03-20T14:02:11Z",
    ]);
    expect(store.files.map((f) => path.basename(f))).toEqual([
      "_review.yaml",
      "courts.yaml",
      "usms.yaml",
    ]);
  });

  test("an answer goes to the fragment that holds the stakeholder, with its history entry", async () => {
    const { dir, store, originals, unchangedExcept } = await openFragments();

    await store.setItemResponse("ao-uscourts", "interpreters", {
      status: "satisfied",
      contact: "AO Interpreters",
    });

    expect(await readFile(path.join(dir, "courts.yaml"), "utf8")).toBe(
      originals
        .get("courts.yaml")!
        .replace(
          "        status: in-progress\n",
          "        status: satisfied\n        contact: AO Interpreters\n",
        ) +
        "history:\n  - at: 2018-04-01T09:30:00Z\n    actor: liaison\n    stakeholder: ao-uscourts\n" +
        "    item: interpreters\n    from: in-progress\n    to: satisfied\n",
    );
    await unchangedExcept("courts.yaml");
  });

  test("a stakeholder not yet in any fragment gets its own `<id>.yaml`", async () => {
    const { dir, store, unchangedExcept } = await openFragments();

    await store.setDecision("hhs-orr", {
      status: "concur-with-comments",
      comments: "needs a data flag",
      date: "2018-04-02",
    });

    expect(await readFile(path.join(dir, "hhs-orr.yaml"), "utf8")).toBe(
      [
        "apiVersion: preclear/v1",
        "kind: Review",
        `draft: ${DRAFT}`,
        "stakeholders:",
        "  hhs-orr:",
        "    decision:",
        "      status: concur-with-comments",
        "      comments: needs a data flag",
        "      date: 2018-04-02",
        "history:",
        "  - at: 2018-04-01T09:30:00Z",
        "    actor: liaison",
        "    stakeholder: hhs-orr",
        "    item: decision",
        "    from: null",
        "    to: concur-with-comments",
        "",
      ].join("\n"),
    );
    await unchangedExcept();
    expect(await leftovers(dir)).toEqual([]);
    expect(store.snapshot().stakeholders?.["hhs-orr"]?.decision?.status).toBe(
      "concur-with-comments",
    );
  });

  test("facts go to the fragment that already has facts", async () => {
    const { dir, store, originals, unchangedExcept } = await openFragments();

    await store.setFact("projectedDefendantsPerMonth", 3000);

    const shared = await readFile(path.join(dir, "_review.yaml"), "utf8");
    expect(shared).toBe(
      originals
        .get("_review.yaml")!
        .replace("  custody: both\n", "  custody: both\n  projectedDefendantsPerMonth: 3000\n") +
        '  - at: 2018-04-01T09:30:00Z\n    actor: liaison\n    item: fact:projectedDefendantsPerMonth\n    from: null\n    to: "3000"\n',
    );
    await unchangedExcept("_review.yaml");
  });

  test("without any facts yet, facts go to a new `_review.yaml`", async () => {
    const dir = path.join(await tempDir(), "memo.review");
    await mkdir(dir);
    await writeFile(
      path.join(dir, "usms.yaml"),
      `apiVersion: preclear/v1\nkind: Review\ndraft: ${DRAFT}\nstakeholders:\n  usms:\n    items: {}\n`,
    );
    const store = await ReviewStore.open(dir, {
      draftId: DRAFT,
      actor: "oag",
      now: steppingClock(),
    });

    await store.setFact("custody", "both");

    expect((await readdir(dir)).sort()).toEqual(["_review.yaml", "usms.yaml"]);
    expect(parse(await readFile(path.join(dir, "_review.yaml"), "utf8"))).toEqual({
      apiVersion: "preclear/v1",
      kind: "Review",
      draft: DRAFT,
      facts: { custody: "both" },
      history: [
        { at: "2018-04-01T09:30:00Z", actor: "oag", item: "fact:custody", from: null, to: "both" },
      ],
    });
  });

  test("a new directory review is created on the first answer", async () => {
    const dir = path.join(await tempDir(), "memo.review");
    const store = await ReviewStore.open(dir, { draftId: DRAFT, create: true, actor: "a" });
    expect(store.directory).toBe(true);

    await store.setItemResponse("usms", "transport", { status: "open" });

    expect(await readdir(dir)).toEqual(["usms.yaml"]);
    expect(await leftovers(path.dirname(dir))).toEqual([]);
  });

  test("a stakeholder in two fragments is an error naming both files (the core's merge, as `check` says it)", async () => {
    const dir = await copyFixture("duplicate.review");
    const error = await ReviewStore.open(dir, { draftId: DRAFT }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ReviewFileError);
    expect(error).toMatchObject({ file: path.join(dir, "b-usms-again.yaml"), line: 9, column: 3 });
    expect((error as Error).message).toBe(
      `${path.join(dir, "b-usms-again.yaml")}:9:3: stakeholder \`usms\` is also recorded in ` +
        `a-usms.yaml; a stakeholder belongs in one fragment`,
    );
  });

  test("a duplicate appearing while the session runs stops the save and changes nothing", async () => {
    const { dir, store, originals } = await openFragments();
    const copy = originals.get("usms.yaml")!;
    await writeFile(path.join(dir, "zz-usms-copy.yaml"), copy);

    await expect(store.setItemResponse("usms", "transport", { status: "open" })).rejects.toThrow(
      /zz-usms-copy\.yaml:5:3: stakeholder `usms` is also recorded in usms\.yaml; a stakeholder belongs in one fragment$/,
    );
    expect(await readFile(path.join(dir, "usms.yaml"), "utf8")).toBe(copy);
  });
});
