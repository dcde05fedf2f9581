/**
 * ReviewStore.updateStakeholder: several changes to one office's record in
 * one write (what `import` and `packet` record), keeping the hand-edited
 * layout, with one history entry per change carrying how it came in.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { ReviewStore } from "../../src/review/store.js";
import { copyFixture, DRAFT, steppingClock } from "./helpers.js";

async function open() {
  const file = await copyFixture("hand-edited.review.yaml");
  const original = await readFile(file, "utf8");
  const store = await ReviewStore.open(file, {
    draftId: DRAFT,
    actor: "clerk",
    now: steppingClock(),
  });
  return { file, original, store };
}

describe("ReviewStore.updateStakeholder", () => {
  test("writes items, comments, decision, notice and tasking at once, keeping comments and layout", async () => {
    const { file, store } = await open();
    const entries = await store.updateStakeholder(
      "usms",
      {
        items: { transport: { status: "satisfied", contact: "K. Doe" } },
        comments: [{ id: "c1", type: "substantive", text: "Add transport figures." }],
        decision: {
          status: "concur-with-comments",
          comments: "See c1.",
          by: "J. Roe",
          date: "2018-03-29",
        },
        notice: { date: "2018-03-20", means: "clearance packet" },
        tasking: { tasked: "2018-03-20", suspense: "2018-04-03" },
      },
      { via: "import", respondent: "J. Roe, Assistant Director", reason: "response of 2018-03-29" },
    );
    expect(entries.map((e) => e.item)).toEqual([
      "transport",
      "decision",
      "comment:c1",
      "notice",
      "tasking",
    ]);
    const text = await readFile(file, "utf8");
    // The hand-written comments and layout outside the change survive.
    for (const line of [
      "# Review of the zero-tolerance memo, kept by hand by the front office.",
      "draft: zero-tolerance-2018   # matches the memo's front matter",
      "        capacity: 1200   # beds, confirmed by phone",
      "      # Transport is the next call.",
      "        status: open     # nobody has called yet",
    ]) {
      expect(text).toContain(line);
    }
    const review = parse(text) as {
      stakeholders: { usms: Record<string, unknown> };
      history: Array<Record<string, unknown>>;
    };
    expect(review.stakeholders.usms.comments).toEqual([
      { id: "c1", type: "substantive", text: "Add transport figures." },
    ]);
    expect(review.stakeholders.usms.tasking).toEqual({
      tasked: "2018-03-20",
      suspense: "2018-04-03",
    });
    const added = review.history.slice(1);
    expect(added).toHaveLength(5);
    for (const entry of added) {
      expect(entry).toMatchObject({
        actor: "clerk",
        stakeholder: "usms",
        via: "import",
        respondent: "J. Roe, Assistant Director",
      });
    }
  });

  test("nothing new: nothing written, no history", async () => {
    const { file, store } = await open();
    const update = {
      comments: [{ id: "c1", type: "critical" as const, text: "Say where the children are." }],
      notice: { date: "2018-03-20" },
    };
    await store.updateStakeholder("usms", update);
    const once = await readFile(file, "utf8");
    expect(await store.updateStakeholder("usms", update)).toEqual([]);
    expect(await readFile(file, "utf8")).toBe(once);
  });

  test("a comment is merged by id: the action office's disposition is kept", async () => {
    const { file, store } = await open();
    await store.updateStakeholder("usms", {
      comments: [
        {
          id: "c1",
          type: "critical",
          text: "First wording.",
          disposition: "accepted",
          response: "Done.",
        },
      ],
    });
    await store.updateStakeholder("usms", {
      comments: [{ id: "c1", type: "critical", text: "Second wording." }],
    });
    const review = parse(await readFile(file, "utf8")) as {
      stakeholders: { usms: { comments: unknown[] } };
    };
    expect(review.stakeholders.usms.comments).toEqual([
      {
        id: "c1",
        type: "critical",
        text: "Second wording.",
        disposition: "accepted",
        response: "Done.",
      },
    ]);
  });

  test("a new notice replaces the old one whole", async () => {
    const { file, store } = await open();
    await store.updateStakeholder("usms", {
      notice: { date: "2018-03-20", by: "OAG", means: "e-mail" },
    });
    await store.updateStakeholder("usms", {
      notice: { date: "2018-03-25", means: "clearance packet" },
    });
    const review = parse(await readFile(file, "utf8")) as {
      stakeholders: { usms: { notice: unknown } };
    };
    expect(review.stakeholders.usms.notice).toEqual({
      date: "2018-03-25",
      means: "clearance packet",
    });
  });
});
