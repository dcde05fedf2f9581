/**
 * The coordination order (SPEC section 1, `dependsOn`): a stakeholder comes
 * after everything it depends on, and otherwise keeps its checklist order, so
 * the same checklist always gives the same walk, report and explanation.
 */
import type { ResolvedStakeholder } from "../../src/core/load/checklist.js";
import { coordinationOrder } from "../../src/core/evaluate/evaluate.js";

/** Just what ordering looks at: an id and its dependencies. */
function stakeholder(id: string, dependsOn: string[] = []): ResolvedStakeholder {
  return {
    id,
    name: id,
    dependsOn,
    signoff: "required",
    items: [],
  } as unknown as ResolvedStakeholder;
}

function order(...list: ResolvedStakeholder[]): string[] {
  return coordinationOrder(list).map((s) => s.id);
}

describe("coordinationOrder", () => {
  test("without dependencies the checklist order is kept", () => {
    expect(order(stakeholder("c"), stakeholder("a"), stakeholder("b"))).toEqual(["c", "a", "b"]);
  });

  test("a stakeholder listed before its dependency moves after it, and no further", () => {
    // usms depends on usao-swb, listed later; bop and eoir keep their places.
    expect(
      order(
        stakeholder("bop"),
        stakeholder("usms", ["usao-swb"]),
        stakeholder("usao-swb"),
        stakeholder("eoir"),
      ),
    ).toEqual(["bop", "usao-swb", "usms", "eoir"]);
  });

  test("when several become ready, the earliest in the checklist goes first", () => {
    // a unlocks d (index 3); c (index 2) unlocks b (index 1): b must precede d.
    expect(
      order(stakeholder("a"), stakeholder("b", ["c"]), stakeholder("c"), stakeholder("d", ["a"])),
    ).toEqual(["a", "c", "b", "d"]);
  });

  test("a chain is followed to the end", () => {
    expect(order(stakeholder("z", ["y"]), stakeholder("y", ["x"]), stakeholder("x"))).toEqual([
      "x",
      "y",
      "z",
    ]);
  });

  test("a diamond puts the join after both branches", () => {
    expect(
      order(
        stakeholder("join", ["left", "right"]),
        stakeholder("right", ["root"]),
        stakeholder("left", ["root"]),
        stakeholder("root"),
      ),
    ).toEqual(["root", "right", "left", "join"]);
  });

  test("the same input gives the same order every time, and the input is not changed", () => {
    const list = [
      stakeholder("d", ["b"]),
      stakeholder("c"),
      stakeholder("b", ["a"]),
      stakeholder("a"),
    ];
    const before = list.map((s) => s.id);
    const first = order(...list);
    expect(order(...list)).toEqual(first);
    expect(list.map((s) => s.id)).toEqual(before);
    expect(first).toEqual(["c", "a", "b", "d"]);
  });

  test("dependencies on unknown stakeholders, on itself, or repeated do not block it", () => {
    expect(
      order(
        stakeholder("a", ["not-in-this-checklist"]),
        stakeholder("b", ["b"]),
        stakeholder("c", ["a", "a"]),
      ),
    ).toEqual(["a", "b", "c"]);
  });

  test("a cycle (a validation error) still lists everyone once, in checklist order", () => {
    expect(
      order(stakeholder("x"), stakeholder("a", ["b"]), stakeholder("b", ["a"]), stakeholder("y")),
    ).toEqual(["x", "y", "a", "b"]);
  });

  test("every stakeholder comes after each of its dependencies (random checklists)", () => {
    // A deterministic pseudo-random generator keeps the test reproducible.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 8);
      const ids = Array.from({ length: n }, (_, i) => `s${i}`);
      // Acyclic: each may depend only on stakeholders with a higher number…
      const list = ids.map((id, i) =>
        stakeholder(
          id,
          ids.slice(i + 1).filter(() => random() < 0.3),
        ),
      );
      // …listed in a shuffled order.
      const shuffled = [...list].sort(() => random() - 0.5);
      const result = order(...shuffled);
      expect([...result].sort()).toEqual([...ids].sort());
      for (const s of shuffled) {
        for (const dep of s.dependsOn) {
          expect(result.indexOf(dep)).toBeLessThan(result.indexOf(s.id));
        }
      }
    }
  });
});
