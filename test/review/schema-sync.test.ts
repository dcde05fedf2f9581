import { readFile } from "node:fs/promises";
import { DECISION_FIELDS, ITEM_RESPONSE_FIELDS } from "../../src/review/store.js";

describe("the store's field lists follow schemas/review.schema.json", () => {
  test("item response and decision fields", async () => {
    const schema = JSON.parse(
      await readFile(new URL("../../schemas/review.schema.json", import.meta.url), "utf8"),
    );
    expect([...ITEM_RESPONSE_FIELDS].sort()).toEqual(
      Object.keys(schema.$defs.itemResponse.properties).sort(),
    );
    expect([...DECISION_FIELDS].sort()).toEqual(
      Object.keys(schema.$defs.decision.properties).sort(),
    );
  });
});
