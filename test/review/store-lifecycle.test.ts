/**
 * The store's part-two setters: notice, tasking, escalation, scope-out and
 * comments — each saved with a history entry, comments and formatting of the
 * rest of the file kept, and bad calls refused without writing.
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
    actor: "tester",
    now: steppingClock(),
  });
  return { file, original, store };
}

describe("ReviewStore part-two records", () => {
  test("notice, tasking, escalation and scope-out are saved with one history entry each", async () => {
    const { file, original, store } = await open();
    await store.setNotice("usms", { date: "2018-03-01", means: "e-mail" });
    await store.setTasking("usms", { tasked: "2018-03-02", extendedTo: "2018-03-20" });
    await store.setEscalation("usms", { to: "Deputy Attorney General" });
    await store.setScopeOut("bop", { confirmedBy: "BOP", date: "2018-03-03", basis: "no custody" });
    const text = await readFile(file, "utf8");
    // The hand-written comment of the fixture survives.
    expect(text).toContain("# nobody has called yet");
    expect(text.startsWith(original.split("\n")[0]!)).toBe(true);
    const review = parse(text);
    expect(review.stakeholders.usms.notice).toEqual({ date: "2018-03-01", means: "e-mail" });
    expect(review.stakeholders.usms.tasking).toEqual({
      tasked: "2018-03-02",
      extendedTo: "2018-03-20",
    });
    expect(review.stakeholders.usms.escalation).toEqual({ to: "Deputy Attorney General" });
    expect(review.stakeholders.bop.scopeOut.basis).toBe("no custody");
    const added = review.history.slice(-4).map((h: { item: string; to: string }) => [h.item, h.to]);
    expect(added).toEqual([
      ["notice", "2018-03-01"],
      ["tasking", "tasked 2018-03-02, extended to 2018-03-20"],
      ["escalation", "pending"],
      ["scopeOut", "confirmed by BOP"],
    ]);

    // Saving the same record again changes nothing.
    const before = await readFile(file, "utf8");
    await store.setNotice("usms", { date: "2018-03-01", means: "e-mail" });
    expect(await readFile(file, "utf8")).toBe(before);
  });

  test("comments get the next free id; adjudication changes only the fields given", async () => {
    const { file, store } = await open();
    const first = await store.addComment("usms", { type: "critical", text: "Repealed authority." });
    const second = await store.addComment("usms", { type: "administrative", text: "Typo." });
    expect([first, second]).toEqual(["c1", "c2"]);
    await expect(
      store.addComment("usms", { id: "c1", type: "substantive", text: "x" }),
    ).rejects.toThrow("comment `c1` already exists");
    await store.updateComment("usms", "c1", {
      disposition: "rejected",
      response: "The authority is current.",
      resolution: "elevated",
    });
    const review = parse(await readFile(file, "utf8"));
    expect(review.stakeholders.usms.comments).toEqual([
      {
        id: "c1",
        type: "critical",
        text: "Repealed authority.",
        disposition: "rejected",
        response: "The authority is current.",
        resolution: "elevated",
      },
      { id: "c2", type: "administrative", text: "Typo." },
    ]);
    const last = review.history.at(-1);
    expect([last.item, last.from, last.to]).toEqual(["comment:c1", "pending", "rejected"]);
    await expect(store.updateComment("usms", "c9", { disposition: "accepted" })).rejects.toThrow(
      "usms has no comment `c9`",
    );
  });
});
