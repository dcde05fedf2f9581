/**
 * The test projects stay layered (jest.config.js): a `unit` test runs
 * in-process only, so the built CLI cannot be spawned from one by accident.
 */
import { spawnCli } from "../helpers/cli.js";
import { measureCli } from "../hardening/helpers/measure.js";

test("in the unit project, running bin/preclear.js is refused with where the test belongs", () => {
  expect(process.env.PRECLEAR_TEST_PROJECT).toBe("unit");
  expect(() => spawnCli(["--version"])).toThrow(/list this file under E2E in jest\.config\.js/);
  expect(() => measureCli(["--version"])).toThrow(/list this file under E2E/);
});
